package org.linli.agent.door;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock trust that also refuses a clock earlier than the {@link TimeFloor}: whatever says the clock is synchronised
 * (NTP, an RTC), a clock behind a time central vouched for has been moved back.
 */
public final class FlooredClockTrust implements ClockTrust {
    /** Central's clock and ours may differ a little, and a list takes a moment to arrive. */
    static final Duration TOLERANCE = Duration.ofMinutes(2);

    private final ClockTrust inner;
    private final TimeFloor floor;
    private final Clock clock;

    public FlooredClockTrust(ClockTrust inner, TimeFloor floor, Clock clock) {
        this.inner = inner;
        this.floor = floor;
        this.clock = clock;
    }

    private long behindMillis() {
        return floor.lowerBoundMillis() - clock.millis();
    }

    @Override
    public boolean trusted() {
        return behindMillis() <= TOLERANCE.toMillis() && inner.trusted();
    }

    @Override
    public String why() {
        long behind = behindMillis();
        if (behind > TOLERANCE.toMillis()) {
            return "the clock says " + clock.instant() + " but it is at least " + Instant.ofEpochMilli(
                    floor.lowerBoundMillis()) + " (" + floor.source() + "): the clock is "
                    + Duration.ofMillis(behind).toMinutes() + " minutes or more behind, it may have been set back";
        }
        return inner.why();
    }

    /** The trust before the floor: whether the system says its clock is synchronised. */
    public ClockTrust inner() {
        return inner;
    }
}
