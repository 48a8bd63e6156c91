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

    private final Connection db;
    private final OutboxKey key;

    /** The outbox in {@code file}, sealed with the key in {@link #keyFileOf} it (made on the first start). */
    public Outbox(Path file) throws IOException {
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
            }
            sealClearBodies();
        } catch (SQLException e) {
            throw new IOException("cannot open the outbox " + file + ": " + e.getMessage(), e);
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
            unreadable.forEach(id -> refused(id, "does not open with this kiosk's outbox key"));
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

    public synchronized void delivered(long id) {
        update("DELETE FROM outbox WHERE id = ?", id, null);
    }

    public synchronized void attempted(long id) {
        update("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", id, null);
    }

    /**
     * The central service will never accept this one (a 4xx): it stops being retried, and its body (a phone number,
     * perhaps) is dropped, as nothing will ever send it; the route and the reason stay for whoever looks into it.
     */
    public synchronized void refused(long id, String reason) {
        update("UPDATE outbox SET refused = ?, body = '' WHERE id = ?", id, reason);
    }

    private void update(String sql, long id, String reason) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (reason != null) {
                s.setString(1, reason);
                s.setLong(2, id);
            } else {
                s.setLong(1, id);
            }
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
