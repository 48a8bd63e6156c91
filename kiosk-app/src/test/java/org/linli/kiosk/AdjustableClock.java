package org.linli.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

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

    /**
     * The system clock moved to {@code time} today in {@code zone}, going on in real time from there: the tour and
     * the benchmark show the hub open (and the same day's activities), whatever the hour they run at.
     */
    public static AdjustableClock at(LocalTime time, ZoneId zone) {
        Instant then = LocalDate.now(zone).atTime(time).atZone(zone).toInstant();
        return new AdjustableClock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), then)));
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
