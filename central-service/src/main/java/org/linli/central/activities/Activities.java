package org.linli.central.activities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.Activity;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.events.ActivityEvent;
import org.linli.central.events.EventBus;
import org.linli.central.events.SignupsEvent;
import org.linli.central.residents.Resident;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.store.Idempotency;
import org.linli.central.web.Times;

/** Sign-ups for activities: confirmed up to the capacity, then a waitlist that moves up when someone cancels. */
public final class Activities {
    private final Database db;
    private final Catalogue catalogue;
    private final Residents residents;
    private final EventBus events;
    private final Clock clock;
    private final NoShowGate noShowGate;

    /** Until when a resident may not sign up because of no-shows, if at all. */
    @FunctionalInterface
    public interface NoShowGate {
        Optional<Instant> blockedUntil(long residentId);
    }

    /** @param noShowGate the no-show rule: residents it blocks cannot sign up (it spans every resource of every hub) */
    public Activities(Database db, Catalogue catalogue, Residents residents, EventBus events, Clock clock,
            NoShowGate noShowGate) {
        this.db = db;
        this.catalogue = catalogue;
        this.residents = residents;
        this.events = events;
        this.clock = clock;
        this.noShowGate = noShowGate;
    }

    public List<Map<String, Object>> list(Hub hub, Instant from, Instant to) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Activity a : catalogue.activities(hub.id(), from, to)) {
            int[] counts = db.read(c -> new int[] {count(c, a.id(), "confirmed"), count(c, a.id(), "waitlisted")});
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.id());
            row.put("title", a.title());
            row.put("room", a.roomId());
            row.put("start", Times.format(a.start(), hub.timezone()));
            row.put("end", Times.format(a.end(), hub.timezone()));
            row.put("capacity", a.capacity());
            row.put("signedUp", counts[0]);
            row.put("waitlisted", counts[1]);
            result.add(row);
        }
        return result;
    }

    private static int count(Connection c, String activityId, String status) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM activity_signup WHERE activity_id = ? AND status = ?")) {
            st.setString(1, activityId);
            st.setString(2, status);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The outcome of a sign-up; {@code position} is 0 when confirmed, else the place on the waitlist. */
    public record Signup(long id, String status, int position) {
    }

    /** A sign-up as the API shows it, and whether an earlier try with the same key had made it. */
    public record Signed(Signup signup, boolean replayed) {
    }

    /**
     * Signs a resident up (again: the same answer), by phone or resident card.
     *
     * @param callerHub the kiosk's hub, or null for staff of all hubs
     * @param reaches whether the caller may act on a hub ({@code Guard.reaches}): another's activity is not found
     * @param idempotencyKey the same for every try of one sign-up, or null: a key seen before answers the sign-up it
     *     made (another request with it is a 422)
     */
    public Signed signUp(String activityId, String phone, Consent consent, String token, String callerHub,
            java.util.function.Predicate<String> reaches, String idempotencyKey) {
        long now = clock.instant().getEpochSecond();
        // the phone is hashed only when the key was used before, or when the sign-up is made
        Supplier<String> fingerprint = () -> Secrets.sha256(String.join("|", activityId, String.valueOf(callerHub),
                phone != null ? "phone:" + residents.hmac(phone) : "token:" + token));
        refuseIfBlocked(activityId, phone, token, reaches);
        Signed signed = db.write(c -> {
            if (idempotencyKey != null) {
                OptionalLong earlier = Idempotency.earlier(c, "activity_signup", idempotencyKey, fingerprint,
                        "sign-up");
                if (earlier.isPresent()) {
                    return new Signed(signup(c, earlier.getAsLong()), true);
                }
            }
            Activity activity = Catalogue.activity(c, activityId)
                    .filter(a -> reaches.test(a.hubId()))
                    .orElseThrow(() -> new NotFound("no activity " + activityId));
            if (activity.cancelled()) {
                throw new RuleViolation("activity-cancelled", "this activity was cancelled");
            }
            if (!activity.end().isAfter(clock.instant())) {
                throw new RuleViolation("activity-over", "this activity is over");
            }
            Resident resident = phone != null ? residents.byPhone(c, phone, consent)
                    : residents.byCard(c, token, activity.hubId(), consent);
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, status FROM activity_signup WHERE activity_id = ? AND resident_id = ?")) {
                st.setString(1, activityId);
                st.setLong(2, resident.id());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && !rs.getString(2).equals("cancelled")) {
                        return new Signed(signup(c, rs.getLong(1)), false);
                    }
                }
            }
            String status = count(c, activityId, "confirmed") < activity.capacity() ? "confirmed" : "waitlisted";
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO activity_signup (activity_id, resident_id, status, created_ts, idempotency_key,
                        request_hash, via) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (activity_id, resident_id) DO UPDATE SET status = excluded.status,
                        created_ts = excluded.created_ts, idempotency_key = excluded.idempotency_key,
                        request_hash = excluded.request_hash, via = excluded.via
                    RETURNING id""")) {
                st.setString(1, activityId);
                st.setLong(2, resident.id());
                st.setString(3, status);
                st.setLong(4, now);
                st.setString(5, idempotencyKey);
                st.setString(6, idempotencyKey == null ? null : fingerprint.get());
                st.setString(7, consent.via());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Signed(signup(c, rs.getLong(1)), false);
                }
            }
        });
        if (!signed.replayed()) {
            changed(activityId);
        }
        return signed;
    }

    /** Once committed, tells the activity's hub its sign-ups changed ({@code signups} event: counts, no resident). */
    private void changed(String activityId) {
        catalogue.activity(activityId).ifPresent(a -> {
            int[] counts = db.read(c -> new int[] {count(c, a.id(), "confirmed"), count(c, a.id(), "waitlisted")});
            events.publish(new SignupsEvent(a.hubId(), a.id(), counts[0], counts[1]));
        });
    }

    /**
     * Refuses a resident the no-show rule blocks (no-show-blocked), unless they hold a place already: a retried
     * sign-up answers the one made. Checked before the write transaction, like a booking's (the rule is a deterrent:
     * a no-show recorded in between lets one sign-up through); an activity unknown, called off or over is left to
     * the sign-up's own refusals.
     */
    private void refuseIfBlocked(String activityId, String phone, String token,
            java.util.function.Predicate<String> reaches) {
        Optional<Activity> activity = db.read(c -> Catalogue.activity(c, activityId))
                .filter(a -> reaches.test(a.hubId()) && !a.cancelled() && a.end().isAfter(clock.instant()));
        if (activity.isEmpty()) {
            return;
        }
        Residents.Claim claim = residents.claim(phone, token, activity.get().hubId());
        Optional<Long> resident = db.read(c -> residents.existingId(c, claim));
        if (resident.isEmpty() || db.read(c -> holdsPlace(c, activityId, resident.get()))) {
            return;
        }
        noShowGate.blockedUntil(resident.get()).ifPresent(until -> {
            throw new RuleViolation("no-show-blocked", "after several bookings, queue numbers or activities that"
                    + " this resident did not come to, they can sign up again from "
                    + Times.format(until, catalogue.requireHub(activity.get().hubId()).timezone()));
        });
    }

    private static boolean holdsPlace(Connection c, String activityId, long residentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM activity_signup WHERE activity_id = ? AND resident_id = ? AND status <> 'cancelled'")) {
            st.setString(1, activityId);
            st.setLong(2, residentId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Calls an activity off: it leaves the lists of what is on, nobody can sign up, its sign-ups and waitlist are
     * cancelled, and its SEQUENCE rises so that subscribed calendars take the change; once committed, an
     * {@code activity} event tells the hub's screens (the kiosks mark it called off). Again: nothing more happens.
     *
     * @return how many residents held a place or a waitlist place (staff tell them)
     */
    public int cancelActivity(Activity activity, Hub hub) {
        long now = clock.instant().getEpochSecond();
        // -1: it was called off already
        int signUps = db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE activity SET cancelled_ts = ?, sequence = sequence + 1
                    WHERE id = ? AND cancelled_ts IS NULL""")) {
                st.setLong(1, now);
                st.setString(2, activity.id());
                if (st.executeUpdate() == 0) {
                    return -1;
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE activity_signup SET status = 'cancelled'
                    WHERE activity_id = ? AND status IN ('confirmed', 'waitlisted')""")) {
                st.setString(1, activity.id());
                return st.executeUpdate();
            }
        });
        if (signUps < 0) {
            return 0;
        }
        events.publish(new ActivityEvent(activity.id(), hub.id(), activity.roomId(), activity.title(),
                Times.format(activity.start(), hub.timezone()), Times.format(activity.end(), hub.timezone()),
                activity.capacity(), "cancelled"));
        return signUps;
    }

    /** Cancels a sign-up; the first on the waitlist moves up when a confirmed place frees. */
    public Signup cancel(String activityId, long signupId) {
        Signup cancelled = db.write(c -> {
            Signup current = signup(c, signupId);
            if (current == null || !activityOf(c, signupId).equals(activityId)) {
                throw new NotFound("no sign-up " + signupId + " for activity " + activityId);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE activity_signup SET status = 'cancelled' WHERE id = ?")) {
                st.setLong(1, signupId);
                st.executeUpdate();
            }
            if (current.status().equals("confirmed")) {
                try (PreparedStatement st = c.prepareStatement("""
                        UPDATE activity_signup SET status = 'confirmed' WHERE id = (
                          SELECT id FROM activity_signup WHERE activity_id = ? AND status = 'waitlisted'
                          ORDER BY created_ts, id LIMIT 1)""")) {
                    st.setString(1, activityId);
                    st.executeUpdate();
                }
            }
            return signup(c, signupId);
        });
        changed(activityId);
        return cancelled;
    }

    private static String activityOf(Connection c, long signupId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT activity_id FROM activity_signup WHERE id = ?")) {
            st.setLong(1, signupId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static Signup signup(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT s.status, (SELECT count(*) FROM activity_signup w WHERE w.activity_id = s.activity_id
                    AND w.status = 'waitlisted' AND (w.created_ts < s.created_ts
                    OR (w.created_ts = s.created_ts AND w.id <= s.id)))
                FROM activity_signup s WHERE s.id = ?""")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String status = rs.getString(1);
                return new Signup(id, status, status.equals("waitlisted") ? rs.getInt(2) : 0);
            }
        }
    }
}
