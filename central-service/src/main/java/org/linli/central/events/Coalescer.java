package org.linli.central.events;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Publishes what changed at most once per period, each time with the latest state: keys (a hub, a room) are marked
 * as changed, and a flush on the executor runs the action once per key marked since the last flush.
 *
 * <p>Why: a hub's revocation list and a room's state used to be read and sent again after every single booking
 * event; under a burst of bookings most of those sends were overtaken by the next one before a door saw them.
 *
 * <p>Guarantees: the first change after a quiet period is flushed at once; a change during a burst waits at most one
 * period (plus the flush in progress), never longer, and is never lost: a key is unmarked before its action reads the
 * state, so a change that lands during the action marks it again and schedules another flush.
 */
public final class Coalescer<K> {
    private static final System.Logger LOG = System.getLogger(Coalescer.class.getName());
    private final ScheduledExecutorService executor;
    private final long periodNanos;
    private final Consumer<K> action;
    private final Set<K> marked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastFlushNanos;

    /** @param executor runs the flushes; one thread, so that flushes never overlap */
    public Coalescer(ScheduledExecutorService executor, Duration period, Consumer<K> action) {
        this.executor = executor;
        this.periodNanos = period.toNanos();
        this.action = action;
        this.lastFlushNanos = System.nanoTime() - periodNanos;
    }

    /** Notes that the state of this key changed; it is published within one period. */
    public void mark(K key) {
        marked.add(key);
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlushNanos + periodNanos - System.nanoTime());
            try {
                executor.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    private void flush() {
        lastFlushNanos = System.nanoTime();
        // Cleared before reading the marks: a mark from now on schedules a flush of its own.
        scheduled.set(false);
        for (K key : List.copyOf(marked)) {
            marked.remove(key);
            try {
                action.accept(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "publishing the state of " + key + " failed", e);
            }
        }
    }
}
