package org.linli.agent.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: doubling from {@code min} up to {@code max}, each drawn at random from its upper half so that a
 * hub's doors, all cut off by the same broker restart, do not all come back in the same millisecond.
 */
public final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMs = Math.max(1, min.toMillis());
        this.maxMs = Math.max(minMs, max.toMillis());
        this.random = random;
    }

    public synchronized Duration next() {
        long ceiling = minMs << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > maxMs) {
            ceiling = maxMs;
        } else {
            attempt++;
        }
        long floor = Math.max(1, ceiling / 2);
        return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
    }

    public synchronized void reset() {
        attempt = 0;
    }
}
