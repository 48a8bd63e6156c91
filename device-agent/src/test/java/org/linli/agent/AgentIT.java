package org.linli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.TestVectors;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.Verdict;

/** The whole agent against a real Mosquitto: keys and revocations arrive over MQTT, events leave over it. */
class AgentIT {
    private static final TestVectors VECTORS = TestVectors.load();
    private static final String DEVICE = "door-101";

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private TestSubscriber central;
    private Pi4jBoard board;
    private Agent agent;
    private final AtomicInteger unlocks = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(VECTORS.cases().getFirst()
            .context().now()));
    private final PayloadCodec codec = new PayloadCodec(clock);

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        central = new TestSubscriber(broker.url(), "central", "linli/v1/devices/" + DEVICE + "/#");
        central.publish(Topics.accessKeys(TestVectors.HUB), codec.encode(new KeysPayload(clock.millis(),
                VECTORS.keys().stream().filter(TestVectors.Key::published)
                        .map(k -> new KeysPayload.PublicKeyEntry(Integer.toString(k.kid()), "Ed25519",
                                k.publicKey())).toList())), true);
        board = Pi4jBoard.mock();
        agent = new Agent(TestAgents.config(dir, TestAgents.yaml(DEVICE, TestVectors.HUB, TestVectors.ROOM,
                broker.url(), dir.resolve("data"))), board, clock, ClockTrust.fixed(true, "test"));
        DigitalOutput relay = board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN),
                DigitalOutput.class);
        relay.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                unlocks.incrementAndGet();
            }
        });
        agent.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("data/access-keys.json")));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        board.close();
        central.close();
        broker.close();
    }

    private List<String> events() {
        return central.payloads(Topics.deviceEvents(DEVICE));
    }

    private long count(String fragment) {
        return events().stream().filter(e -> e.contains(fragment)).count();
    }

    @Test
    void validTokenMovesTheRelayAndEveryBadVerdictNeverDoes() throws Exception {
        TestVectors.Case valid = VECTORS.cases().getFirst();
        agent.scan(TestVectors.ROOM, valid.token());
        await().until(() -> count("access.granted") == 1);
        assertEquals(1, unlocks.get());
        assertTrue(events().stream().anyMatch(e -> e.contains("access.granted") && e.contains("\"bookingId\":\"4711\"")));

        int denied = 0;
        for (TestVectors.Case c : VECTORS.cases()) {
            TestVectors.Context ctx = c.context();
            boolean thisDoor = TestVectors.HUB.equals(ctx.hub()) && TestVectors.ROOM.equals(ctx.room())
                    && ctx.clockTrusted() && ctx.revoked().isEmpty() && ctx.graceSeconds() == 900;
            if (!thisDoor || c.verdict() == Verdict.VALID) {
                continue;
            }
            clock.set(Instant.ofEpochSecond(ctx.now()));
            agent.scan(TestVectors.ROOM, c.token());
            denied++;
            int expected = denied;
            await().until(() -> count("access.denied") == expected);
            assertTrue(events().getLast().contains("\"reason\":\"" + c.verdict().name() + "\""), c.name());
        }
        assertTrue(denied >= 10, "bad vectors tried: " + denied);

        clock.set(Instant.ofEpochSecond(valid.context().now()));
        central.publish(Topics.accessRevoked(TestVectors.HUB),
                codec.encode(new RevokedPayload(clock.millis(), List.of("4711"))), true);
        await().until(() -> Files.exists(dir.resolve("data/access-revoked.json")));
        agent.scan(TestVectors.ROOM, valid.token());
        await().until(() -> count("\"reason\":\"REVOKED\"") == 1);
        assertEquals(1, unlocks.get(), "only the one valid scan moved the relay");
    }

    @Test
    void remoteUnlockIsCappedAndAnswered() throws Exception {
        DigitalOutput relay = board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN),
                DigitalOutput.class);
        CountDownLatch relocked = new CountDownLatch(1);
        relay.addListener(e -> {
            if (e.state() == DigitalState.LOW) {
                relocked.countDown();
            }
        });
        long sent = System.nanoTime();
        central.publish(Topics.deviceCmd(DEVICE), ("{\"id\":\"c1\",\"cmd\":\"unlock\",\"ts\":" + clock.millis()
                + ",\"room\":\"" + TestVectors.ROOM + "\",\"durationS\":3600}").getBytes(StandardCharsets.UTF_8),
                false);
        await().until(() -> count("door.unlocked_remotely") == 1);
        assertTrue(events().getLast().contains("c1 for 2 s"), events().getLast());
        assertTrue(relocked.await(10, TimeUnit.SECONDS));
        long heldMs = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(heldMs >= 2000 && heldMs < 3600_000, "capped at max-remote-unlock-s: " + heldMs);

        central.publish(Topics.deviceCmd(DEVICE), "{\"cmd\":\"explode\"}".getBytes(StandardCharsets.UTF_8), false);
        await().until(() -> count("command.rejected") == 1);
        central.publish(Topics.deviceCmd(DEVICE), ("{\"id\":\"c2\",\"cmd\":\"identify\",\"ts\":" + clock.millis()
                + "}").getBytes(StandardCharsets.UTF_8), false);
        await().until(() -> count("identify.done") == 1);
        central.publish(Topics.deviceCmd(DEVICE), ("{\"id\":\"c3\",\"cmd\":\"reload\",\"ts\":" + clock.millis()
                + "}").getBytes(StandardCharsets.UTF_8), false);
        await().until(() -> count("config.reloaded") == 1);
    }

    @Test
    void statusIsRetainedOnlineAndTheLastWillSaysOfflineAfterACrash() throws Exception {
        String status = Topics.deviceStatus(DEVICE);
        await().until(() -> central.payloads(status).stream().anyMatch(p -> p.contains("\"state\":\"online\"")));
        agent.crash();
        agent = null;
        await().atMost(Duration.ofSeconds(20)).until(() -> !central.payloads(status).isEmpty()
                && central.payloads(status).getLast().contains("\"state\":\"offline\""));
        try (TestSubscriber late = new TestSubscriber(broker.url(), "late", status)) {
            await().until(() -> late.received().stream().anyMatch(r -> r.retained() && r.payload().contains("offline")));
        }
    }
}
