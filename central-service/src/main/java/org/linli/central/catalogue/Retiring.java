package org.linli.central.catalogue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.RuleViolation;
import org.linli.central.store.Sql;
import org.linli.central.web.Times;

/**
 * Retiring a room, a service or a counter the hub no longer has ({@link RetireService}): never deleted, since
 * bookings, tickets, reports and the audit log keep referring to it, but offered nowhere. Not while it is still in
 * use: a room with bookings or activities to come, a service with tickets today, a counter open or serving are
 * refused with a 409 that says what to end first, in numbers the page puts in its own words. These are the checks,
 * run inside the retiring's write transaction, and the one every booking and ticket runs inside its own.
 */
public final class Retiring {
    private Retiring() {
    }

    /** What a catalogue entry that can be retired tells. */
    public interface Retirable {
        boolean retired();
    }

    /** Refuses, inside the retiring transaction, an entry still in use. */
    @FunctionalInterface
    interface InUse {
        void refuse(Connection c) throws SQLException;
    }

    /** The entries still in use, in their order: what kiosks, desks, boards and consoles offer. */
    public static <T extends Retirable> List<T> inUse(List<T> all) {
        return all.stream().filter(entry -> !entry.retired()).toList();
    }

    /**
     * Refuses, inside a write transaction, a room or service retired since the caller read the catalogue: its cache
     * (up to ten seconds, or until another replica's notice arrives) or a retiring committed in between would let
     * one booking or ticket through. Write transactions are serialised on both stores, so this is the last word.
     */
    public static void refuseIfRetired(Connection c, String kind, String id) throws SQLException {
        refuseIfRetiredBy(c, kind, id, Instant.MAX);
    }

    /**
     * Refuses, inside a write transaction, what was done at {@code at} with a room or service retired by then. A
     * visit a kiosk kept while offline and sends after the service was retired happened while it was offered, and is
     * kept; one made after the retiring comes from a kiosk that has not seen the catalogue since, and is refused.
     */
    public static void refuseIfRetiredBy(Connection c, String kind, String id, Instant at) throws SQLException {
        String table = switch (kind) {
            case "room", "service" -> kind;
            default -> throw new IllegalArgumentException(kind);
        };
        if (Sql.number(c, "SELECT count(*) FROM " + table + " WHERE id = ? AND retired_ts <= ?", id,
                at.getEpochSecond()) > 0) {
            throw retired(kind, id);
        }
    }

    /** The refusal of a room ({@code room-retired}) or a service ({@code service-retired}) no longer in use. */
    public static RuleViolation retired(String kind, String id) {
        return new RuleViolation(kind + "-retired", "the " + kind + " " + id + " is no longer "
                + (kind.equals("room") ? "in use" : "offered") + " (retired)");
    }

    /** A room with bookings or activities still to come. */
    static InUse room(Room room, Hub hub, Clock clock) {
        return c -> {
            long now = clock.instant().getEpochSecond();
            int bookings = Sql.number(c, "SELECT count(*) FROM booking WHERE room_id = ? AND status = 'active' "
                    + "AND end_ts > ?", room.id(), now);
            int activities = Sql.number(c, "SELECT count(*) FROM activity WHERE room_id = ? AND end_ts > ? "
                    + "AND cancelled_ts IS NULL", room.id(), now);
            if (bookings + activities == 0) {
                return;
            }
            long until = Math.max(last(c, "booking", "status = 'active'", room.id()),
                    last(c, "activity", "cancelled_ts IS NULL", room.id()));
            String end = Times.format(Instant.ofEpochSecond(until), hub.timezone());
            throw new Conflict("room-in-use", "The room is still booked", "the room " + room.id() + " has "
                    + bookings + " booking(s) and " + activities + " activit(ies) still to come, the last ending "
                    + end + "; cancel them first (the bookings desk, the activities list)",
                    Map.of("bookings", bookings, "activities", activities, "until", end));
        };
    }

    private static long last(Connection c, String table, String live, String roomId) throws SQLException {
        return Sql.one(c, "SELECT max(end_ts) FROM " + table + " WHERE room_id = ? AND " + live,
                rs -> rs.getLong(1), roomId).orElse(0L);
    }

    /** A service with tickets waiting or being served today. */
    static InUse service(ServiceItem service, Hub hub, Clock clock) {
        return c -> {
            String today = LocalDate.ofInstant(clock.instant(), hub.timezone()).toString();
            int tickets = Sql.number(c, "SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? "
                    + "AND state IN ('waiting', 'called')", service.id(), today);
            if (tickets > 0) {
                throw new Conflict("service-in-use", "Residents still wait for the service", tickets
                        + " ticket(s) of " + service.id() + " are still waiting or being served today; serve them "
                        + "first, or transfer them to another service at a counter", Map.of("tickets", tickets));
            }
        };
    }

    /** A counter open or serving. */
    static InUse counter(Counter counter) {
        return c -> {
            boolean open = Sql.number(c, "SELECT is_open FROM counter WHERE id = ?", counter.id()) != 0;
            int serving = Sql.number(c, "SELECT count(*) FROM ticket WHERE counter_id = ? AND state = 'called'",
                    counter.id());
            if (open || serving > 0) {
                // a counter nobody ever closed counts as open (V186): the clerk closes it at the end, as every day
                throw new Conflict("counter-in-use", "The counter is still in use", "the counter " + counter.id()
                        + (serving > 0 ? " is serving a ticket; complete or transfer it" : " is open")
                        + ", then close it (POST /api/v1/counters/" + counter.id() + "/close) before retiring it",
                        Map.of("open", open, "serving", serving));
            }
        };
    }
}
