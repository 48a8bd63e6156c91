package org.linli.central.privacy;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.linli.central.activities.Activities;
import org.linli.central.booking.Bookings;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.NotFound;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * A resident's data erased at their request (PIPL art. 47). What they still had coming is called off the way staff
 * would call it off: upcoming bookings cancelled (their tokens revoked, so the doors are told through the usual
 * revocation lists) and sign-ups cancelled (the waitlist moves up). Then their identity goes: the resident row (the
 * phone's keyed hash, its last four digits, when seen, their cards and no-show lift), and every link from what stays
 * to them. What stays is what the hub's figures count, without a person: bookings, tickets, check-ins, sign-ups,
 * no-shows and ratings, each without a resident; the phone endings, booking purposes, cancel reasons and rating
 * comments of their rows are blanked, and the request fingerprints of their rows (a hash over the phone's keyed hash)
 * dropped. The same phone later is a new resident.
 */
public final class Erasure {
    private static final System.Logger LOG = System.getLogger(Erasure.class.getName());

    private final Database db;
    private final Bookings bookings;
    private final Activities activities;
    private final Clock clock;

    public Erasure(Database db, Bookings bookings, Activities activities, Clock clock) {
        this.db = db;
        this.bookings = bookings;
        this.activities = activities;
        this.clock = clock;
    }

    /** What an erasure did. */
    public record Erased(int bookingsCancelled, int signupsCancelled) {
    }

    private record SignupRef(String activity, long signup) {
    }

    // a booking or sign-up made while the erasure runs is found by the check in its last transaction: one more round
    private static final int ROUNDS = 3;
    private static final int AGAIN = -1;

    /**
     * @throws NotFound when there is no such resident (erased already)
     * @throws IllegalStateException when bookings or sign-ups kept coming in for three rounds
     */
    public Erased erase(long residentId) {
        int bookingsCancelled = 0;
        int signupsCancelled = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long now = clock.instant().getEpochSecond();
            bookingsCancelled += cancelBookings(upcomingBookings(residentId, now));
            List<SignupRef> signups = db.read(c -> upcomingSignups(c, residentId, now));
            signups.forEach(s -> activities.cancel(s.activity(), s.signup()));
            signupsCancelled += signups.size();
            int deleted = db.write(c -> {
                // inside the one writer: nothing can be booked or signed up between this check and the delete
                if (!Sql.list(c, UPCOMING_BOOKINGS, rs -> rs.getLong(1), residentId, now).isEmpty()
                        || !upcomingSignups(c, residentId, now).isEmpty()) {
                    return AGAIN;
                }
                return unlinkAndDelete(c, residentId);
            });
            if (deleted == 0) {
                throw new NotFound("no resident " + residentId);
            }
            if (deleted != AGAIN) {
                LOG.log(Level.INFO, "erased a resident's data at their request: " + bookingsCancelled
                        + " bookings and " + signupsCancelled + " sign-ups cancelled");
                return new Erased(bookingsCancelled, signupsCancelled);
            }
        }
        throw new IllegalStateException("a resident's bookings kept coming in during " + ROUNDS + " erasure rounds");
    }

    private static final String UPCOMING_BOOKINGS = "SELECT id FROM booking WHERE resident_id = ?"
            + " AND status = 'active' AND end_ts > ?";

    private List<Long> upcomingBookings(long residentId, long now) {
        return db.read(c -> Sql.list(c, UPCOMING_BOOKINGS, rs -> rs.getLong(1), residentId, now));
    }

    private static List<SignupRef> upcomingSignups(Connection c, long residentId, long now) throws SQLException {
        return Sql.list(c, "SELECT a.id, s.id FROM activity_signup s JOIN activity a ON a.id = s.activity_id"
                + " WHERE s.resident_id = ? AND " + ResidentRecords.UPCOMING_SIGNUP,
                rs -> new SignupRef(rs.getString(1), rs.getLong(2)), residentId, now);
    }

    private int cancelBookings(List<Long> ids) {
        int cancelled = 0;
        for (long id : ids) {
            try {
                // staff erase on the resident's word wherever they booked: the hub check is the route's
                if (bookings.cancel(id, hub -> true).status().equals("cancelled")) {
                    cancelled++;
                }
            } catch (Conflict e) {
                // checked in meanwhile: it is used, no longer upcoming; its link goes like any past one's
                LOG.log(Level.DEBUG, "booking " + id + " was used before the erasure could cancel it");
            }
        }
        return cancelled;
    }

    /** @return how many residents were deleted (0: none, erased already) */
    private static int unlinkAndDelete(Connection c, long residentId) throws SQLException {
        Sql.update(c, "UPDATE booking SET phone_last4 = NULL, purpose = '', cancel_reason = NULL,"
                + " request_hash = NULL, idempotency_key = NULL WHERE resident_id = ?", residentId);
        Sql.update(c, "UPDATE checkin SET request_hash = NULL, idempotency_key = NULL WHERE resident_id = ?",
                residentId);
        Sql.update(c, "UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND (" + ResidentRecords.RATED
                + ")", residentId, residentId, residentId);
        // the sign-ups stay for the activity's figures (they would go with the resident: ON DELETE CASCADE)
        Sql.update(c, "UPDATE activity_signup SET resident_id = NULL, request_hash = NULL, idempotency_key = NULL"
                + " WHERE resident_id = ?", residentId);
        // bookings, tickets, check-ins and no-shows lose their resident by ON DELETE SET NULL
        return Sql.update(c, "DELETE FROM resident WHERE id = ?", residentId);
    }
}
