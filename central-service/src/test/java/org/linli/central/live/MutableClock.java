package org.linli.central.live;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test sets, so "fifteen minutes after the start" needs no waiting. */
final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new Zoned(zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** The same moving time seen from another zone. */
    private final class Zoned extends Clock {
        private final ZoneId zone;

        Zoned(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return MutableClock.this.withZone(other);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
