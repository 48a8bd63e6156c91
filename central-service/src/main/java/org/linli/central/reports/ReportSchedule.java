package org.linli.central.reports;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.store.Leases;
import org.linli.central.timers.Timers;

/**
 * Runs the report job every few minutes (today's figures stay that fresh; closed days are caught up after downtime
 * at the first run) and then files the monthly reports that are due.
 */
public final class ReportSchedule implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReportSchedule.class.getName());
    public static final Duration EVERY = Duration.ofMinutes(10);

    private final ReportJob job;
    private final MonthlyReports monthly;
    private final Leases leases;
    private final ScheduledExecutorService timer = Timers.single("linli-reports");

    public ReportSchedule(ReportJob job, MonthlyReports monthly, Leases leases) {
        this.job = job;
        this.monthly = monthly;
        this.leases = leases;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runOnce, 0, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void runOnce() {
        try {
            leases.runIfHeld("reports", EVERY.multipliedBy(3), () -> {
                job.run();
                monthly.fileDue();
            });
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the report job failed; it runs again in " + EVERY.toMinutes() + " minutes", e);
        }
    }

    @Override
    public void close() {
        Timers.stop(timer, "the report job");
    }
}
