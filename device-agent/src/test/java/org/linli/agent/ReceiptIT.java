package org.linli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * The broker's PUBACK deletes nothing: a message leaves the outbox only with the central service's receipt. While no
 * receipt comes, the agent has at most {@code outbox.unacknowledged-max} messages out and sends them again after
 * {@code outbox.resend-after-ms}; once receipts come, the rest follows and the outbox empties.
 */
class ReceiptIT {
    private static final String DEVICE = "door-receipts";
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void keepsEveryMessageUntilItsReceiptWithABoundedWindowAndSendsAgainWhatGotNone() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestSubscriber central = new TestSubscriber(broker.url(), "central-receipts",
                        "linli/v1/devices/" + DEVICE + "/+");
                Pi4jBoard board = Pi4jBoard.mock()) {
            central.acknowledging(false);
            Agent agent = new Agent(TestAgents.config(dir, TestAgents.yaml(DEVICE, "hub-1", "room-1", broker.url(),
                    dir.resolve("data")) + "outbox: {unacknowledged-max: 50, resend-after-ms: 400,"
                    + " resend-max-ms: 1600}\n"), board, Clock.systemUTC(), ClockTrust.fixed(true, "test"));
            try {
                agent.start();
                await().until(agent::connected);
                for (int i = 0; i < 300; i++) {
                    int n = i;
                    agent.loop().execute(() -> agent.reporter().event("room-1", EventType.DOOR_OPENED, null,
                            "receipt " + n));
                }
                // a whole resend period without a receipt has passed once the pump sent its messages again
                await().atMost(Duration.ofSeconds(20)).until(() -> agent.pump().resends() >= 1
                        && seen(central).size() == 50 && sent(central) > 50);
                assertEquals(LongStream.range(0, 50).boxed().toList(), List.copyOf(seen(central)),
                        "the oldest 50 and no more, each sent again");
                assertEquals(agent.outbox().nextSeq(), agent.outbox().depth(),
                        "every message is still in the outbox, although the broker acknowledged the first 50");

                central.acknowledging(true);
                await().atMost(Duration.ofSeconds(30)).until(() -> agent.outbox().depth() == 0);
                TreeSet<Long> seen = seen(central);
                assertEquals(agent.outbox().nextSeq(), seen.size(), "no gap: " + seen.first() + ".." + seen.last());
                assertTrue(seen.last() >= 300, seen::toString);
            } finally {
                agent.close();
            }
        }
    }

    /** Every seq the subscriber received, once each. */
    private static TreeSet<Long> seen(TestSubscriber central) {
        TreeSet<Long> seqs = new TreeSet<>();
        for (TestSubscriber.Received message : central.received()) {
            Matcher m = SEQ.matcher(message.payload());
            if (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
        }
        return seqs;
    }

    /** How many sequenced messages arrived, copies included. */
    private static long sent(TestSubscriber central) {
        return central.received().stream().filter(m -> SEQ.matcher(m.payload()).find()).count();
    }
}
