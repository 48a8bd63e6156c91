package org.linli.central.catalogue;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.store.Sql;
import org.linli.central.web.Json;
import org.linli.central.web.ProblemException;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/**
 * Retiring a room, a service or a counter the hub no longer has ({@code POST …/retire}, {@code …/unretire}): never
 * deleted, since bookings, tickets, reports and the audit log keep referring to it, but offered nowhere. Not while it
 * is still in use: a room with bookings or activities to come, a service with tickets today, a counter open or
 * serving are refused with a 409 that says what to end first, in numbers the page puts in its own words.
 */
public final class Retiring {
    /** What a catalogue entry that can be retired tells. */
    public interface Retirable {
        boolean retired();
    }

    /** The entries still in use, in their order: what kiosks, desks, boards and consoles offer. */
    public static <T extends Retirable> List<T> inUse(List<T> all) {
        return all.stream().filter(entry -> !entry.retired()).toList();
    }

    private final Catalogue catalogue;
    private final Guard guard;
    private final Clock clock;

    Retiring(Catalogue catalogue, Guard guard, Clock clock) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.clock = clock;
    }

    void routing(HttpRules rules) {
        rules.post("/rooms/{room}/retire", (req, res) -> room(req, res, true))
                .post("/rooms/{room}/unretire", (req, res) -> room(req, res, false))
                .post("/services/{service}/retire", (req, res) -> service(req, res, true))
                .post("/services/{service}/unretire", (req, res) -> service(req, res, false))
                .post("/counters/{counter}/retire", (req, res) -> counter(req, res, true))
                .post("/counters/{counter}/unretire", (req, res) -> counter(req, res, false));
    }

    private void room(ServerRequest req, ServerResponse res, boolean retire) {
        Room room = catalogue.requireRoom(Requests.id(req, "room"));
        Hub hub = allowed(req, room.hubId());
        set(req, res, "room", room.id(), hub, retire, c -> {
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
            throw inUse("room-in-use", "The room is still booked", "the room " + room.id() + " has " + bookings
                    + " booking(s) and " + activities + " activit(ies) still to come, the last ending " + end
                    + "; cancel them first (the bookings desk, the activities list)",
                    Map.of("bookings", bookings, "activities", activities, "until", end));
        });
    }

    private static long last(Connection c, String table, String live, String roomId) throws SQLException {
        return Sql.one(c, "SELECT max(end_ts) FROM " + table + " WHERE room_id = ? AND " + live,
                rs -> rs.getLong(1), roomId).orElse(0L);
    }

    private void service(ServerRequest req, ServerResponse res, boolean retire) {
        ServiceItem service = catalogue.requireService(Requests.id(req, "service"));
        Hub hub = allowed(req, service.hubId());
        set(req, res, "service", service.id(), hub, retire, c -> {
            String today = LocalDate.ofInstant(clock.instant(), hub.timezone()).toString();
            int tickets = Sql.number(c, "SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? "
                    + "AND state IN ('waiting', 'called')", service.id(), today);
            if (tickets > 0) {
                throw inUse("service-in-use", "Residents still wait for the service", tickets + " ticket(s) of "
                        + service.id() + " are still waiting or being served today; serve them first, or transfer "
                        + "them to another service at a counter", Map.of("tickets", tickets));
            }
        });
    }

    private void counter(ServerRequest req, ServerResponse res, boolean retire) {
        Counter counter = catalogue.counter(Requests.id(req, "counter"))
                .orElseThrow(() -> new org.linli.central.errors.NotFound("no counter with that id"));
        Hub hub = allowed(req, counter.hubId());
        set(req, res, "counter", counter.id(), hub, retire, c -> {
            boolean open = Sql.number(c, "SELECT is_open FROM counter WHERE id = ?", counter.id()) != 0;
            int serving = Sql.number(c, "SELECT count(*) FROM ticket WHERE counter_id = ? AND state = 'called'",
                    counter.id());
            if (open || serving > 0) {
                // a counter nobody ever closed counts as open (V186): the clerk closes it at the end, as every day
                throw inUse("counter-in-use", "The counter is still in use", "the counter " + counter.id()
                        + (serving > 0 ? " is serving a ticket; complete or transfer it" : " is open")
                        + ", then close it (POST /api/v1/counters/" + counter.id() + "/close) before retiring it",
                        Map.of("open", open, "serving", serving));
            }
        });
    }

    /** The entry's hub, for an admin of it or of a hub above it, as for changing the entry. */
    private Hub allowed(ServerRequest req, String hubId) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        guard.requireHub(caller, hubId);
        return catalogue.requireHub(hubId);
    }

    private void set(ServerRequest req, ServerResponse res, String kind, String id, Hub hub, boolean retire,
            InUse check) {
        Instant at = clock.instant();
        catalogue.retire(kind, id, hub.id(), retire ? at : null, c -> {
            if (retire) {
                check.refuse(c);
            }
        });
        Requests.auditNote(req, hub.id(), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("hub", hub.id());
        body.put("retired", retire);
        Json.ok(res, body);
    }

    private static ProblemException inUse(String type, String title, String detail, Map<String, Object> counts) {
        return new ProblemException(409, type, title, detail, List.of(), counts);
    }

    /** Refuses, inside the retiring transaction, an entry still in use. */
    @FunctionalInterface
    interface InUse {
        void refuse(Connection c) throws SQLException;
    }
}
