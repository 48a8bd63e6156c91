package org.linli.agent.occupancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.linli.agent.AgentLoop;

class ClosingTimeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

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
