package org.linli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.Topics;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.testing.TcpProxy;

/**
 * The agent as its own process, cut off from the broker, killed with SIGKILL while its outbox holds events; started
 * again, it delivers them with their original {@code ts} and goes on with the next {@code seq}.
 */
class RestartIT {
    private static final String DEVICE = "door-restart";
    private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void eventsInTheOutboxOfAKilledAgentAreDeliveredAfterItRestarts() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TcpProxy proxy = new TcpProxy(broker.port());
                TestSubscriber central = new TestSubscriber(broker.url(), "central-restart",
                        Topics.deviceEvents(DEVICE))) {
            proxy.bar();
            Path data = dir.resolve("data");
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, TestAgents.yaml(DEVICE, "hub-1", "room-1", "tcp://127.0.0.1:" + proxy.port(), data));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            long killedAt;
            try {
                // agent.started and the first occupancy report wait in the outbox: the broker is unreachable
                // ignoring exceptions: the file exists a moment before its table does
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> Files.exists(data.resolve("outbox.db"))
                        && TestAgents.outboxPayloads(data.resolve("outbox.db")).size() >= 2);
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                killedAt = System.currentTimeMillis();
            }
            List<String> waiting = TestAgents.outboxPayloads(data.resolve("outbox.db"));
            assertTrue(waiting.getFirst().contains("agent.started"), waiting.getFirst());

            proxy.unbar();
            try (Pi4jBoard board = Pi4jBoard.mock()) {
                Agent restarted = new Agent(TestAgents.config(dir, Files.readString(config)), board,
                        Clock.systemUTC(), ClockTrust.fixed(true, "test"));
                try {
                    restarted.start();
                    await().atMost(Duration.ofSeconds(20)).until(
                            () -> central.payloads(Topics.deviceEvents(DEVICE)).stream().distinct()
                                    .filter(e -> e.contains("agent.started")).count() >= 2);
                } finally {
                    restarted.close();
                }
            }
            // at least once: a redelivery repeats a message byte for byte, and is the same event
            List<String> events = central.payloads(Topics.deviceEvents(DEVICE)).stream().distinct().toList();
            String first = events.getFirst();
            assertTrue(first.contains("\"seq\":0") && first.contains("agent.started"), first);
            assertTrue(ts(first) < killedAt, "the original ts, from before the kill: " + first);
            // the killed agent may also have said clock.untrusted: clock.trust rtc on a machine without an RTC
            String second = events.stream().filter(e -> e.contains("agent.started")).skip(1).findFirst()
                    .orElseThrow();
            assertTrue(!second.contains("\"seq\":0"), second);
            assertEquals(1, events.stream().filter(e -> e.contains("\"seq\":0,")).count(), "seq is never reused");
        }
    }

    private static long ts(String payload) {
        Matcher m = TS.matcher(payload);
        assertTrue(m.find(), payload);
        return Long.parseLong(m.group(1));
    }
}
