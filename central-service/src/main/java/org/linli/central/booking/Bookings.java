package org.linli.central.booking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.OpeningHours;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Room;
import org.linli.central.doorkeys.DoorKeysPublisher;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.events.BookingEvent;
import org.linli.central.events.EventBus;
import org.linli.central.residents.Resident;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.store.Dialect;
import org.linli.central.store.Idempotency;
import org.linli.central.store.RandomIds;
import org.linli.central.store.Sql;
import org.linli.central.web.Times;
import org.linli.protocol.payload.RoomRevokedPayload;
import org.linli.protocol.token.AccessToken;

/** Availability, booking, cancelling and the revocation list. */
public final class Bookings {
    private final Database db;
    private final Catalogue catalogue;
    private final Residents residents;
    private final TokenKeys keys;
    private final EventBus events;
    private final Clock clock;
    private final NoShowGate noShowGate;

    /** Until when a resident may not book because of no-shows, if at all. */
    @FunctionalInterface
    public interface NoShowGate {
        Optional<Instant> blockedUntil(long residentId);
    }

    /** @param noShowGate the no-show rule: residents it blocks cannot book (it spans every room of every hub) */
    public Bookings(Database db, Catalogue catalogue, Residents residents, TokenKeys keys, EventBus events,
            Clock clock, NoShowGate noShowGate) {
        this.db = db;
        this.catalogue = catalogue;
        this.residents = residents;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
        this.noShowGate = noShowGate;
    }

    /** The outcome of a create: the booking, and whether it was made now or replayed for a retried key. */
    public record Created(Booking booking, boolean replayed) {
    }

    /** A slot of a room's day; {@code maintenance} when staff blocked it (not free, and no resident's booking). */
    public record Slot(Instant start, Instant end, boolean free, boolean maintenance) {
    }

    /** A room's slots on a date; a retired room has none to offer, and a kiosk asking is told so. */
    public List<Slot> availability(Room room, Hub hub, LocalDate date) {
        if (room.retired()) {
            throw Retiring.retired("room", room.id());
        }
        Optional<OpeningHours.Day> hours = catalogue.hours(hub).on(date);
        if (hours.isEmpty()) {
            return List.of();
        }
        Instant open = LocalDateTime.of(date, hours.get().open()).atZone(hub.timezone()).toInstant();
        Instant close = LocalDateTime.of(date, hours.get().close()).atZone(hub.timezone()).toInstant();
        List<long[]> taken = db.read(c -> Sql.list(c, """
                SELECT start_ts, end_ts, kind = 'maintenance' FROM booking
                WHERE room_id = ? AND status IN ('active', 'used') AND start_ts < ? AND end_ts > ?""",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getBoolean(3) ? 1 : 0}, room.id(),
                close.getEpochSecond(), open.getEpochSecond()));
        List<Slot> slots = new ArrayList<>();
        long step = room.rules().slotMinutes() * 60L;
        for (long s = open.getEpochSecond(); s + step <= close.getEpochSecond(); s += step) {
            long start = s;
            boolean free = taken.stream().noneMatch(t -> t[0] < start + step && start < t[1]);
            boolean blocked = taken.stream().anyMatch(t -> t[2] == 1 && t[0] < start + step && start < t[1]);
            slots.add(new Slot(Instant.ofEpochSecond(s), Instant.ofEpochSecond(s + step), free, blocked));
        }
        return slots;
    }

    /**
     * Books a room. The overlap rule is enforced by the database trigger inside one {@code BEGIN IMMEDIATE}
     * transaction, so of many concurrent requests for one slot exactly one wins.
     *
     * @param reaches whether the caller may act on a hub ({@code Guard.reaches})
     */
    public Created create(BookingRequest request, Predicate<String> reaches, String idempotencyKey) {
        Room room = catalogue.room(request.roomId()).orElseThrow(() -> new RuleViolation("unknown-room",
                "there is no room " + request.roomId()));
        if (room.retired()) {
            throw Retiring.retired("room", room.id());
        }
        Hub hub = catalogue.requireHub(room.hubId());
        if (!reaches.test(hub.id())) {
            throw new Forbidden("the rooms of hub " + hub.id() + " are not the caller's to book");
        }
        Instant now = clock.instant();
        Optional<Created> replay = idempotencyKey == null ? Optional.empty() : replay(idempotencyKey, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        BookingRules.check(hub, catalogue.hours(hub), room, request, now);
        // Hashing, verifying a card and the no-show lookup need no lock: done here, the one writer thread only runs
        // the checks that must see the latest bookings, and the insert. (A no-show released between this check and
        // the insert lets one booking through; the rule is a deterrent, not an invariant like the overlap rule.)
        Residents.Claim claim = residents.claim(request.phone(), request.consent(), request.residentToken(),
                hub.id());
        String fingerprint = idempotencyKey == null ? null : fingerprint(request, claim.phoneHmac());
        db.read(c -> residents.existingId(c, claim)).flatMap(noShowGate::blockedUntil).ifPresent(until -> {
            throw new RuleViolation("no-show-blocked", "after several bookings, queue numbers or activities that"
                    + " this resident did not come to, they can book again from " + Times.format(until, hub.timezone()));
        });
        Created created = db.write(c -> {
            if (idempotencyKey != null) {
                Optional<Created> again = replay(c, idempotencyKey, () -> fingerprint);
                if (again.isPresent()) {
                    return again.get();
                }
            }
            Retiring.refuseIfRetired(c, "room", room.id());
            Resident resident = residents.resolve(c, claim);
            if (activeCount(c, resident.id(), now) >= room.rules().maxActivePerResident()) {
                throw new RuleViolation("too-many-bookings", "one resident may hold "
                        + room.rules().maxActivePerResident() + " bookings that have not ended yet");
            }
            if (overlaps(c, room.id(), request.start(), request.end())) {
                throw new SlotTakenException();
            }
            long id = insert(c, hub, request, resident, idempotencyKey, fingerprint, now);
            return new Created(new Booking(id, hub.id(), room.id(), request.start(), request.end(), "active",
                    resident.phoneLast4(), request.attendees(), request.purpose(), resident.id()), false);
        });
        if (!created.replayed()) {
            events.publish(event(created.booking(), hub));
        }
        return created;
    }

    private Optional<Created> replay(String key, BookingRequest request) {
        // the phone is hashed only when the key was used before
        return db.read(c -> replay(c, key, () -> fingerprint(request,
                request.phone() == null ? null : residents.hmac(request.phone()))));
    }

    /** The booking made earlier with this key; 422 when that booking was another request. */
    private static Optional<Created> replay(Connection c, String key, Supplier<String> fingerprint)
            throws SQLException {
        OptionalLong id = Idempotency.earlier(c, "booking", key, fingerprint, "booking request");
        return id.isEmpty() ? Optional.empty() : Optional.of(new Created(find(c, id.getAsLong()).orElseThrow(), true));
    }

    /** The fingerprint with the phone replaced by its keyed hash, so no phone number is stored. */
    private static String fingerprint(BookingRequest request, String phoneHmac) {
        String who = phoneHmac != null ? phoneHmac : request.residentToken();
        return org.linli.central.auth.Secrets.sha256(request.fingerprint() + "|" + who);
    }

    private static int activeCount(Connection c, long residentId, Instant now) throws SQLException {
        return Sql.number(c, "SELECT count(*) FROM booking WHERE resident_id = ? AND status = 'active' AND end_ts > ?",
                residentId, now.getEpochSecond());
    }

    private static boolean overlaps(Connection c, String roomId, Instant start, Instant end) throws SQLException {
        return Sql.one(c, """
                SELECT 1 FROM booking WHERE room_id = ? AND status IN ('active', 'used')
                  AND start_ts < ? AND end_ts > ? LIMIT 1""", rs -> true, roomId, end.getEpochSecond(),
                start.getEpochSecond()).isPresent();
    }

    private static long insert(Connection c, Hub hub, BookingRequest request, Resident resident, String key,
            String fingerprint, Instant now) throws SQLException {
        try {
            long id = unusedId(c);
            return Sql.one(c, """
                    INSERT INTO booking (id, hub_id, room_id, start_ts, end_ts, resident_id, phone_last4, attendees,
                        purpose, status, created_ts, changed_ts, idempotency_key, request_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                    id, hub.id(), request.roomId(), request.start().getEpochSecond(), request.end().getEpochSecond(),
                    resident.id(), resident.phoneLast4(), request.attendees(), request.purpose(),
                    now.getEpochSecond(), now.getEpochSecond(), key, fingerprint).orElseThrow();
        } catch (SQLException e) {
            // The database is the last word on overlaps, whatever the check above saw.
            if (Dialect.overlapRefused(e)) {
                throw new SlotTakenException();
            }
            throw e;
        }
    }

    /** A random id no booking has (RandomIds: ids are in URLs and in door tokens). */
    static long unusedId(Connection c) throws SQLException {
        return RandomIds.unused(c, "booking");
    }

    public Optional<Booking> find(long id) {
        return db.read(c -> find(c, id));
    }

    /**
     * The booking, if it is in a hub the caller reaches; else not found, as if it did not exist.
     *
     * @param reaches whether the caller may act on a hub ({@code Guard.reaches})
     */
    public Booking require(long id, Predicate<String> reaches) {
        return find(id).filter(booking -> reaches.test(booking.hubId()))
                .orElseThrow(() -> new NotFound("no booking " + id));
    }

    static Optional<Booking> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM booking WHERE id = ?", rs -> new Booking(rs.getLong("id"),
                rs.getString("hub_id"), rs.getString("room_id"), Instant.ofEpochSecond(rs.getLong("start_ts")),
                Instant.ofEpochSecond(rs.getLong("end_ts")), rs.getString("status"), rs.getString("phone_last4"),
                rs.getInt("attendees"), rs.getString("purpose"), Sql.nullableLong(rs, "resident_id")), id);
    }

    /** Cancels a booking and so revokes its token; cancelling twice is harmless. */
    public Booking cancel(long id, Predicate<String> reaches) {
        require(id, reaches);
        long now = clock.instant().getEpochSecond();
        Booking booking = db.write(c -> {
            Booking current = find(c, id).orElseThrow(() -> new NotFound("no booking " + id));
            if (current.status().equals("used")) {
                throw new Conflict("booking-used", "The booking was used",
                        "a booking that was already checked in cannot be cancelled");
            }
            if (current.status().equals("active")) {
                setStatus(c, id, "cancelled", now);
            }
            return find(c, id).orElseThrow();
        });
        Hub hub = catalogue.requireHub(booking.hubId());
        events.publish(event(booking, hub));
        return booking;
    }

    /**
     * Releases an active booking nobody came to: the slot is free again, its token revoked, and the resident's
     * no-show recorded (the no-show rule counts them).
     *
     * @return the released booking; empty when it was no longer active (cancelled or used meanwhile)
     */
    public Optional<Booking> releaseNoShow(long id, Instant now) {
        long ts = now.getEpochSecond();
        Optional<Booking> released = db.write(c -> {
            if (!changeStatus(c, id, "active", "released", ts)) {
                return Optional.<Booking>empty();
            }
            Booking booking = find(c, id).orElseThrow();
            Sql.update(c, "INSERT INTO booking_no_show (booking_id, resident_id, released_ts) VALUES (?, ?, ?)", id,
                    booking.residentId(), ts);
            return Optional.of(booking);
        });
        released.ifPresent(this::published);
        return released;
    }

    /**
     * Marks an active booking used: its token opened the door and the sensors see someone inside.
     *
     * @return the booking; empty when it was no longer active (cancelled or released meanwhile)
     */
    public Optional<Booking> markUsedIfActive(long id, Instant now) {
        long ts = now.getEpochSecond();
        Optional<Booking> used = db.write(c -> changeStatus(c, id, "active", "used", ts) ? find(c, id)
                : Optional.<Booking>empty());
        used.ifPresent(this::published);
        return used;
    }

    /** @return whether the booking was in state {@code from} and now is in {@code to} */
    private static boolean changeStatus(Connection c, long id, String from, String to, long now) throws SQLException {
        return Sql.update(c, "UPDATE booking SET status = ?, changed_ts = ? WHERE id = ? AND status = ?", to, now, id,
                from) == 1;
    }

    /** Marks a booking used at check-in, inside the caller's transaction. */
    public static Booking markUsed(Connection c, long id, long now) throws SQLException {
        Booking booking = find(c, id).orElseThrow(() -> new RuleViolation("token-not-accepted",
                "the booking of this token does not exist"));
        if (booking.status().equals("cancelled") || booking.status().equals("released")) {
            throw new RuleViolation("token-not-accepted", "this booking was " + booking.status());
        }
        if (booking.status().equals("active")) {
            setStatus(c, id, "used", now);
        }
        return find(c, id).orElseThrow();
    }

    private static void setStatus(Connection c, long id, String status, long now) throws SQLException {
        Sql.update(c, "UPDATE booking SET status = ?, changed_ts = ? WHERE id = ?", status, now, id);
    }

    /** Ids of cancelled or released bookings of a hub whose tokens have not expired: what doors must refuse. */
    public List<String> revoked(String hubId) {
        long now = clock.instant().getEpochSecond();
        return db.read(c -> Sql.list(c, """
                SELECT id FROM booking WHERE hub_id = ? AND status IN ('cancelled', 'released') AND end_ts > ?
                ORDER BY id""", rs -> Long.toString(rs.getLong(1)), hubId, now));
    }

    /**
     * What a room's doors must know about its bookings not yet ended that overlap {@code [from, until)} (epoch
     * seconds): the windows of the cancelled or released ones and of maintenance blocks, and the valid (active or
     * used) ones. The door's list
     * is made from them ({@code RoomRevokedPayload.of}), so its size depends on the slots of the span, not on how
     * many were cancelled.
     */
    public DoorKeysPublisher.Source roomBookings(String roomId, long from, long until) {
        List<RoomRevokedPayload.Window> cancelled = new ArrayList<>();
        List<RoomRevokedPayload.Booking> valid = new ArrayList<>();
        db.read(c -> Sql.list(c, """
                SELECT id, start_ts, end_ts, status, kind FROM booking
                WHERE room_id = ? AND start_ts < ? AND end_ts > ?""", rs -> {
            long start = rs.getLong(2);
            long end = rs.getLong(3);
            // a room blocked for maintenance: no token opens it then, whatever was signed before
            boolean blocked = rs.getString(5).equals("maintenance") && !rs.getString(4).equals("cancelled");
            switch (blocked ? "cancelled" : rs.getString(4)) {
                case "cancelled", "released" -> cancelled.add(new RoomRevokedPayload.Window(start, end));
                default -> valid.add(new RoomRevokedPayload.Booking(Long.toString(rs.getLong(1)), start, end));
            }
            return null;
        }, roomId, until, Math.max(from, clock.instant().getEpochSecond())));
        return new DoorKeysPublisher.Source(cancelled, valid);
    }

    /** The booking's access token; Ed25519 signatures are deterministic, so it is the same text every time. */
    public String token(Booking booking) {
        return keys.sign(kid -> AccessToken.booking(kid, booking.id(), booking.hubId(), booking.roomId(),
                booking.start(), booking.end()));
    }

    private static BookingEvent event(Booking booking, Hub hub) {
        return new BookingEvent(booking.id(), booking.hubId(), booking.roomId(),
                Times.format(booking.start(), hub.timezone()), Times.format(booking.end(), hub.timezone()),
                booking.status());
    }

    void published(Booking booking) {
        events.publish(event(booking, catalogue.requireHub(booking.hubId())));
    }
}
