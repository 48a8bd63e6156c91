package org.linli.central.timers;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon thread per timer, stopped so that a closing service leaves no work of its own behind. */
public final class Timers {
    private static final System.Logger LOG = System.getLogger(Timers.class.getName());
    /** How long a stop waits for a running job before interrupting it; the daily backup may take this long. */
    public static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

    private Timers() {
    }

    /**
     * A timer on one daemon thread named {@code name}: when it is stopped, delayed and periodic work that has not
     * started is dropped (a no-show release due in an hour must not hold up a stop).
     */
    public static ScheduledExecutorService single(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(name).daemon(true).factory());
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Stops {@code timer}: nothing new starts, the job running (if any) may finish within {@link #GRACE}, then it is
     * interrupted. Returns when the thread has ended, or after the grace and a few seconds more, saying so in the log.
     */
    public static void stop(ExecutorService timer, String what) {
        timer.shutdown();
        try {
            if (timer.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            timer.shutdownNow();
            if (!timer.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, what + " did not stop within " + GRACE.plus(AFTER_INTERRUPT).toSeconds()
                        + " s; the service closes without waiting for it");
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
