package org.linli.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** The system clock plus an offset that can be moved forward: the tour and tests skip idle time instead of waiting. */
public final class AdjustableClock implements InstantSource {
    private volatile Duration offset = Duration.ZERO;
    private final InstantSource base;

    public AdjustableClock(InstantSource base) {
        this.base = base;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }
}
