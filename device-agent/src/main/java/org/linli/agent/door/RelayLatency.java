package org.linli.agent.door;

import java.util.Arrays;

/**
 * Reader-to-relay times of granted scans: from the moment a reader thread had the whole text to the moment the relay
 * output was written. A fixed array of 0.1 ms buckets (up to 100 ms, then one overflow bucket and the exact maximum),
 * so recording never allocates and the agent can keep it for its whole life; logged with telemetry and printed by the
 * simulation's {@code stats} command, which is how the benchmark reads it from outside the process.
 */
public final class RelayLatency {
    private static final int BUCKET_MICROS = 100;
    private static final int BUCKETS = 1000;

    private final int[] counts = new int[BUCKETS + 1];
    private long total;
    private long maxMicros;

    public synchronized void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[(int) Math.min(BUCKETS, micros / BUCKET_MICROS)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    /** {@code n=…, p50=… ms, p99=… ms, max=… ms} since the last reset; then starts again when {@code reset}. */
    public synchronized String summary(boolean reset) {
        String text = total == 0 ? "n=0"
                : String.format(java.util.Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", total,
                        percentileMs(0.50), percentileMs(0.99), maxMicros / 1000.0);
        if (reset) {
            Arrays.fill(counts, 0);
            total = 0;
            maxMicros = 0;
        }
        return text;
    }

    /** The upper edge of the bucket holding the {@code q} quantile (never below the truth), capped at the maximum. */
    synchronized double percentileMs(double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                long upperMicros = i == BUCKETS ? maxMicros : Math.min(maxMicros, (i + 1L) * BUCKET_MICROS);
                return upperMicros / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    public synchronized long count() {
        return total;
    }
}
