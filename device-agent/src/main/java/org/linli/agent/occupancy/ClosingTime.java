package org.linli.agent.occupancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.linli.agent.AgentLoop;

/**
 * Runs a task every day at the hub's closing time, in the hub's time zone (daylight saving included).
 *
 * <p>The wall clock is looked at again every {@code check} (and at the closing time itself) instead of being trusted
 * once for a day-long delay: a Pi without a battery clock starts with the time it was shut down at, and NTP sets it
 * minutes later; a delay computed at the start would put every reset at the wrong hour. A closing time that the clock
 * jumped over by more than {@link #LATE} is not made up for: a clock set forward in the morning must not empty the
 * rooms' counts during the day. Runs on the agent loop.
 */
public final class ClosingTime {
    /** How long after the closing time a reset still runs (a loop busy for a while, a clock slewed by NTP). */
    static final Duration LATE = Duration.ofMinutes(30);

    private final LocalTime closing;
    private final ZoneId zone;
    private final Clock clock;
    private final AgentLoop loop;
    private final Duration check;
    private Instant next;

    /** @param check how often the clock is compared with the closing time */
    public ClosingTime(LocalTime closing, ZoneId zone, Clock clock, AgentLoop loop, Duration check) {
        this.closing = closing;
        this.zone = zone;
        this.clock = clock;
        this.loop = loop;
        this.check = check;
    }

    public void daily(Runnable task) {
        loop.execute(() -> {
            next = nextAfter(clock.instant());
            wake(task);
        });
    }

    private void wake(Runnable task) {
        Instant now = clock.instant();
        if (!now.isBefore(next)) {
            if (!now.isAfter(next.plus(LATE))) {
                task.run();
            }
            next = nextAfter(now);
        } else if (nextAfter(now).isBefore(next)) {
            // the clock went back: the next closing is the one after the time it says now
            next = nextAfter(now);
        }
        Duration until = Duration.between(now, next);
        loop.schedule(until.compareTo(check) < 0 ? until : check, () -> wake(task));
    }

    /** The first closing time in the hub's zone after {@code now}: today's if still ahead, else tomorrow's. */
    Instant nextAfter(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = ZonedDateTime.of(local.toLocalDate(), closing, zone);
        return (today.isAfter(local) ? today : ZonedDateTime.of(local.toLocalDate().plusDays(1), closing, zone))
                .toInstant();
    }

    Duration untilNext() {
        Instant now = clock.instant();
        return Duration.between(now, nextAfter(now));
    }
}
