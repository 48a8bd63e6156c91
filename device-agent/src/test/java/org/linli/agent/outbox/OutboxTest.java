package org.linli.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.payload.AckPayload;

class OutboxTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static byte[] payload(long seq) {
        return ("{\"ts\":1,\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deletesExactlyTheSeqsAReceiptNamesAndKeepsTheRest() throws Exception {
        try (Outbox outbox = new Outbox(dir.resolve("outbox.db"), 1000, Duration.ofDays(1), CLOCK)) {
            for (int i = 0; i < 10; i++) {
                outbox.append("t", OutboxTest::payload);
            }
            assertEquals(3, outbox.acknowledge(List.of(new AckPayload.Range(0, 1), new AckPayload.Range(5, 5))));
            assertEquals(0, outbox.acknowledge(List.of(new AckPayload.Range(0, 1))), "acknowledged twice is fine");
            assertEquals(7, outbox.depth());
            List<Outbox.Message> left = outbox.after(0, 100);
            assertEquals(List.of("2", "3", "4", "6", "7", "8", "9"), left.stream()
                    .map(m -> new String(m.payload(), StandardCharsets.UTF_8).replaceAll(".*\"seq\":(\\d+).*", "$1"))
                    .toList());
            assertEquals(2, outbox.countUpTo(left.get(1).id()), "sent up to the second message: two out");
        }
        try (Outbox reopened = new Outbox(dir.resolve("outbox.db"), 1000, Duration.ofDays(1), CLOCK)) {
            assertEquals(7, reopened.depth());
            assertEquals(10, reopened.nextSeq());
        }
    }

    @Test
    void anOutboxWrittenBeforeReceiptsGetsItsSeqsFromThePayloads() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE message (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,"
                    + " payload BLOB NOT NULL, created_ms INTEGER NOT NULL)");
            s.execute("CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("INSERT INTO counter VALUES ('next_seq', 42), ('dropped', 0)");
            s.execute("INSERT INTO message (topic, payload, created_ms) VALUES"
                    + " ('t', CAST('{\"ts\":1,\"seq\":40}' AS BLOB), " + CLOCK.millis() + "),"
                    + " ('t', CAST('{\"ts\":1,\"seq\":41}' AS BLOB), " + CLOCK.millis() + ")");
        }
        try (Outbox outbox = new Outbox(file, 1000, Duration.ofDays(1), CLOCK)) {
            assertEquals(2, outbox.depth());
            assertEquals(1, outbox.acknowledge(List.of(new AckPayload.Range(41, 41))));
            assertEquals(42, outbox.append("t", OutboxTest::payload));
            assertEquals(2, outbox.acknowledge(List.of(new AckPayload.Range(40, 42))), "the old one and the new one");
            assertEquals(0, outbox.depth());
        }
    }
}
