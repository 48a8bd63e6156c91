package org.linli.central.auth;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.linli.central.store.Database;
import org.linli.central.store.StoreException;

/**
 * The keys kiosks authenticate with: issued by an admin for a hub (shown once, stored as SHA-256 only), listed
 * without the key, revoked. Every change calls {@code changed}, which empties the bearer cache of {@link Accounts},
 * so a revoked key is refused from the next request on.
 */
public final class KioskKeys {
    private static final System.Logger LOG = System.getLogger(KioskKeys.class.getName());
    /** "Last used" is kept to the minute: a write per kiosk request would cost more than the request itself. */
    static final long LAST_USED_PRECISION_SECONDS = 60;

    private final Database db;
    private final Clock clock;
    private final Runnable changed;
    // kiosk id -> the last-used time last written for it (epoch seconds)
    private final ConcurrentHashMap<String, Long> usesWritten = new ConcurrentHashMap<>();

    /** A kiosk key as listed: never the key itself. */
    public record KioskKey(String id, String hubId, String label, Instant created, Instant lastUsed) {
    }

    /** A key just issued, with the one copy of the key there will ever be. */
    public record Issued(KioskKey kiosk, String key) {
    }

    KioskKeys(Database db, Clock clock, Runnable changed) {
        this.db = db;
        this.clock = clock;
        this.changed = changed;
    }

    /** A new key for a kiosk of the hub. */
    public Issued issue(String hubId, String label) {
        String id = Secrets.id();
        String key = Secrets.random();
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        put(id, hubId, label, key, now);
        return new Issued(new KioskKey(id, hubId, label, now, null), key);
    }

    /** Creates or replaces a kiosk's key (the demo seed names its kiosk and key itself). */
    void put(String id, String hubId, String label, String key, Instant now) {
        try {
            db.write(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO kiosk (id, hub_id, key_hash, label, created_ts) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET hub_id = excluded.hub_id, key_hash = excluded.key_hash,
                            label = excluded.label, created_ts = excluded.created_ts, last_used_ts = NULL,
                            revoked_ts = NULL""")) {
                    st.setString(1, id);
                    st.setString(2, hubId);
                    st.setString(3, Secrets.sha256(key));
                    st.setString(4, label);
                    st.setLong(5, now.getEpochSecond());
                    return st.executeUpdate();
                }
            });
        } finally {
            changed.run();
        }
    }

    /** The hub's keys that are not revoked, oldest first. */
    public List<KioskKey> list(String hubId) {
        return db.read(c -> {
            List<KioskKey> keys = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, label, created_ts, last_used_ts FROM kiosk WHERE hub_id = ? AND revoked_ts IS NULL
                    ORDER BY created_ts, id""")) {
                st.setString(1, hubId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long created = rs.getLong(3);
                        long used = rs.getLong(4);
                        keys.add(new KioskKey(rs.getString(1), hubId, rs.getString(2),
                                Instant.ofEpochSecond(created), rs.wasNull() ? null : Instant.ofEpochSecond(used)));
                    }
                }
            }
            return keys;
        });
    }

    /** Revokes a key of the hub; false when the hub has no such key (or it was revoked already). */
    public boolean revoke(String hubId, String id) {
        long now = clock.instant().getEpochSecond();
        try {
            return db.write(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        UPDATE kiosk SET revoked_ts = ? WHERE id = ? AND hub_id = ? AND revoked_ts IS NULL""")) {
                    st.setLong(1, now);
                    st.setString(2, id);
                    st.setString(3, hubId);
                    return st.executeUpdate() == 1;
                }
            });
        } finally {
            changed.run();
        }
    }

    /** Called on every request a kiosk makes; writes only when the stored time is a minute old. */
    void used(String id) {
        long now = clock.instant().getEpochSecond();
        Long written = usesWritten.get(id);
        if (written != null && now - written < LAST_USED_PRECISION_SECONDS && now >= written) {
            return;
        }
        boolean mine = written == null ? usesWritten.putIfAbsent(id, now) == null
                : usesWritten.replace(id, written, now);
        if (!mine) {
            return; // another request of the same kiosk is writing it
        }
        try {
            db.write(c -> {
                try (PreparedStatement st = c.prepareStatement("UPDATE kiosk SET last_used_ts = ?"
                        + " WHERE id = ? AND (last_used_ts IS NULL OR last_used_ts < ?)")) {
                    st.setLong(1, now);
                    st.setString(2, id);
                    st.setLong(3, now);
                    return st.executeUpdate();
                }
            });
        } catch (StoreException e) {
            // The kiosk's request goes on; the next one writes the time instead.
            usesWritten.remove(id, now);
            LOG.log(Level.WARNING, "cannot note when kiosk " + id + " was last used: " + e.getMessage());
        }
    }
}
