package org.linli.agent.door;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.TestAgents;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.TestVectors;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.HubClock;

/**
 * A door with {@code clock.trust: rtc} (review row D1): its battery clock is believed only while nothing says it is
 * wrong. At boot the kernel sets the system clock from the RTC, so the two agree even when the RTC is wrong; what
 * catches a wrong one is the newest time central vouched for, kept on disk across the reboot ({@code time-floor}).
 * The whole agent on Pi4J's mock board, its RTC a directory like {@code /sys/class/rtc/rtc0}.
 */
class RtcDoorTest {
    private static final TestVectors VECTORS = TestVectors.load();
    private static final TestVectors.Case VALID = VECTORS.cases().getFirst();

    @TempDir
    Path dir;

    private final HubClock clock = new HubClock(Instant.ofEpochSecond(VALID.context().now()), ZoneOffset.UTC);
    private final AtomicInteger unlocks = new AtomicInteger();
    private Path data;
    private Path rtc;
    private Pi4jBoard board;
    private Agent agent;

    @BeforeEach
    void keysFromBeforeTheReboot() throws Exception {
        data = dir.resolve("data");
        PayloadCodec codec = new PayloadCodec(clock);
        new AccessKeys(data, codec).keysArrived(codec.encode(new KeysPayload(clock.millis(), VECTORS.keys().stream()
                .filter(TestVectors.Key::published)
                .map(k -> new KeysPayload.PublicKeyEntry(Integer.toString(k.kid()), "Ed25519", k.publicKey()))
                .toList())));
        rtc = Files.createDirectories(dir.resolve("rtc0"));
        // the RTC agrees with the system clock, as it does after a boot (the kernel set one from the other)
        Files.writeString(rtc.resolve("since_epoch"), clock.instant().getEpochSecond() + "\n");
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
            board.close();
        }
    }

    private void startAgent() throws Exception {
        board = Pi4jBoard.mock();
        agent = new Agent(TestAgents.config(dir, TestAgents.yaml("door-1", TestVectors.HUB, TestVectors.ROOM,
                "tcp://127.0.0.1:1", data)), board, clock, new RtcClockTrust(clock, rtc));
        board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN), DigitalOutput.class).addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                unlocks.incrementAndGet();
            }
        });
        agent.start();
    }

    private List<String> events() {
        return TestAgents.outboxPayloads(data.resolve("outbox.db")).stream()
                .filter(row -> row.startsWith("linli/v1/devices/door-1/events ")).toList();
    }

    private long count(String fragment) {
        return events().stream().filter(e -> e.contains(fragment)).count();
    }

    @Test
    void anRtcThatAgreesWithTheSystemClockOpensTheDoor() throws Exception {
        startAgent();
        agent.scan(TestVectors.ROOM, VALID.token());
        await().until(() -> count("access.granted") == 1);
        assertEquals(1, unlocks.get());
        assertEquals(0, count("clock.untrusted"), events().toString());
    }

    @Test
    void anRtcBehindTheNewestTimeCentralVouchedForBeforeTheRebootIsNotTrusted() throws Exception {
        // before the reboot the door took a list from central two days later than the RTC says now
        new TimeFloor(data).saw(clock.instant().plus(Duration.ofDays(2)).toEpochMilli(), "the hub's revocation list");
        startAgent();
        await().until(() -> count("clock.untrusted") == 1);
        String untrusted = events().stream().filter(e -> e.contains("clock.untrusted")).findFirst().orElseThrow();
        assertTrue(untrusted.contains("behind") && untrusted.contains("the hub's revocation list"), untrusted);

        agent.scan(TestVectors.ROOM, VALID.token());
        await().until(() -> count("access.denied") == 1);
        assertEquals(1, count("\"reason\":\"CLOCK_UNTRUSTED\""), events().toString());
        assertEquals(0, unlocks.get(), "a valid booking for the RTC's time does not open the door");
    }
}
