package org.linli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.TestVectors;
import org.linli.protocol.Topics;
import org.linli.protocol.command.CommandSigner;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * A signed identify command from central, through a real Mosquitto, blinks the indicator on the mock board: on and
 * off for its time, one blinker however often it is asked, off again at the end and at shutdown, the relay never
 * moved. The pins' changes are watched through Pi4J's listeners; the waits are Awaitility's.
 */
class IdentifyIT {
    private static final TestVectors VECTORS = TestVectors.load();
    private static final String DEVICE = "door-101";
    private static final int INDICATOR_PIN = 24;
    /** Nothing changed on the pin for this long: the blinking (a change every 100 ms) is over. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private TestSubscriber central;
    private Pi4jBoard board;
    private Agent agent;
    private DigitalOutput indicator;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final AtomicInteger relayChanges = new AtomicInteger();
    private final HubClock clock = new HubClock(Instant.ofEpochSecond(VECTORS.cases().getFirst()
            .context().now()), ZoneOffset.UTC);
    private final PayloadCodec codec = new PayloadCodec(clock);

    record Change(long nanos, DigitalState state) {
    }

    private void start(String indicatorYaml) throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        central = new TestSubscriber(broker.url(), "central", "linli/v1/devices/" + DEVICE + "/#");
        central.clock(java.time.Clock.fixed(Instant.ofEpochMilli(PayloadCodec.MIN_TS), ZoneOffset.UTC));
        central.publish(Topics.accessKeys(TestVectors.HUB), codec.encode(new KeysPayload(clock.millis(),
                VECTORS.keys().stream().filter(TestVectors.Key::published)
                        .map(k -> new KeysPayload.PublicKeyEntry(Integer.toString(k.kid()), "Ed25519",
                                k.publicKey())).toList())), true);
        board = Pi4jBoard.mock();
        agent = new Agent(TestAgents.config(dir, TestAgents.yaml(DEVICE, TestVectors.HUB, TestVectors.ROOM,
                broker.url(), dir.resolve("data")) + indicatorYaml), board, clock, ClockTrust.fixed(true, "test"));
        board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN), DigitalOutput.class)
                .addListener(e -> relayChanges.incrementAndGet());
        indicator = board.context().registry().get(Pi4jBoard.pinId(INDICATOR_PIN), DigitalOutput.class);
        indicator.addListener(e -> changes.add(new Change(System.nanoTime(), e.state())));
        agent.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("data/access-keys.json")));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (board != null) {
            board.close();
        }
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void identify(String id) throws Exception {
        central.publish(Topics.deviceCmd(DEVICE), codec.encode(new CommandSigner(VECTORS.keys().getFirst()
                .signingKey()).sign(DEVICE, id, "identify", clock.millis(), null, null)), false);
    }

    private String answer(String id) {
        await().until(() -> central.payloads(Topics.deviceEvents(DEVICE)).stream().anyMatch(e -> e.contains(id + ":")));
        return central.payloads(Topics.deviceEvents(DEVICE)).stream().filter(e -> e.contains(id + ":")).findFirst()
                .orElseThrow();
    }

    /** Waits until the pin has been still for {@link #QUIET}, then checks it stays still for longer than a blink. */
    private void awaitBlinkingOver() {
        await().atMost(Duration.ofSeconds(15)).until(() -> !changes.isEmpty()
                && System.nanoTime() - changes.getLast().nanos() > QUIET.toNanos());
        int settled = changes.size();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> changes.size() == settled);
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    @Test
    void identifyBlinksTheIndicatorForItsTimeThenLeavesItOffAndNeverMovesTheRelay() throws Exception {
        start("indicator: {pin: " + INDICATOR_PIN + ", active-high: true, blink-period-ms: 200, identify-s: 2}\n");
        assertEquals(DigitalState.LOW, indicator.state(), "off at rest");
        identify("i1");
        String answer = answer("i1");
        assertTrue(answer.contains("identify.done") && answer.contains(
                "i1: blinking the indicator on GPIO 24 at 5 Hz for 2 s"), answer);
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() >= 6);
        for (int i = 0; i < 6; i++) {
            assertEquals(i % 2 == 0 ? DigitalState.HIGH : DigitalState.LOW, changes.get(i).state(), "change " + i);
        }

        awaitBlinkingOver();
        assertEquals(DigitalState.LOW, indicator.state(), "off when its time is up");
        assertEquals(DigitalState.LOW, changes.getLast().state());
        long span = millisBetween(changes.getFirst().nanos(), changes.getLast().nanos());
        // a toggle every 100 ms from 0 to 2 s, then the end's off: 22 changes (measured: 22 over 1996 ms). A late
        // loop catches missed toggles up before the end, which is due after the last of them.
        assertTrue(span >= 1700 && span < 4000, "blinked for " + span + " ms");
        assertTrue(changes.size() >= 18 && changes.size() <= 22, changes.size() + " changes");
        assertEquals(0, relayChanges.get(), "the lock relay never moved");
    }

    @Test
    void aSecondIdentifyWhileBlinkingStartsTheTimeAgainWithOneBlinker() throws Exception {
        start("indicator: {pin: " + INDICATOR_PIN + ", blink-period-ms: 200, identify-s: 2}\n");
        identify("i1");
        // more than halfway through the first's 2 s
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() >= 12);
        long again = System.nanoTime();
        int before = changes.size();
        identify("i2");
        String answer = answer("i2");
        assertTrue(answer.contains("identify.done") && answer.contains("(started again; it was blinking)"), answer);

        awaitBlinkingOver();
        long after = millisBetween(again, changes.getLast().nanos());
        // the first would have ended within 0.9 s of the second's sending; the second's own 2 s run from its arrival
        assertTrue(after >= 1700, "blinked on for " + after + " ms after the second identify");
        // one blinker: 22 changes from the second's start (measured: 22), and the first's toggles while the command
        // travelled; a first blinker still running would add its 8 or so left
        int since = changes.size() - before;
        assertTrue(since >= 18 && since <= 26, since + " changes after the second identify");
        assertEquals(DigitalState.LOW, indicator.state());
        assertEquals(0, relayChanges.get(), "the lock relay never moved");
    }

    @Test
    void shutdownWhileBlinkingLeavesAnActiveLowIndicatorOff() throws Exception {
        // on for 5 s of each 10: lit for certain when the agent is closed
        start("indicator: {pin: " + INDICATOR_PIN + ", active-high: false, blink-period-ms: 10000, identify-s: 60}\n");
        assertEquals(DigitalState.HIGH, indicator.state(), "an active-low indicator is off with its pin high");
        identify("i1");
        await().atMost(Duration.ofSeconds(10)).until(() -> indicator.state() == DigitalState.LOW);
        assertTrue(answer("i1").contains("for 60 s"));

        agent.close();
        agent = null;
        assertEquals(DigitalState.HIGH, indicator.state(), "off after shutdown");
        assertNotEquals(0, changes.size());
        assertEquals(DigitalState.HIGH, changes.getLast().state());
        assertEquals(0, relayChanges.get(), "the lock relay never moved");
    }
}
