package org.linli.central.noshow;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.linli.central.booking.Booking;
import org.linli.central.booking.Bookings;
import org.linli.central.errors.RuleViolation;
import org.linli.central.events.EventBus;
import org.linli.central.store.Database;

/**
 * Sensor-verified bookings. The server itself (a timer, no cron) releases an active booking whose room showed no
 * presence and had no check-in for the configured time after its start: the slot is free again, its token is
 * revoked (the revocation list is published on the {@code booking} event) and the resident's no-show is recorded.
 * A booking whose token opened the door while the room shows presence is marked used.
 *
 * <p>Only rooms the sensors watch are judged: a room without a device online says nothing about presence.
 */
public final class NoShowRelease implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NoShowRelease.class.getName());
    // A door accepts a booking's token a little before its start (the verifier's grace); so do we.
    private static final Duration EARLY = Duration.ofMinutes(30);

    private final Database db;
    private final EventBus events;
    private final Clock clock;
    private final Duration after;
    private final Duration sweep;
    private final Predicate<String> watched;
    private final Predicate<String> occupiedNow;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("linli-no-show").daemon(true).factory());

    /**
     * @param watched whether a room has a sensor online now
     * @param occupiedNow whether a room's sensors say someone is inside now
     */
    public NoShowRelease(Database db, EventBus events, Clock clock, Duration after, Duration sweep,
            Predicate<String> watched, Predicate<String> occupiedNow) {
        this.db = db;
        this.events = events;
        this.clock = clock;
        this.after = after;
        this.sweep = sweep;
        this.watched = watched;
        this.occupiedNow = occupiedNow;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sweepSafely, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            releaseNoShows();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the no-show sweep failed; it runs again in " + sweep.toSeconds() + " s", e);
        }
    }

    /** Releases every booking that is a no-show now. @return the bookings released */
    public List<Booking> releaseNoShows() {
        long now = clock.instant().getEpochSecond();
        List<Booking> released = new ArrayList<>();
        for (Booking candidate : candidates(now)) {
            if (!watched.test(candidate.roomId()) || occupiedNow.test(candidate.roomId())) {
                continue;
            }
            Booking booking = db.write(c -> release(c, candidate, now));
            if (booking != null) {
                released.add(booking);
                LOG.log(Level.INFO, "released booking " + booking.id() + " of room " + booking.roomId()
                        + ": nobody came within " + after.toMinutes() + " minutes of its start");
                events.publish("booking", event(booking));
            }
        }
        return released;
    }

    private List<Booking> candidates(long now) {
        long cutoff = now - after.toSeconds();
        return db.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT b.id FROM booking b
                    WHERE b.status = 'active' AND b.start_ts <= ? AND b.end_ts > ?
                      AND NOT EXISTS (SELECT 1 FROM checkin k WHERE k.booking_id = b.id)
                      AND NOT EXISTS (SELECT 1 FROM occupancy_sample s WHERE s.room_id = b.room_id
                                      AND s.occupied = 1 AND s.ts >= b.start_ts * 1000 AND s.ts <= ? * 1000)""")) {
                st.setLong(1, cutoff);
                st.setLong(2, now);
                st.setLong(3, now);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<Booking> bookings = new ArrayList<>();
            for (long id : ids) {
                find(c, id).ifPresent(bookings::add);
            }
            return bookings;
        });
    }

    private static Booking release(Connection c, Booking candidate, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE booking SET status = 'released', changed_ts = ? WHERE id = ? AND status = 'active'")) {
            st.setLong(1, now);
            st.setLong(2, candidate.id());
            if (st.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO booking_no_show (booking_id, resident_id, released_ts) VALUES (?, ?, ?)")) {
            st.setLong(1, candidate.id());
            if (candidate.residentId() == null) {
                st.setNull(2, java.sql.Types.INTEGER);
            } else {
                st.setLong(2, candidate.residentId());
            }
            st.setLong(3, now);
            st.executeUpdate();
        }
        return find(c, candidate.id()).orElseThrow();
    }

    /**
     * A room turned occupied or its door let a booking's token in: when both hold for an active booking running
     * now (or about to), it is used.
     */
    public void roomActivity(String roomId) {
        if (!occupiedNow.test(roomId)) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        List<Long> ids = db.read(c -> {
            List<Long> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT b.id FROM booking b
                    WHERE b.room_id = ? AND b.status = 'active' AND b.start_ts <= ? AND b.end_ts > ?
                      AND EXISTS (SELECT 1 FROM device_event e WHERE e.booking_id = CAST(b.id AS TEXT)
                                  AND e.type = 'access.granted')""")) {
                st.setString(1, roomId);
                st.setLong(2, now + EARLY.toSeconds());
                st.setLong(3, now);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
            return found;
        });
        for (long id : ids) {
            try {
                Booking used = db.write(c -> Bookings.markUsed(c, id, now));
                events.publish("booking", event(used));
            } catch (RuleViolation cancelledMeanwhile) {
                // cancelled or released between the query and now: nothing to mark
            }
        }
    }

    private static java.util.Optional<Booking> find(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, hub_id, room_id, start_ts, end_ts, status, phone_last4, attendees, purpose, resident_id"
                        + " FROM booking WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                long resident = rs.getLong(10);
                Long residentId = rs.wasNull() ? null : resident;
                return java.util.Optional.of(new Booking(rs.getLong(1), rs.getString(2), rs.getString(3),
                        java.time.Instant.ofEpochSecond(rs.getLong(4)), java.time.Instant.ofEpochSecond(rs.getLong(5)),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), residentId));
            }
        }
    }

    private static Map<String, Object> event(Booking booking) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hub", booking.hubId());
        data.put("id", booking.id());
        data.put("room", booking.roomId());
        data.put("status", booking.status());
        return data;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
