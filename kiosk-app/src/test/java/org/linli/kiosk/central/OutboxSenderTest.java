package org.linli.kiosk.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.TestCentral;
import org.linli.protocol.testing.TcpProxy;

class OutboxSenderTest extends CentralFixtureTest {
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

    /** Decision 0013, L4: the outbox's SQLite files never hold a phone in clear, and what they keep still arrives. */
    @Test
    void aKeptCheckinHasNoPhoneInClearOnDiskAndStillReachesCentral() throws Exception {
        f.central.stop();
        assertTrue(f.sender.checkin(Map.of("phone", "13912345678", "service", "health")).kept());
        assertEquals(1, f.sender.pendingCount());
        assertFalse(outboxFilesContain("13912345678"), "phone digits in clear in the outbox's files");
        Path key = Outbox.keyFileOf(dir.resolve("outbox.db"));
        assertEquals(dir.resolve("outbox.key"), key);
        assertEquals(32, Files.size(key));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));

        f.central.restart();
        assertEquals(1, f.sender.syncNow());
        assertEquals(0, f.sender.pendingCount());
        assertEquals(1, f.central.checkins());
        long resident = f.central.count("SELECT resident_id FROM checkin WHERE service_id = 'health'");
        assertTrue(resident > 0, "the kept check-in names its resident");
        assertFalse(f.sender.checkin(Map.of("phone", "13912345678")).kept());
        assertEquals(2, f.central.count("SELECT count(*) FROM checkin WHERE resident_id = " + resident),
                "the phone arrived whole: the same resident as a check-in sent directly");
        f.outbox.close();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                var rows = db.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
            assertEquals(0, rows.getInt(1), "delivered rows are deleted");
        }
    }

    /** An outbox an older kiosk left with bodies in clear is sealed when it opens, and its rows still go out. */
    @Test
    void anOlderOutboxInClearIsSealedOnOpening() throws Exception {
        Path old = dir.resolve("old").resolve("outbox.db");
        Files.createDirectories(old.getParent());
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + old); var s = db.createStatement()) {
            s.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, body TEXT NOT"
                    + " NULL, idempotency_key TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, refused TEXT)");
            s.execute("INSERT INTO outbox (path, body, idempotency_key) VALUES ('/api/v1/checkins',"
                    + " '{\"phone\":\"13987654321\"}', 'k-1')");
            s.execute("INSERT INTO outbox (path, body, idempotency_key, refused) VALUES ('/api/v1/checkins',"
                    + " '{\"phone\":\"13911112222\"}', 'k-2', 'unknown-purpose')");
        }
        assertTrue(new String(Files.readAllBytes(old), StandardCharsets.ISO_8859_1).contains("13987654321"));
        try (Outbox opened = new Outbox(old)) {
            assertFalse(filesContain(old.getParent(), "13987654321"), "still in clear after opening");
            assertFalse(filesContain(old.getParent(), "13911112222"), "a refused row still in clear");
            Outbox.Entry entry = opened.pending().getFirst();
            assertEquals("{\"phone\":\"13987654321\"}", entry.body());
            assertEquals("k-1", entry.idempotencyKey());
        }
    }

    /** A check-in central refuses for good is not retried, and keeps no body: nothing will ever send it. */
    @Test
    void aRefusedCheckinKeepsNoBody() throws Exception {
        f.central.stop();
        assertTrue(f.sender.checkin(Map.of("phone", "13955556666", "service", "no-such-service")).kept());
        f.central.restart();
        assertEquals(0, f.sender.syncNow());
        assertEquals(0, f.sender.pendingCount());
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                var rows = db.createStatement().executeQuery("SELECT body, refused FROM outbox")) {
            assertTrue(rows.next(), "the refusal is kept, for whoever looks into it");
            assertEquals("", rows.getString(1));
            assertTrue(rows.getString(2) != null && !rows.getString(2).isBlank(), "with its reason");
        }
    }

    /**
     * Entries central refuses for good are kept aside "for staff": the kiosk reports them (with what still waits)
     * and they are listed with its key, as a route, a problem type and a time; no phone, name or detail in words.
     * The report goes again when it changes, and otherwise once a minute.
     */
    @Test
    void anEntryCentralRefusesIsListedWithTheKiosksKeyForStaff() throws Exception {
        f.central.stop();
        assertTrue(f.sender.checkin(Map.of("phone", "13955556666", "service", "no-such-service")).kept());
        f.central.restart();
        f.sender.syncNow();
        com.fasterxml.jackson.databind.JsonNode outbox = lobby().path("outbox");
        assertEquals(0, outbox.path("waiting").asInt(), outbox.toString());
        assertEquals(1, outbox.path("refused").asInt(), outbox.toString());
        com.fasterxml.jackson.databind.JsonNode refused = outbox.path("refusedEntries").get(0);
        assertEquals("/api/v1/checkins", refused.path("path").asText());
        assertTrue(refused.path("reason").asText().matches("[a-z0-9-]+"), refused.toString());
        assertEquals(f.clock.instant().getEpochSecond(),
                java.time.OffsetDateTime.parse(refused.path("at").asText()).toEpochSecond(), 1, "when it was refused");
        assertFalse(outbox.toString().contains("13955556666"), "no phone in what staff see: " + outbox);
        String reported = outbox.path("reported").asText();

        f.clock.advance(Duration.ofSeconds(20));
        f.sender.syncNow();
        assertEquals(reported, lobby().path("outbox").path("reported").asText(), "nothing changed: not sent again");
        f.central.stop();
        assertTrue(f.sender.checkin(Map.of("phone", "13955557777", "service", "no-such-service")).kept());
        f.central.restart();
        f.clock.advance(Duration.ofSeconds(5));
        f.sender.syncNow();
        assertEquals(2, lobby().path("outbox").path("refused").asInt(), "a change is reported at once");
        String changed = lobby().path("outbox").path("reported").asText();
        assertTrue(later(changed, reported), changed + " after " + reported);

        f.clock.advance(Duration.ofSeconds(61));
        f.sender.syncNow();
        assertTrue(later(lobby().path("outbox").path("reported").asText(), changed), "a minute later it reports again");
    }

    private static boolean later(String time, String than) {
        return java.time.OffsetDateTime.parse(time).isAfter(java.time.OffsetDateTime.parse(than));
    }

    private com.fasterxml.jackson.databind.JsonNode lobby() {
        for (com.fasterxml.jackson.databind.JsonNode key : f.central.kioskKeys()) {
            if (key.path("id").asText().equals("kiosk-lobby")) {
                return key;
            }
        }
        throw new AssertionError("no kiosk-lobby in " + f.central.kioskKeys());
    }

    /** A body sealed under a key the kiosk no longer has is set aside, and no longer holds the others back. */
    @Test
    void aBodyUnderALostKeyIsSetAside() throws Exception {
        Path file = dir.resolve("lost").resolve("outbox.db");
        try (Outbox first = new Outbox(file)) {
            first.add("/api/v1/checkins", "{\"phone\":\"13900000001\"}");
        }
        Files.delete(Outbox.keyFileOf(file));
        try (Outbox second = new Outbox(file)) {
            second.add("/api/v1/feedback", "{\"rating\":5}");
            assertEquals(List.of("{\"rating\":5}"), second.pending().stream().map(Outbox.Entry::body).toList());
            assertEquals(1, second.pendingCount());
        }
    }

    private boolean outboxFilesContain(String text) throws IOException {
        return filesContain(dir, text);
    }

    /** Whether any outbox file in the folder (the database, its WAL and shared memory, the key) holds the text. */
    private static boolean filesContain(Path folder, String text) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("outbox")).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
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
