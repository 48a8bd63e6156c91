package org.linli.agent.systemd;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.linli.agent.AgentLoop;

/**
 * Feeds systemd's watchdog only while the agent loop works: each tick (half the watchdog timeout) pets the watchdog if
 * the probe the previous tick put on the loop has run, then puts a new probe on it. A loop stuck for a whole tick
 * skips a pet; stuck for the whole timeout, systemd restarts the agent, whose doors are then locked by the relays'
 * wiring (fail-secure). The pets go out on this class's own thread, never on the loop.
 */
public final class Watchdog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());

    private final AgentLoop loop;
    private final Predicate<String> send;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean probeRan;
    private boolean warned;

    /** @param send sends one notification line, true when it went out */
    public Watchdog(AgentLoop loop, Predicate<String> send) {
        this.loop = loop;
        this.send = send;
    }

    /** Ticks every half of {@code timeout}, as {@code sd_watchdog_enabled(3)} advises. */
    public void start(Duration timeout) {
        long tickNanos = Math.max(1, timeout.toNanos() / 2);
        probe();
        timer.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    /** One tick; true when it pet the watchdog. */
    boolean tick() {
        boolean healthy = probeRan;
        if (healthy) {
            warned = false;
            send.test("WATCHDOG=1");
        } else if (!warned) {
            warned = true;
            LOG.log(System.Logger.Level.ERROR, "agent loop did not answer for a watchdog period; not petting systemd");
        }
        probe();
        return healthy;
    }

    private void probe() {
        probeRan = false;
        loop.execute(() -> probeRan = true);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
