package org.linli.central.displays;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.linli.central.auth.Secrets;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/** Keys for the hub's screens, stored as SHA-256 only; the key itself is shown once, when it is issued. */
public final class DisplayKeys {
    /** What a screen may do: read the hub's screens, or also serve at its counters. */
    public enum Scope {
        SCREEN, COUNTER;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record DisplayKey(String id, String hubId, String label, Scope scope, Instant created) {
    }

    public record Issued(DisplayKey display, String key) {
    }

    private final Database db;
    private final Clock clock;
    private final Runnable changed;

    /** @param changed told after every issue or revocation (cached bearers must be forgotten) */
    public DisplayKeys(Database db, Clock clock, Runnable changed) {
        this.db = db;
        this.clock = clock;
        this.changed = changed;
    }

    public Issued issue(String hubId, String label, Scope scope) {
        String id = Secrets.id();
        String key = Secrets.random();
        Instant now = clock.instant();
        db.write(c -> Sql.update(c, """
                INSERT INTO display_key (id, hub_id, label, scope, key_hash, created_ts) VALUES (?, ?, ?, ?, ?, ?)""",
                id, hubId, label, scope.wire(), Secrets.sha256(key), now.getEpochSecond()));
        changed.run();
        return new Issued(new DisplayKey(id, hubId, label, scope, Instant.ofEpochSecond(now.getEpochSecond())), key);
    }

    /** The hub's keys that still work. */
    public List<DisplayKey> list(String hubId) {
        return db.read(c -> Sql.list(c, """
                SELECT id, hub_id, label, scope, created_ts FROM display_key WHERE hub_id = ? AND revoked_ts IS NULL
                ORDER BY created_ts, id""", rs -> new DisplayKey(rs.getString(1), rs.getString(2), rs.getString(3),
                Scope.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
                Instant.ofEpochSecond(rs.getLong(5))), hubId));
    }

    /** @return whether the hub had that key (still working) */
    public boolean revoke(String hubId, String id) {
        int changedRows = db.write(c -> Sql.update(c, """
                UPDATE display_key SET revoked_ts = ? WHERE id = ? AND hub_id = ? AND revoked_ts IS NULL""",
                clock.instant().getEpochSecond(), id, hubId));
        changed.run();
        return changedRows > 0;
    }
}
