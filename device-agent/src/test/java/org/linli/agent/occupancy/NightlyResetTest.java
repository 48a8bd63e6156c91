package org.linli.agent.occupancy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.TestAgents;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * The nightly reset itself, on the whole agent driven through Pi4J's mock pins: the beam count is zeroed at the
 * hub's midnight (its {@code occupancy.closing-time}) in its own zone, which is neither Shanghai's nor the machine's,
 * and not at Shanghai's or the machine's midnight. The clock is the test's and only moves when the test moves it.
 */
class NightlyResetTest {
    private static final String ROOM = "room-1";

    @TempDir
    Path dir;

    private final ZoneId zone = hubZone();
    /** Half a second into a day of the hub's: its next midnight is a whole day away. */
    private final ZonedDateTime start = LocalDate.of(2027, 3, 10).atStartOfDay(zone).plusNanos(500_000_000);
    private final HubClock clock = new HubClock(start.toInstant(), zone);
    private Pi4jBoard board;
    private Agent agent;

    /** St John's, or Kiritimati on a machine whose zone has St John's offset. */
    private static ZoneId hubZone() {
        ZonedDateTime probe = HubTime.of("12:00", HubTime.ST_JOHNS).zoned();
        return probe.withZoneSameInstant(ZoneId.systemDefault()).getOffset().equals(probe.getOffset())
                ? HubTime.KIRITIMATI : HubTime.ST_JOHNS;
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
            board.close();
        }
    }

    @Test
    void theCountIsZeroedAtTheHubsMidnightAndNotAtShanghaisOrTheMachines() throws Exception {
        String yaml = TestAgents.yaml("door-1", "hub-1", ROOM, "tcp://127.0.0.1:1", dir.resolve("data"))
                .replace("occupancy: {heartbeat-s: 3600, zone: America/St_Johns}", "occupancy: {heartbeat-s: 3600,"
                        + " closing-time: '00:00', zone: " + zone.getId() + ", clock-check-ms: 20}");
        board = Pi4jBoard.mock();
        agent = new Agent(TestAgents.config(dir, yaml), board, clock, ClockTrust.fixed(true, "test"));
        agent.start();
        TestAgents.input(board, TestAgents.OUTER_PIN).mockState(DigitalState.HIGH);
        TestAgents.input(board, TestAgents.INNER_PIN).mockState(DigitalState.HIGH);
        await().until(() -> !occupancy().isEmpty());
        walkIn();
        walkIn();
        await().until(() -> Objects.equals(last().count(), 2));

        ZonedDateTime hubMidnight = start.toLocalDate().plusDays(1).atStartOfDay(zone);
        int count = 2;
        List<ZonedDateTime> otherMidnights = Stream.of(HubTime.SHANGHAI, ZoneId.systemDefault())
                .map(other -> start.withZoneSameInstant(other).toLocalDate().plusDays(1).atStartOfDay(other))
                .sorted(Comparator.comparing(ZonedDateTime::toInstant)).toList();
        for (ZonedDateTime otherMidnight : otherMidnights) {
            if (!otherMidnight.toInstant().isBefore(hubMidnight.toInstant())) {
                continue; // the machine runs in the hub's zone's offset after all
            }
            assertNotEquals(hubMidnight.toLocalTime(), otherMidnight.withZoneSameInstant(zone).toLocalTime());
            clock.set(otherMidnight.plusSeconds(1).toInstant());
            int now = count;
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                    .until(() -> Objects.equals(last().count(), now));
            walkIn();
            count++;
            int more = count;
            await().until(() -> Objects.equals(last().count(), more));
        }

        clock.set(hubMidnight.minusSeconds(1).toInstant());
        int beforeMidnight = count;
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> Objects.equals(last().count(), beforeMidnight));
        clock.set(hubMidnight.plusSeconds(1).toInstant());
        await().atMost(Duration.ofSeconds(5)).until(() -> Objects.equals(last().count(), 0));
        OccupancyPayload reset = last();
        assertEquals("beam", reset.source());
        assertEquals(false, reset.occupied(), "whoever the beams missed, the room is empty at closing");
        List<Integer> counts = occupancy().stream().map(OccupancyPayload::count).toList();
        assertEquals(0, counts.indexOf(0), "one zero at the start, one at midnight: " + counts);
        assertEquals(counts.size() - 1, counts.lastIndexOf(0), "nothing zeroed it before midnight: " + counts);
        assertEquals(2, counts.stream().filter(c -> c == 0).count(), counts.toString());
    }

    private void walkIn() {
        TestAgents.input(board, TestAgents.OUTER_PIN).mockState(DigitalState.LOW);
        TestAgents.input(board, TestAgents.INNER_PIN).mockState(DigitalState.LOW);
        TestAgents.input(board, TestAgents.OUTER_PIN).mockState(DigitalState.HIGH);
        TestAgents.input(board, TestAgents.INNER_PIN).mockState(DigitalState.HIGH);
    }


    private List<OccupancyPayload> occupancy() {
        return TestAgents.outboxOccupancy(dir.resolve("data/outbox.db"), "door-1", clock);
    }

    private OccupancyPayload last() {
        return occupancy().getLast();
    }
}
