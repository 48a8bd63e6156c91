package org.linli.central.noshow;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.linli.central.booking.Booking;
import org.linli.central.booking.Bookings;
import org.linli.central.store.Database;
import org.linli.central.store.Leases;
import org.linli.central.store.Sql;
import org.linli.central.timers.Timers;

/**
 * Sensor-verified bookings. The server itself (a timer, no cron) releases an active booking whose room showed no
 * presence and had no check-in for the configured time after its start: the slot is free again, its token is
 * revoked (the revocation list is published on its {@code booking} event) and the resident's no-show is recorded.
 * A booking whose token opened the door while the room shows presence is marked used.
 *
 * <p>Only rooms the sensors watch are judged: a room without a device online says nothing about presence.
 */
public final class NoShowRelease implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NoShowRelease.class.getName());
    // A door accepts a booking's token a little before its start (the verifier's grace); so do we.
    private static final Duration EARLY = Duration.ofMinutes(30);

    private final Database db;
    private final Bookings bookings;
    private final Clock clock;
    private final Duration after;
    private final Duration sweep;
    private final Predicate<String> watched;
    private final Predicate<String> occupiedNow;
    private final Leases leases;
    private final ScheduledExecutorService timer = Timers.single("linli-no-show");

    /**
     * @param watched whether a room has a sensor online now
     * @param occupiedNow whether a room's sensors say someone is inside now
     */
    public NoShowRelease(Database db, Bookings bookings, Clock clock, Duration after, Duration sweep,
            Predicate<String> watched, Predicate<String> occupiedNow, Leases leases) {
        this.db = db;
        this.bookings = bookings;
        this.clock = clock;
        this.after = after;
        this.sweep = sweep;
        this.watched = watched;
        this.occupiedNow = occupiedNow;
        this.leases = leases;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sweepSafely, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            // one replica sweeps; another takes over when it has missed three sweeps
            leases.runIfHeld("no-show-release", sweep.multipliedBy(3), this::releaseNoShows);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the no-show sweep failed; it runs again in " + sweep.toSeconds() + " s", e);
        }
    }

    /** Releases every booking that is a no-show now. @return the bookings released */
    public List<Booking> releaseNoShows() {
        Instant now = clock.instant();
        List<Booking> released = new ArrayList<>();
        for (Booking candidate : candidates(now.getEpochSecond())) {
            if (!watched.test(candidate.roomId()) || occupiedNow.test(candidate.roomId())) {
                continue;
            }
            bookings.releaseNoShow(candidate.id(), now).ifPresent(booking -> {
                released.add(booking);
                LOG.log(Level.INFO, "released booking " + booking.id() + " of room " + booking.roomId()
                        + ": nobody came within " + after.toMinutes() + " minutes of its start");
            });
        }
        return released;
    }

    private List<Booking> candidates(long now) {
        long cutoff = now - after.toSeconds();
        return db.read(c -> Sql.list(c, """
                SELECT b.id FROM booking b
                WHERE b.status = 'active' AND b.kind = 'resident' AND b.start_ts <= ? AND b.end_ts > ?
                  AND NOT EXISTS (SELECT 1 FROM checkin k WHERE k.booking_id = b.id)
                  AND NOT EXISTS (SELECT 1 FROM occupancy_sample s WHERE s.room_id = b.room_id
                                  AND s.occupied = 1 AND s.ts >= b.start_ts * 1000 AND s.ts <= ? * 1000)""",
                rs -> rs.getLong(1), cutoff, now, now)).stream().flatMap(id -> bookings.find(id).stream()).toList();
    }

    /**
     * A room turned occupied or its door let a booking's token in: when both hold for an active booking running
     * now (or about to), it is used.
     */
    public void roomActivity(String roomId) {
        if (!occupiedNow.test(roomId)) {
            return;
        }
        Instant now = clock.instant();
        List<Long> ids = db.read(c -> Sql.list(c, """
                SELECT b.id FROM booking b
                WHERE b.room_id = ? AND b.status = 'active' AND b.start_ts <= ? AND b.end_ts > ?
                  AND EXISTS (SELECT 1 FROM device_event e WHERE e.booking_id = CAST(b.id AS TEXT)
                              AND e.type = 'access.granted')""", rs -> rs.getLong(1), roomId,
                now.getEpochSecond() + EARLY.toSeconds(), now.getEpochSecond()));
        // one cancelled or released between the query and now stays as it is
        ids.forEach(id -> bookings.markUsedIfActive(id, now));
    }

    @Override
    public void close() {
        Timers.stop(timer, "the no-show release");
    }
}
