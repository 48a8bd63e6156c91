package org.linli.agent.occupancy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.TestAgents;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.testing.HubTime;

/**
 * The whole agent with no broker reachable, driven through the mock pins; what it reports is read from its outbox.
 */
class OccupancyTest {
    private static final String ROOM = "room-1";

    @TempDir
    Path dir;

    // held at noon in the hub: the counts are zeroed at closing time, which must not fall inside a test
    private final Clock clock = HubTime.noon().clock();
    private Pi4jBoard board;
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        AgentConfig config = TestAgents.config(dir,
                TestAgents.yaml("door-1", "hub-1", ROOM, "tcp://127.0.0.1:1", dir.resolve("data")));
        board = Pi4jBoard.mock();
        agent = new Agent(config, board, clock, ClockTrust.fixed(true, "test"));
        agent.start();
        // a beam receiver reads high while the beam is intact
        TestAgents.input(board, TestAgents.OUTER_PIN).mockState(DigitalState.HIGH);
        TestAgents.input(board, TestAgents.INNER_PIN).mockState(DigitalState.HIGH);
        await().until(() -> !occupancy().isEmpty());
    }

    @AfterEach
    void stop() {
        agent.close();
        board.close();
    }


    private List<OccupancyPayload> occupancy() {
        return TestAgents.outboxOccupancy(dir.resolve("data/outbox.db"), "door-1", clock);
    }

    private OccupancyPayload last() {
        List<OccupancyPayload> all = occupancy();
        return all.getLast();
    }

    private void pass(int first, int second) {
        TestAgents.input(board, first).mockState(DigitalState.LOW);
        TestAgents.input(board, second).mockState(DigitalState.LOW);
        TestAgents.input(board, first).mockState(DigitalState.HIGH);
        TestAgents.input(board, second).mockState(DigitalState.HIGH);
    }

    @Test
    void pirKeepsTheRoomOccupiedForTheHoldTimeAfterTheLastMotion() {
        TestAgents.input(board, TestAgents.PIR_PIN).mockState(DigitalState.HIGH);
        await().until(() -> last().occupied());
        assertEquals("pir", last().source());
        long fell = System.nanoTime();
        TestAgents.input(board, TestAgents.PIR_PIN).mockState(DigitalState.LOW);
        await().atMost(Duration.ofSeconds(5)).until(() -> !last().occupied());
        assertTrue(System.nanoTime() - fell >= Duration.ofMillis(400).toNanos(), "not empty before the hold time");
    }

    @Test
    void motionWithinTheHoldTimeKeepsTheRoomOccupied() {
        TestAgents.input(board, TestAgents.PIR_PIN).mockState(DigitalState.HIGH);
        await().until(() -> last().occupied());
        int reports = occupancy().size();
        TestAgents.input(board, TestAgents.PIR_PIN).mockState(DigitalState.LOW);
        TestAgents.input(board, TestAgents.PIR_PIN).mockState(DigitalState.HIGH);
        long retriggered = System.nanoTime();
        TestAgents.input(board, TestAgents.PIR_PIN).mockState(DigitalState.LOW);
        await().atMost(Duration.ofSeconds(5)).until(() -> !last().occupied());
        assertTrue(System.nanoTime() - retriggered >= Duration.ofMillis(400).toNanos());
        assertEquals(reports + 1, occupancy().size(), "one change to empty, nothing in between");
    }

    @Test
    void beamsCountDirectionAndNeverBelowZero() {
        pass(TestAgents.OUTER_PIN, TestAgents.INNER_PIN);
        pass(TestAgents.OUTER_PIN, TestAgents.INNER_PIN);
        await().until(() -> Objects.equals(last().count(), 2));
        assertTrue(last().occupied());
        assertEquals("beam", last().source());
        pass(TestAgents.INNER_PIN, TestAgents.OUTER_PIN);
        await().until(() -> Objects.equals(last().count(), 1));
        pass(TestAgents.INNER_PIN, TestAgents.OUTER_PIN);
        pass(TestAgents.INNER_PIN, TestAgents.OUTER_PIN);
        await().until(() -> Objects.equals(last().count(), 0) && !last().occupied());
        pass(TestAgents.OUTER_PIN, TestAgents.INNER_PIN);
        await().until(() -> Objects.equals(last().count(), 1));
        List<Integer> counts = occupancy().stream().map(OccupancyPayload::count).toList();
        assertTrue(counts.stream().allMatch(c -> c != null && c >= 0), "never below zero: " + counts);
        assertEquals(List.of(0, 1, 2, 1, 0, 1), counts, "the second exit of an empty room changed nothing");
    }

    @Test
    void someoneWhoTurnsBackInTheDoorwayIsNotCounted() {
        TestAgents.input(board, TestAgents.OUTER_PIN).mockState(DigitalState.LOW);
        TestAgents.input(board, TestAgents.INNER_PIN).mockState(DigitalState.LOW);
        TestAgents.input(board, TestAgents.INNER_PIN).mockState(DigitalState.HIGH);
        TestAgents.input(board, TestAgents.OUTER_PIN).mockState(DigitalState.HIGH);
        pass(TestAgents.OUTER_PIN, TestAgents.INNER_PIN);
        await().until(() -> Objects.equals(last().count(), 1));
        assertEquals(List.of(0, 1), occupancy().stream().map(OccupancyPayload::count).toList());
    }

    @Test
    void doorContactReportsOpenHeldOpenAndClosed() {
        TestAgents.input(board, TestAgents.CONTACT_PIN).mockState(DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(5)).until(() -> events().stream().anyMatch(e -> e.contains("door.held_open")));
        TestAgents.input(board, TestAgents.CONTACT_PIN).mockState(DigitalState.LOW);
        await().until(() -> events().stream().anyMatch(e -> e.contains("door.closed")));
        List<String> types = events().stream().filter(e -> e.contains("\"type\":\"door."))
                .map(e -> e.replaceAll(".*\"type\":\"([a-z._]+)\".*", "$1")).toList();
        assertEquals(List.of("door.opened", "door.held_open", "door.closed"), types);
    }

    /** The held-open alert (held-open-s: 1) comes only for a door left open that long, and not before. */
    @Test
    void aDoorClosedWithinTheHeldOpenTimeRaisesNoAlertAndOneLeftOpenRaisesItAfterThatTime() {
        TestAgents.input(board, TestAgents.CONTACT_PIN).mockState(DigitalState.HIGH);
        TestAgents.input(board, TestAgents.CONTACT_PIN).mockState(DigitalState.LOW);
        await().until(() -> events().stream().anyMatch(e -> e.contains("door.closed")));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> events().stream().noneMatch(e -> e.contains("door.held_open")));

        long opened = System.nanoTime();
        TestAgents.input(board, TestAgents.CONTACT_PIN).mockState(DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(5)).until(() -> events().stream().anyMatch(e -> e.contains("door.held_open")));
        assertTrue(System.nanoTime() - opened >= Duration.ofSeconds(1).toNanos(), "not before held-open-s");
        String alert = events().stream().filter(e -> e.contains("door.held_open")).findFirst().orElseThrow();
        assertTrue(alert.contains("\"room\":\"" + ROOM + "\"") && alert.contains("open for more than 1 s"), alert);
        assertEquals(1, events().stream().filter(e -> e.contains("door.held_open")).count(), "one alert per opening");
    }

    private List<String> events() {
        return TestAgents.outboxPayloads(dir.resolve("data/outbox.db")).stream()
                .filter(row -> row.startsWith("linli/v1/devices/door-1/events ")).toList();
    }
}
