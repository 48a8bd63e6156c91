package org.linli.protocol.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it, in a hub's zone. {@link #withZone} gives a view of the same
 * moving time (code that asks for {@code LocalDate.now(clock.withZone(hubZone))} sees the test's moves), so one
 * instance can be shared by a central service, a kiosk and a door.
 */
public final class HubClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public HubClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(start), zone);
    }

    private HubClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** The hub's date now. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), zone);
    }

    /** The hub's date and time now. */
    public ZonedDateTime hubNow() {
        return instant().atZone(zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new HubClock(now, other);
    }
}
