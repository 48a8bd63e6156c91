package org.linli.central.store;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Which of several central replicas runs a timer (see V171__timer_leases.sql): a job runs only in the replica holding
 * its lease, which it takes when the lease is free or has run out and renews at every run. A replica killed mid-way
 * holds its leases until they run out; one closed normally gives them back. SQLite is one process by construction
 * (the file is not shared), so there every job simply runs.
 */
public final class Leases {
    private static final System.Logger LOG = System.getLogger(Leases.class.getName());

    private final Database db;
    private final Clock clock;
    private final String holder;

    public Leases(Database db, Clock clock) {
        this(db, clock, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    Leases(Database db, Clock clock, String holder) {
        this.db = db;
        this.clock = clock;
        this.holder = holder;
    }

    /** This replica's name in the lease table. */
    public String holder() {
        return holder;
    }

    /**
     * Runs the work if this replica holds the job's lease or can take it, and keeps the lease for {@code length}.
     *
     * @param length longer than the job's period, so that the holder renews it before anyone else may take it
     * @return whether the work ran here
     */
    public boolean runIfHeld(String job, Duration length, Runnable work) {
        if (db.dialect() == Dialect.SQLITE || take(job, length)) {
            work.run();
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> job + " runs in another replica");
        return false;
    }

    /** Takes or renews the lease. @return whether this replica holds it now */
    public boolean take(String job, Duration length) {
        long now = clock.millis();
        return db.write(c -> Sql.update(c, """
                INSERT INTO timer_lease (job, holder, until_ms) VALUES (?, ?, ?)
                ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
                WHERE timer_lease.until_ms <= ? OR timer_lease.holder = excluded.holder""",
                job, holder, now + length.toMillis(), now)) == 1;
    }

    /** Gives back every lease this replica holds, so another takes the timers over at once. */
    public void releaseAll() {
        db.write(c -> Sql.update(c, "DELETE FROM timer_lease WHERE holder = ?", holder));
    }
}
