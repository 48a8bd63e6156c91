package org.linli.kiosk;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the kiosk's background work on virtual threads and knows when none is left, so that the screenshot tour,
 * the tests and the benchmark wait for exactly as long as the work takes.
 */
public final class TrackingExecutor implements Executor, AutoCloseable {
    private final ExecutorService delegate = Executors.newVirtualThreadPerTaskExecutor();
    private int inFlight;

    /**
     * Work handed in once the kiosk is closed (a live event's refresh, posted to the screen thread just before the
     * close) is dropped: there is nothing left to show it on. It threw on the screen thread instead, which the next
     * test of the JVM took for its own failure.
     */
    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            inFlight++;
        }
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            done();
        }
    }

    private synchronized void done() {
        inFlight--;
        notifyAll();
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    /** @return false when work was still running after the timeout */
    public synchronized boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void close() {
        delegate.shutdownNow();
    }
}
