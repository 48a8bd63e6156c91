package org.linli.agent.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.linli.protocol.payload.AckPayload;

/**
 * Store-and-forward for everything the agent reports: a message is written here before it is sent and deleted only
 * when the central service's receipt ({@code devices/{id}/ack}) names its {@code seq}, that is once it is committed to
 * the central database. So a lost link, a killed agent, and a broker that dies before it saved or passed on what it
 * had acknowledged lose nothing. It also owns the per-device {@code seq}, taken in the same transaction as the write
 * so a number is never used twice across restarts. Bounded by a capacity and an age; what those limits drop is
 * counted (and persisted) for telemetry.
 *
 * <p>One JDBC connection, used under this object's lock: the loop appends, the pump reads and deletes.
 */
public final class Outbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** A stored message, in the order it was written. */
    public record Message(long id, String topic, byte[] payload, long createdMs) {
    }

    private final Connection db;
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private int depth;
    private long nextSeq;
    private long dropped;

    public Outbox(Path file, int capacity, Duration maxAge, Clock clock) throws SQLException {
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        this.db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            // NORMAL with WAL survives a killed process (what the tests prove); a power cut may lose the last
            // commits, which is the trade for not wearing out the SD card with one fsync per event.
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("CREATE TABLE IF NOT EXISTS message (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " topic TEXT NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL, seq INTEGER)");
            s.execute("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("INSERT OR IGNORE INTO counter VALUES ('next_seq', 0), ('dropped', 0)");
            addSeqColumn(s);
            s.execute("CREATE INDEX IF NOT EXISTS message_seq ON message (seq)");
        }
        db.setAutoCommit(true);
        this.nextSeq = counter("next_seq");
        this.dropped = counter("dropped");
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM message")) {
            rs.next();
            this.depth = rs.getInt(1);
        }
        purgeExpired();
    }

    /**
     * An outbox written before receipts existed has no {@code seq} column: add it and fill it from the payloads (every
     * message in an outbox is a sequenced one), so what was waiting there is acknowledged like the rest.
     */
    private static void addSeqColumn(Statement s) throws SQLException {
        try (ResultSet columns = s.executeQuery(
                "SELECT count(*) FROM pragma_table_info('message') WHERE name = 'seq'")) {
            columns.next();
            if (columns.getInt(1) == 1) {
                return;
            }
        }
        s.execute("ALTER TABLE message ADD COLUMN seq INTEGER");
        s.execute("UPDATE message SET seq = json_extract(CAST(payload AS TEXT), '$.seq')"
                + " WHERE json_valid(CAST(payload AS TEXT))");
    }

    /**
     * Takes the next {@code seq}, builds the payload with it and stores the message, all in one transaction.
     *
     * @return the seq used
     */
    public synchronized long append(String topic, LongFunction<byte[]> payloadForSeq) throws SQLException {
        long seq = nextSeq;
        byte[] payload = payloadForSeq.apply(seq);
        try (Statement begin = db.createStatement()) {
            // IMMEDIATE takes the write lock up front; a deferred BEGIN upgrading to a write can fail with BUSY
            begin.execute("BEGIN IMMEDIATE");
        }
        try {
            int overflow = depth + 1 - capacity;
            if (overflow > 0) {
                try (PreparedStatement drop = db.prepareStatement(
                        "DELETE FROM message WHERE id IN (SELECT id FROM message ORDER BY id LIMIT ?)")) {
                    drop.setInt(1, overflow);
                    overflow = drop.executeUpdate();
                }
                setCounter("dropped", dropped + overflow);
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO message (topic, payload, created_ms, seq) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, topic);
                insert.setBytes(2, payload);
                insert.setLong(3, clock.millis());
                insert.setLong(4, seq);
                insert.executeUpdate();
            }
            setCounter("next_seq", seq + 1);
            try (Statement commit = db.createStatement()) {
                commit.execute("COMMIT");
            }
            nextSeq = seq + 1;
            if (overflow > 0) {
                dropped += overflow;
                depth -= overflow;
                LOG.log(System.Logger.Level.WARNING, "outbox full ({0} messages): dropped the oldest {1}",
                        capacity, overflow);
            }
            depth++;
            return seq;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** Up to {@code limit} messages with an id above {@code afterId}, oldest first. */
    public synchronized List<Message> after(long afterId, int limit) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "SELECT id, topic, payload, created_ms FROM message WHERE id > ? ORDER BY id LIMIT ?")) {
            q.setLong(1, afterId);
            q.setInt(2, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Message(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** How many messages have an id up to {@code id}: those sent in the current round and not yet acknowledged. */
    public synchronized int countUpTo(long id) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM message WHERE id <= ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Removes the messages whose {@code seq} a receipt of the central service names; seqs already gone (acknowledged
     * twice, or dropped by the limits) are fine.
     *
     * @return how many were removed
     */
    public synchronized int acknowledge(List<AckPayload.Range> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return 0;
        }
        try (Statement begin = db.createStatement()) {
            begin.execute("BEGIN IMMEDIATE");
        }
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM message WHERE seq BETWEEN ? AND ?")) {
            int removed = 0;
            for (AckPayload.Range range : seqs) {
                delete.setLong(1, range.from());
                delete.setLong(2, range.to());
                removed += delete.executeUpdate();
            }
            try (Statement commit = db.createStatement()) {
                commit.execute("COMMIT");
            }
            depth -= removed;
            return removed;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** Drops messages older than the age limit (they would mislead more than inform); returns how many. */
    public synchronized int purgeExpired() throws SQLException {
        long cutoff = clock.millis() - maxAge.toMillis();
        int removed;
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM message WHERE created_ms < ?")) {
            delete.setLong(1, cutoff);
            removed = delete.executeUpdate();
        }
        if (removed > 0) {
            depth -= removed;
            dropped += removed;
            setCounter("dropped", dropped);
            LOG.log(System.Logger.Level.WARNING, "outbox: dropped {0} messages older than {1}", removed, maxAge);
        }
        return removed;
    }

    public synchronized int depth() {
        return depth;
    }

    /** Messages dropped by the capacity and age limits since the outbox was created. */
    public synchronized long dropped() {
        return dropped;
    }

    /** The seq the next message will get. */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    private long counter(String name) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT value FROM counter WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void setCounter(String name, long value) throws SQLException {
        try (PreparedStatement u = db.prepareStatement("UPDATE counter SET value = ? WHERE name = ?")) {
            u.setLong(1, value);
            u.setString(2, name);
            u.executeUpdate();
        }
    }

    private void rollback() {
        try (Statement s = db.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "rollback after a failed write also failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the outbox failed", e);
        }
    }
}
