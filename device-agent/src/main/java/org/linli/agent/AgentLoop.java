package org.linli.agent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one ordered queue every GPIO, reader and MQTT callback hands its work to, so the agent's state is only ever
 * touched by one thread and nothing slow runs on a callback thread. A task that throws is logged and the loop goes on.
 */
public final class AgentLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentLoop.class.getName());

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "agent-loop");
        thread.setDaemon(true);
        return thread;
    });

    public AgentLoop() {
        // at shutdown, timers (relocks, hold times, tomorrow's closing) are dropped: shutdown locks doors itself
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guarded(task));
        }
    }

    /** Runs {@code task} after {@code delay}; cancel the returned handle to call it off. */
    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public ScheduledFuture<?> every(Duration initialDelay, Duration period, Runnable task) {
        return executor.scheduleAtFixedRate(guarded(task), initialDelay.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on the loop and waits for it, for shutdown steps that must happen in order. */
    public void runAndWait(Runnable task) {
        if (executor.isShutdown()) {
            task.run();
            return;
        }
        try {
            executor.submit(guarded(task)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "shutdown step failed", e);
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "agent task failed; the agent goes on", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
