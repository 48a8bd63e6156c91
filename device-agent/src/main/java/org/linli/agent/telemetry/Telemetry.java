package org.linli.agent.telemetry;

import java.util.function.LongSupplier;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.payload.EventType;

/**
 * The agent's health each interval: uptime, heap, RSS, CPU temperature, outbox depth and drops, and for a device with
 * doors the time of its oldest revocation list and how many lists it refused.
 */
public final class Telemetry {
    /** The doors' revocation state; null when the device has no doors. */
    public interface Revocations {
        Long oldestListTs();

        long refused();
    }

    private final Reporter reporter;
    private final LongSupplier dropped;
    private final String version;
    private final Revocations revocations;
    private final long startNanos = System.nanoTime();
    private long droppedReported;

    public Telemetry(Reporter reporter, LongSupplier dropped, String version) {
        this(reporter, dropped, version, null);
    }

    public Telemetry(Reporter reporter, LongSupplier dropped, String version, Revocations revocations) {
        this.revocations = revocations;
        this.reporter = reporter;
        this.dropped = dropped;
        this.version = version;
        this.droppedReported = dropped.getAsLong();
    }

    /** Runs on the agent loop. */
    public void report() {
        Runtime runtime = Runtime.getRuntime();
        long uptime = (System.nanoTime() - startNanos) / 1_000_000_000L;
        Long refused = revocations == null || revocations.refused() == 0 ? null : revocations.refused();
        reporter.telemetry(uptime, runtime.totalMemory() - runtime.freeMemory(), ProcessStats.rssBytes(),
                ProcessStats.cpuTempC(), version, revocations == null ? null : revocations.oldestListTs(), refused);
        long now = dropped.getAsLong();
        if (now > droppedReported) {
            reporter.event(null, EventType.OUTBOX_DROPPED, null,
                    (now - droppedReported) + " messages dropped by the outbox limits since the last report");
            droppedReported = now;
        }
    }
}
