package org.linli.central.noshow;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.store.Database;
import org.linli.central.store.Leases;
import org.linli.central.store.Sql;
import org.linli.central.timers.Timers;

/**
 * Sign-ups nobody came to (docs/decisions/0024). A timer judges each activity once it has ended: every confirmed
 * sign-up without a check-in of its resident for that activity is recorded as a no-show of that resident. A sign-up
 * cancelled, still on the waitlist, or of an activity staff called off is none; nor is any sign-up of an activity
 * nobody checked in to (the hub took no attendance there, so nothing says who came). One replica judges (a lease);
 * judging again records nothing twice, so a replica that took the lease over mid-way does no harm.
 */
public final class SignupNoShows implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SignupNoShows.class.getName());

    private final Database db;
    private final Clock clock;
    private final Duration sweep;
    private final Leases leases;
    private final ScheduledExecutorService timer = Timers.single("linli-signup-no-shows");

    public SignupNoShows(Database db, Clock clock, Duration sweep, Leases leases) {
        this.db = db;
        this.clock = clock;
        this.sweep = sweep;
        this.leases = leases;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sweepSafely, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            leases.runIfHeld("signup-no-shows", sweep.multipliedBy(3), this::judgeEnded);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "judging the sign-ups of ended activities failed; it runs again in "
                    + sweep.toSeconds() + " s", e);
        }
    }

    /** Judges every activity that has ended since it was last run. @return the no-shows recorded */
    public int judgeEnded() {
        long now = clock.instant().getEpochSecond();
        int recorded = db.write(c -> {
            // the sub-select's WHERE also tells SQLite that ON CONFLICT belongs to the INSERT
            int found = Sql.update(c, """
                    INSERT INTO signup_no_show (signup_id, activity_id, resident_id, missed_ts)
                    SELECT s.id, a.id, s.resident_id, a.end_ts FROM activity a
                    JOIN activity_signup s ON s.activity_id = a.id
                    WHERE a.no_shows_judged = 0 AND a.end_ts <= ? AND a.cancelled_ts IS NULL
                      AND s.status = 'confirmed' AND s.resident_id IS NOT NULL
                      AND EXISTS (SELECT 1 FROM checkin t WHERE t.activity_id = a.id)
                      AND NOT EXISTS (SELECT 1 FROM checkin k
                                      WHERE k.activity_id = a.id AND k.resident_id = s.resident_id)
                    ON CONFLICT (signup_id) DO NOTHING""", now);
            Sql.update(c, "UPDATE activity SET no_shows_judged = 1 WHERE no_shows_judged = 0 AND end_ts <= ?", now);
            return found;
        });
        if (recorded > 0) {
            LOG.log(Level.INFO, "recorded " + recorded + " sign-ups of ended activities that nobody came to");
        }
        return recorded;
    }

    @Override
    public void close() {
        Timers.stop(timer, "the sign-up no-shows");
    }
}
