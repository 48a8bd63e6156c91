package org.linli.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The system clock plus an offset that can be moved forward: the tour and tests skip idle time instead of waiting.
 * It can also be held still, so that a timed gesture does not depend on how fast a loaded machine plays it.
 */
public final class AdjustableClock implements InstantSource {
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant held;
    private final InstantSource base;

    public AdjustableClock(InstantSource base) {
        this.base = base;
    }

    @Override
    public Instant instant() {
        Instant still = held;
        return still != null ? still : base.instant().plus(offset);
    }

    /** Stops the clock at the current instant until {@link #release()}. */
    public void hold() {
        held = instant();
    }

    /** Lets the clock run again from where the system clock is now (the held time is not made up). */
    public void release() {
        held = null;
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }
}
