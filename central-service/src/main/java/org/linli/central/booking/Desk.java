package org.linli.central.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.linli.central.catalogue.Room;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.residents.Resident;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.store.Dialect;
import org.linli.central.store.Sql;

/**
 * The bookings desk: a hub's bookings by room for staff, cancelling with a reason, rooms blocked for maintenance, and a
 * resident's own bookings found by their card at a kiosk.
 */
public final class Desk {
    private final Database db;
    private final Bookings bookings;
    private final Residents residents;
    private final Clock clock;

    public Desk(Database db, Bookings bookings, Residents residents, Clock clock) {
        this.db = db;
        this.bookings = bookings;
        this.residents = residents;
        this.clock = clock;
    }

    /** A booking as the desk shows it; {@code kind} is resident or maintenance. */
    public record Entry(long id, String hubId, String roomId, Instant start, Instant end, String status, String kind,
            String phoneLast4, int attendees, String purpose, String cancelReason) {
    }

    private static final String COLUMNS = "id, hub_id, room_id, start_ts, end_ts, status, kind, phone_last4,"
            + " attendees, purpose, cancel_reason";

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochSecond(rs.getLong(4)),
                Instant.ofEpochSecond(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                rs.getString(10), rs.getString(11));
    }

    /** The hub's bookings that overlap {@code [from, until)}, by start. */
    public List<Entry> list(String hubId, Instant from, Instant until) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM booking WHERE hub_id = ? AND start_ts < ?"
                + " AND end_ts > ? ORDER BY start_ts, room_id", Desk::entry, hubId, until.getEpochSecond(),
                from.getEpochSecond()));
    }

    /**
     * Cancels a booking (its token is revoked) and keeps why.
     *
     * @param reaches whether the caller may act on the booking's hub
     */
    public Entry cancel(long id, String reason, Predicate<String> reaches) {
        Booking booking = bookings.cancel(id, reaches);
        if (booking.status().equals("cancelled")) {
            db.write(c -> Sql.update(c, "UPDATE booking SET cancel_reason = coalesce(cancel_reason, ?) WHERE id = ?",
                    reason, id));
        }
        return find(id);
    }

    /**
     * Blocks a room for maintenance: residents cannot book it then and no door token is valid in it. Bookings already
     * in the span must be cancelled first (409 slot-taken), so nobody loses a booking without being told.
     */
    public Entry block(Room room, Instant start, Instant end, String reason) {
        Instant now = clock.instant();
        if (!end.isAfter(now)) {
            throw new RuleViolation("in-the-past", "the block ends in the past");
        }
        long id = db.write(c -> {
            try {
                long fresh = Bookings.unusedId(c);
                Sql.update(c, """
                        INSERT INTO booking (id, hub_id, room_id, start_ts, end_ts, attendees, purpose, status, kind,
                            created_ts, changed_ts) VALUES (?, ?, ?, ?, ?, 1, ?, 'active', 'maintenance', ?, ?)""",
                        fresh, room.hubId(), room.id(), start.getEpochSecond(), end.getEpochSecond(), reason,
                        now.getEpochSecond(), now.getEpochSecond());
                return fresh;
            } catch (SQLException e) {
                if (Dialect.overlapRefused(e)) { // the trigger, or PostgreSQL's exclusion constraint
                    throw new Conflict("slot-taken", "The room is booked then",
                            "the room has bookings in that time; cancel them first");
                }
                throw e;
            }
        });
        bookings.published(bookings.find(id).orElseThrow());
        return find(id);
    }

    /** A resident's bookings in the hub that have not ended, found by the card they showed (422 when refused). */
    public List<Entry> ofResident(String cardToken, String hubId) {
        Residents.Claim claim = residents.claim(null, cardToken, hubId);
        long now = clock.instant().getEpochSecond();
        return db.read(c -> {
            Resident resident = residents.known(c, claim);
            return Sql.list(c, "SELECT " + COLUMNS + " FROM booking WHERE resident_id = ? AND hub_id = ?"
                    + " AND status = 'active' AND end_ts > ? ORDER BY start_ts", Desk::entry, resident.id(), hubId,
                    now);
        });
    }

    /** Cancels one of the card holder's bookings in the hub; another's is not found, as if it did not exist. */
    public Entry cancelByResident(String cardToken, String hubId, long id) {
        boolean theirs = ofResident(cardToken, hubId).stream().anyMatch(e -> e.id() == id);
        if (!theirs) {
            throw new NotFound("no booking " + id + " of this card that has not ended");
        }
        bookings.cancel(id, hubId::equals);
        return find(id);
    }

    private Entry find(long id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM booking WHERE id = ?", Desk::entry, id))
                .orElseThrow(() -> new NotFound("no booking " + id));
    }
}
