package org.linli.agent.occupancy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.agent.AgentLoop;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

class ClosingTimeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId ST_JOHNS = HubTime.ST_JOHNS;
    private static final ZoneId KIRITIMATI = HubTime.KIRITIMATI;

    /** At every {@link HubTime}: the next closing is the hub's closing hour, today if it is still ahead. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.linli.protocol.testing.HubTime#matrix")
    void theNextClosingIsTheHubsClosingHourTodayOrTomorrow(HubTime time) {
        try (AgentLoop loop = new AgentLoop()) {
            for (LocalTime closing : new LocalTime[] {LocalTime.of(0, 0), LocalTime.of(9, 0), LocalTime.of(22, 0)}) {
                Duration until = new ClosingTime(closing, time.zone(), time.clock(), loop,
                        Duration.ofMinutes(1)).untilNext();
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
            assertEquals(Duration.ofHours(13), new ClosingTime(LocalTime.of(22, 0), SHANGHAI, morning, loop,
                    Duration.ofMinutes(1))
                    .untilNext());
            Clock late = Clock.fixed(Instant.parse("2026-12-01T14:30:00Z"), SHANGHAI); // 22:30
            assertEquals(Duration.ofMinutes(23 * 60 + 30), new ClosingTime(LocalTime.of(22, 0), SHANGHAI, late, loop,
                    Duration.ofMinutes(1))
                    .untilNext());
        }
    }

    /** How often the tests' closing times look at the clock: the held clock only moves when a test moves it. */
    private static final Duration CHECK = Duration.ofMillis(20);

    /**
     * A Pi without a battery clock starts with the time it was shut down at and is set by NTP later: the closing
     * follows the clock as it is at the closing time, not as it was at the start. Each day once, re-armed.
     */
    @Test
    void runsAtTheClosingTimeOfTheClockAsItIsThenEveryDay() {
        HubClock clock = new HubClock(Instant.parse("2026-11-20T03:00:00Z"), ST_JOHNS); // weeks behind, 23:30 local
        AtomicInteger runs = new AtomicInteger();
        try (AgentLoop loop = new AgentLoop()) {
            new ClosingTime(LocalTime.MIDNIGHT, ST_JOHNS, clock, loop, CHECK).daily(runs::incrementAndGet);
            // NTP sets the clock: 21:00 on 3 December in St John's, the hub's midnight three hours ahead
            ZonedDateTime synced = ZonedDateTime.of(2026, 12, 3, 21, 0, 0, 0, ST_JOHNS);
            clock.set(synced.toInstant());
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 0);
            for (int day = 1; day <= 3; day++) {
                ZonedDateTime midnight = synced.toLocalDate().plusDays(day).atStartOfDay(ST_JOHNS);
                int before = day - 1;
                clock.set(midnight.minusSeconds(1).toInstant());
                await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == before);
                clock.set(midnight.plusSeconds(1).toInstant());
                int expected = day;
                await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == expected);
            }
        }
    }

    /** A clock set forward over the closing time in the morning does not empty the rooms in the middle of the day. */
    @Test
    void aClosingTimeTheClockJumpedFarOverIsNotMadeUpFor() {
        ZonedDateTime evening = ZonedDateTime.of(2026, 12, 3, 21, 0, 0, 0, KIRITIMATI);
        HubClock clock = new HubClock(evening.toInstant(), KIRITIMATI);
        AtomicInteger runs = new AtomicInteger();
        try (AgentLoop loop = new AgentLoop()) {
            new ClosingTime(LocalTime.of(22, 0), KIRITIMATI, clock, loop, CHECK).daily(runs::incrementAndGet);
            clock.set(evening.plusHours(13).toInstant()); // 10:00 the next morning
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 0);
            clock.set(evening.plusHours(25).toInstant()); // 22:00 that day
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        }
    }
}
