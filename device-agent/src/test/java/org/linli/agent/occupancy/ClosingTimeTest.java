package org.linli.agent.occupancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.agent.AgentLoop;
import org.linli.protocol.testing.HubTime;

class ClosingTimeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** At every {@link HubTime}: the next closing is the hub's closing hour, today if it is still ahead. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.linli.protocol.testing.HubTime#matrix")
    void theNextClosingIsTheHubsClosingHourTodayOrTomorrow(HubTime time) {
        try (AgentLoop loop = new AgentLoop()) {
            for (LocalTime closing : new LocalTime[] {LocalTime.of(0, 0), LocalTime.of(9, 0), LocalTime.of(22, 0)}) {
                Duration until = new ClosingTime(closing, time.zone(), time.clock(), loop).untilNext();
                ZonedDateTime next = time.zoned().plus(until);
                assertEquals(closing, next.toLocalTime(), time + ", closing " + closing);
                assertEquals(time.local().toLocalTime().isBefore(closing) ? time.local().toLocalDate()
                        : time.local().toLocalDate().plusDays(1), next.toLocalDate(), time + ", closing " + closing);
            }
        }
    }

    @Test
    void nextClosingIsLaterTodayOrTomorrowInTheHubsZone() {
        try (AgentLoop loop = new AgentLoop()) {
            Clock morning = Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), SHANGHAI); // 09:00 in Shanghai
            assertEquals(Duration.ofHours(13), new ClosingTime(LocalTime.of(22, 0), SHANGHAI, morning, loop)
                    .untilNext());
            Clock late = Clock.fixed(Instant.parse("2026-12-01T14:30:00Z"), SHANGHAI); // 22:30
            assertEquals(Duration.ofMinutes(23 * 60 + 30), new ClosingTime(LocalTime.of(22, 0), SHANGHAI, late, loop)
                    .untilNext());
        }
    }
}
