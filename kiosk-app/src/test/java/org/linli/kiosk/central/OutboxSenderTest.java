package org.linli.kiosk.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.CentralFixture;
import org.linli.kiosk.TestCentral;
import org.linli.protocol.testing.TcpProxy;

class OutboxSenderTest {
    @TempDir
    Path dir;
    CentralFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new CentralFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void deliversAtOnceWhenCentralAnswers() throws Exception {
        var outcome = f.sender.checkin(Map.of("phone", "13800138000"));
        assertFalse(outcome.kept());
        assertEquals("phone", outcome.answer().orElseThrow().path("kind").asText());
        assertEquals(1, f.central.checkins());
        assertEquals(0, f.sender.pendingCount());
    }

    @Test
    void keepsWhileCentralIsDownAndSendsWithTheOriginalTimeWhenItReturns() throws Exception {
        f.central.stop();
        Instant before = f.clock.instant();
        var outcome = f.sender.checkin(Map.of("phone", "13800138000"));
        var rating = f.sender.feedback(Map.of("rating", 4));
        assertTrue(outcome.kept() && rating.kept());
        assertFalse(f.connectivity.isOnline());
        assertEquals(2, f.sender.pendingCount());

        f.clock.advance(Duration.ofMinutes(30)); // the link comes back half an hour later
        assertEquals(0, f.sender.syncNow(), "nothing can be sent while central is still down");
        f.central.restart();
        assertEquals(2, f.sender.syncNow());
        assertEquals(0, f.sender.pendingCount());
        assertTrue(f.connectivity.isOnline());
        Instant at = Instant.ofEpochSecond(f.central.count("SELECT at_ts FROM checkin"));
        assertTrue(!at.isBefore(before.minusSeconds(1)) && at.isBefore(before.plus(Duration.ofMinutes(5))),
                "the check-in carries the time it happened, not the time it was sent: " + at);
        assertEquals(4, f.central.count("SELECT rating FROM feedback"));
    }

    @Test
    void keptEntriesSurviveARestartOfTheKiosk() throws Exception {
        f.central.stop();
        f.sender.checkin(Map.of("phone", "13800138000"));
        f.sender.close();
        f.outbox.close();
        try (Outbox reopened = new Outbox(dir.resolve("outbox.db"))) {
            assertEquals(1, reopened.pendingCount());
        }
    }

    @Test
    void aRatingTheCentralAlreadyHasIsNotRetriedForever() throws Exception {
        String ticket = f.central.drawTicket("affairs").path("id").asText();
        f.sender.feedback(Map.of("rating", 5, "ticket", ticket));
        f.central.stop();
        f.sender.feedback(Map.of("rating", 5, "ticket", ticket));
        f.central.restart();
        f.sender.syncNow();
        assertEquals(0, f.sender.pendingCount());
        assertEquals(1, f.central.feedback());
    }

    /**
     * The link fails after a check-in went out: the kiosk cannot know it was counted, keeps it, and sends it again
     * with the same Idempotency-Key when the link is back. The central service counts the visit once, answers the
     * try again with it, and the outbox is empty.
     */
    @Test
    void aCheckinWhoseAnswerWasLostIsCountedOnce() throws Exception {
        try (TcpProxy link = new TcpProxy(f.central.url().getPort());
                Outbox kept = new Outbox(dir.resolve("lobby-outbox.db"))) {
            CentralClient throughLink = new CentralClient(URI.create("http://127.0.0.1:" + link.port()),
                    f.central.kioskKey(), TestCentral.HUB, f.connectivity);
            OutboxSender lobby = new OutboxSender(throughLink, kept, f.clock, TestCentral.ZONE);
            link.loseAnswers(true);
            var outcome = lobby.checkin(Map.of("phone", "13800138000", "service", "health"));
            assertTrue(outcome.kept(), "no answer: kept for later");
            assertEquals(1, f.central.checkins(), "the lost try was counted");

            link.loseAnswers(false);
            assertEquals(1, lobby.syncNow());
            assertEquals(0, lobby.pendingCount());
            assertEquals(1, f.central.checkins(), "and counted once");
            lobby.close();
        }
    }
}
