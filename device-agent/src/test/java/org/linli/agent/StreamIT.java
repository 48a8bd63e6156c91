package org.linli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.testing.TcpProxy;

/**
 * A 2,000-event stream while the broker is killed (SIGKILL) and restarted five times, at moments nobody waits for,
 * and a TCP proxy cuts the agent's link three times. A killed broker forgets what it had acknowledged and not yet
 * passed on, and the subscriber's session with it; the agent keeps every message until the subscriber's receipt names
 * it and sends again what got none: the subscriber must see every {@code seq}, with no gap, and the outbox must end
 * empty.
 */
class StreamIT {
    private static final String DEVICE = "door-stream";
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final int EVENTS = 2000;

    @TempDir
    Path dir;

    @Test
    void noGapInSeqThroughBrokerKillsAndLinkCuts() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true",
                "max_queued_messages 0");
                TcpProxy proxy = new TcpProxy(broker.port());
                TestSubscriber central = new TestSubscriber(broker.url(), "central-stream",
                        "linli/v1/devices/" + DEVICE + "/+");
                Pi4jBoard board = Pi4jBoard.mock()) {
            Agent agent = new Agent(TestAgents.config(dir, TestAgents.yaml(DEVICE, "hub-1", "room-1",
                    "tcp://127.0.0.1:" + proxy.port(), dir.resolve("data"))
                    + "outbox: {resend-after-ms: 500, resend-max-ms: 2000}\n"), board, Clock.systemUTC(),
                    ClockTrust.fixed(true, "test"));
            try {
                agent.start();
                await().until(agent::connected);
                for (int i = 0; i < EVENTS; i++) {
                    int n = i;
                    agent.loop().execute(() -> agent.reporter().event("room-1", EventType.DOOR_OPENED, null,
                            "stream " + n));
                    if (i % 400 == 200) {
                        // whatever is in flight, in the broker's queue or not yet sent: the agent carries on
                        broker.kill();
                        emitWhileDown(agent, 50);
                        i += 50;
                        broker.restart();
                    }
                    if (i % 600 == 300) {
                        proxy.cut();
                    }
                }
                long last = agent.outbox().nextSeq() - 1;
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> agent.outbox().depth() == 0
                            && seqs(central).size() == agent.outbox().nextSeq());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    TreeSet<Long> missing = new TreeSet<>();
                    for (long s = 0; s <= last; s++) {
                        missing.add(s);
                    }
                    missing.removeAll(seqs(central));
                    throw new AssertionError(missing.size() + " seqs never seen" + (missing.isEmpty() ? ""
                            : ", from " + missing.first()) + "; outbox depth " + agent.outbox().depth()
                            + "; agent connected " + agent.connected() + ", subscriber connected "
                            + central.connected() + ", its history " + central.history(), e);
                }
                TreeSet<Long> seen = seqs(central);
                assertEquals(0L, seen.first(), "agent.started is seq 0");
                assertEquals(seen.size() - 1, seen.last(), "no gap: every seq from 0 to the last was seen");
                assertTrue(seen.last() >= EVENTS, "all events were sent: " + seen.last());
            } finally {
                agent.close();
            }
        }
    }

    private static void emitWhileDown(Agent agent, int count) {
        for (int k = 0; k < count; k++) {
            agent.loop().execute(() -> agent.reporter().event("room-1", EventType.DOOR_CLOSED, null, "while down"));
        }
    }

    private static TreeSet<Long> seqs(TestSubscriber central) {
        TreeSet<Long> seen = new TreeSet<>();
        for (TestSubscriber.Received message : central.received()) {
            if (message.topic().endsWith("/status")) {
                continue;
            }
            Matcher m = SEQ.matcher(message.payload());
            if (m.find()) {
                seen.add(Long.parseLong(m.group(1)));
            }
        }
        return seen;
    }

}
