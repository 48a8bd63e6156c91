package org.linli.agent.occupancy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.linli.agent.AgentLoop;

/** Runs a task every day at the hub's closing time, in the hub's time zone (daylight saving included). */
public final class ClosingTime {
    private final LocalTime closing;
    private final ZoneId zone;
    private final Clock clock;
    private final AgentLoop loop;

    public ClosingTime(LocalTime closing, ZoneId zone, Clock clock, AgentLoop loop) {
        this.closing = closing;
        this.zone = zone;
        this.clock = clock;
        this.loop = loop;
    }

    public void daily(Runnable task) {
        loop.schedule(untilNext(), () -> {
            task.run();
            daily(task);
        });
    }

    Duration untilNext() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = now.with(closing);
        if (!next.isAfter(now)) {
            next = next.plusDays(1).with(closing);
        }
        return Duration.between(now, next);
    }
}
