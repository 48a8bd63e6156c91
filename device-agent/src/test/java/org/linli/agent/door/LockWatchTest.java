package org.linli.agent.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.AgentLoop;
import org.linli.agent.TestAgents;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.agent.hardware.Pi4jInput;
import org.linli.agent.hardware.Relay;
import org.linli.agent.outbox.Outbox;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.HubClock;

/**
 * A lock's own report against the relay (security review, finding M9), on Pi4J's mock board: a relay whose polarity
 * is wrong leaves a fail-secure door open at rest, and only a lock that says whether it holds can tell.
 */
class LockWatchTest {
    static final String ROOM = "r101";
    static final int SENSE_PIN = 7;
    static final Duration SETTLE = Duration.ofMillis(50);

    @TempDir
    Path dir;
    final HubClock clock = new HubClock(Instant.parse("2026-12-01T01:30:00Z"), ZoneOffset.UTC);
    Pi4jBoard board;
    AgentLoop loop;
    Outbox outbox;
    Relay relay;
    LockWatch watch;

    @BeforeEach
    void setUp() throws Exception {
        board = Pi4jBoard.mock();
        loop = new AgentLoop();
        outbox = new Outbox(dir.resolve("outbox.db"), 1000, Duration.ofDays(7), clock);
        Reporter reporter = new Reporter("door-1", outbox, new PayloadCodec(clock), clock, () -> { });
        Pi4jInput holds = board.input(SENSE_PIN, true);
        Pi4jInput contact = board.input(TestAgents.CONTACT_PIN, true);
        watch = new LockWatch(ROOM, holds::active, contact::open, SETTLE, reporter, loop);
        holds.onActive(held -> loop.execute(watch::changed));
        relay = watch.watch(board.relay(TestAgents.RELAY_PIN, true, true));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        outbox.close();
        board.close();
    }

    private void lockSays(boolean holds) {
        TestAgents.input(board, SENSE_PIN).mockState(holds ? DigitalState.HIGH : DigitalState.LOW);
    }

    private void door(boolean open) {
        TestAgents.input(board, TestAgents.CONTACT_PIN).mockState(open ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Waits until every judgement asked for so far has been made: a task queued after their settling time. */
    private void settled() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> loop.schedule(SETTLE.multipliedBy(2), done::countDown));
        assertTrue(done.await(10, TimeUnit.SECONDS), "the agent loop is stuck");
    }

    /** The lock events in the outbox, as "type: reason". */
    private List<String> lockEvents() {
        String topic = Topics.deviceEvents("door-1") + " ";
        return TestAgents.outboxPayloads(dir.resolve("outbox.db")).stream().filter(row -> row.startsWith(topic))
                .map(row -> row.substring(topic.length())).filter(json -> json.contains("\"lock."))
                .map(json -> json.replaceAll(".*\"type\":\"([^\"]+)\".*\"reason\":\"([^\"]*)\".*", "$1: $2"))
                .toList();
    }

    @Test
    void aLockThatFollowsTheRelayIsNeverReported() throws Exception {
        lockSays(true);
        loop.runAndWait(relay::lock);
        settled();
        // the lock follows at once: both in one task of the loop, so no judgement falls between them
        loop.runAndWait(() -> {
            relay.unlock();
            lockSays(false);
        });
        settled();
        loop.runAndWait(() -> {
            relay.lock();
            lockSays(true);
        });
        settled();
        assertEquals(List.of(), lockEvents());
    }

    /** The relay's polarity the wrong way round: the door is open at rest. */
    @Test
    void aLockOpenWhileTheRelayLocksItIsAFaultOnceAndOkWhenItHoldsAgain() throws Exception {
        lockSays(false);
        loop.runAndWait(relay::lock);
        settled();
        loop.runAndWait(relay::lock); // locked again (a relock after a grant): the same fault, not a second one
        settled();
        List<String> events = lockEvents();
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.getFirst().startsWith("lock.fault: open: the lock reports open 50 ms after the relay locked it"),
                events.toString());

        lockSays(true); // the installer turned the relay's active-high round and restarted: it holds
        settled();
        assertEquals(2, lockEvents().size(), lockEvents().toString());
        assertTrue(lockEvents().get(1).startsWith("lock.ok: the lock holds"), lockEvents().toString());
    }

    @Test
    void aLockThatStaysShutWhenTheRelayOpensItIsAFault() throws Exception {
        lockSays(true);
        loop.runAndWait(relay::unlock);
        settled();
        assertEquals(1, lockEvents().size(), lockEvents().toString());
        assertTrue(lockEvents().getFirst().startsWith("lock.fault: shut: the lock reports locked 50 ms after the relay"
                + " opened it"), lockEvents().toString());
    }

    /** A maglock bonds only with the door shut: nothing is judged while the door stands open. */
    @Test
    void nothingIsJudgedWhileTheDoorStandsOpen() throws Exception {
        door(true);
        lockSays(false);
        loop.runAndWait(relay::lock);
        settled();
        assertEquals(List.of(), lockEvents(), "the door is open: the lock cannot hold yet");

        door(false);
        loop.runAndWait(watch::changed); // what the agent does when the contact says the door closed
        settled();
        assertEquals(1, lockEvents().size(), lockEvents().toString());
        assertTrue(lockEvents().getFirst().startsWith("lock.fault"), lockEvents().toString());
    }
}
