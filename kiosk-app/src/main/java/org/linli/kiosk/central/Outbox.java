package org.linli.kiosk.central;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What residents did while the central service was away (check-ins, ratings), kept in a SQLite file until it is
 * delivered. A row is deleted only after the central service accepted it, so a crash or power cut loses nothing.
 * Bodies may hold a phone number, so they are stored sealed with the kiosk's {@link OutboxKey} (a file beside the
 * database, never inside it), and deleted rows are overwritten ({@code secure_delete}): no phone in clear on disk.
 */
public final class Outbox implements AutoCloseable {
    /** One kept request: the API path, its JSON body, and the key that makes a replay harmless. */
    public record Entry(long id, String path, String body, String idempotencyKey) {
    }

    /**
     * An entry the central service refused for good, as staff may see it: its route, the refusal's problem type
     * ({@code consent-required}; never the detail, which may quote what a resident typed) and when.
     */
    public record Refused(String path, String reason, Instant at) {
    }

    private final Connection db;
    private final OutboxKey key;
    private final InstantSource clock;

    /** The outbox in {@code file} on the machine's clock (tools and tests that never look at refusal times). */
    public Outbox(Path file) throws IOException {
        this(file, InstantSource.system());
    }

    /** The outbox in {@code file}, sealed with the key in {@link #keyFileOf} it (made on the first start). */
    public Outbox(Path file, InstantSource clock) throws IOException {
        this.clock = clock;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            key = OutboxKey.in(keyFileOf(file));
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA secure_delete=ON");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS outbox (
                          id INTEGER PRIMARY KEY AUTOINCREMENT,
                          path TEXT NOT NULL,
                          body TEXT NOT NULL,
                          idempotency_key TEXT NOT NULL,
                          attempts INTEGER NOT NULL DEFAULT 0,
                          refused TEXT)""");
                // an older outbox has no reason nor time of refusal: its refusals count from now, reason unknown
                if (!hasColumn("refused_reason")) {
                    s.execute("ALTER TABLE outbox ADD COLUMN refused_reason TEXT");
                    s.execute("ALTER TABLE outbox ADD COLUMN refused_at INTEGER");
                    s.execute("UPDATE outbox SET refused_reason = 'unknown', refused_at = "
                            + clock.instant().getEpochSecond() + " WHERE refused IS NOT NULL");
                }
            }
            sealClearBodies();
        } catch (SQLException e) {
            throw new IOException("cannot open the outbox " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean hasColumn(String name) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("PRAGMA table_info(outbox)")) {
            while (rows.next()) {
                if (rows.getString("name").equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The key's file: beside the database ({@code outbox.db} and {@code outbox.key}), so never in a copy of it. */
    public static Path keyFileOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".key");
    }

    /**
     * Bodies an older kiosk kept in clear are sealed (or dropped, when refused for good), and the clear pages wiped,
     * before anything else happens.
     */
    private void sealClearBodies() throws SQLException {
        int sealed = 0;
        try (Statement s = db.createStatement()) {
            sealed += s.executeUpdate("UPDATE outbox SET body = '' WHERE refused IS NOT NULL AND body <> ''");
        }
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT id, path, body FROM outbox WHERE refused IS NULL"
                        + " AND body NOT LIKE '" + OutboxKey.PREFIX + "%'");
                PreparedStatement seal = db.prepareStatement("UPDATE outbox SET body = ? WHERE id = ?")) {
            while (rows.next()) {
                seal.setString(1, key.seal(rows.getString(2), rows.getString(3)));
                seal.setLong(2, rows.getLong(1));
                sealed += seal.executeUpdate();
            }
        }
        if (sealed > 0) {
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    public synchronized Entry add(String path, String body) {
        String key = UUID.randomUUID().toString();
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO outbox (path, body, idempotency_key) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, path);
            s.setString(2, this.key.seal(path, body));
            s.setString(3, key);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Entry(keys.getLong(1), path, body, key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox write failed", e);
        }
    }

    /** Entries still to deliver, oldest first (refused ones are kept aside for staff, not retried). */
    public synchronized List<Entry> pending() {
        List<Entry> entries = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT id, path, body, idempotency_key FROM outbox WHERE refused IS NULL ORDER BY id")) {
            List<Long> unreadable = new ArrayList<>();
            while (rows.next()) {
                try {
                    String path = rows.getString(2);
                    entries.add(new Entry(rows.getLong(1), path, key.open(path, rows.getString(3)), rows.getString(4)));
                } catch (IllegalStateException e) {
                    unreadable.add(rows.getLong(1));
                }
            }
            // sealed with another key (the key file was lost or replaced): it can never be sent, so it stops blocking
            unreadable.forEach(id -> refused(id, "does not open with this kiosk's outbox key", "unreadable"));
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox read failed", e);
        }
    }

    public synchronized int pendingCount() {
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM outbox WHERE refused IS NULL")) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox read failed", e);
        }
    }

    /** How many entries were refused for good and are kept aside for staff. */
    public synchronized int refusedCount() {
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM outbox WHERE refused IS NOT NULL")) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox read failed", e);
        }
    }

    /** The newest {@code limit} entries refused for good, newest first. */
    public synchronized List<Refused> refused(int limit) {
        try (PreparedStatement s = db.prepareStatement("SELECT path, refused_reason, refused_at FROM outbox"
                + " WHERE refused IS NOT NULL ORDER BY refused_at DESC, id DESC LIMIT ?")) {
            s.setInt(1, limit);
            List<Refused> list = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    list.add(new Refused(rows.getString(1), rows.getString(2), Instant.ofEpochSecond(rows.getLong(3))));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox read failed", e);
        }
    }

    public synchronized void delivered(long id) {
        update("DELETE FROM outbox WHERE id = ?", id);
    }

    public synchronized void attempted(long id) {
        update("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", id);
    }

    /**
     * The central service will never accept this one (a 4xx): it stops being retried, and its body (a phone number,
     * perhaps) is dropped, as nothing will ever send it; the route and the reason stay for whoever looks into it.
     *
     * @param detail the refusal in words, for the kiosk's own records
     * @param reason its problem type ({@code consent-required}), what staff are shown
     */
    public synchronized void refused(long id, String detail, String reason) {
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE outbox SET refused = ?, refused_reason = ?, refused_at = ?, body = '' WHERE id = ?")) {
            s.setString(1, detail);
            s.setString(2, reason);
            s.setLong(3, clock.instant().getEpochSecond());
            s.setLong(4, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox update failed", e);
        }
    }

    private void update(String sql, long id) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox update failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            System.getLogger(Outbox.class.getName()).log(System.Logger.Level.WARNING, "outbox close failed", e);
        }
    }
}
