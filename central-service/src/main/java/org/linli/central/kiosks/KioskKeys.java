package org.linli.central.kiosks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.linli.central.auth.Secrets;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * The keys kiosks authenticate with: issued by an admin for a hub (shown once, stored as SHA-256 only), listed
 * without the key, revoked. Every change calls {@code changed}, which empties the bearer cache of {@code Accounts},
 * so a revoked key is refused from the next request on. (Who a key belongs to when a kiosk calls is
 * {@code auth.Accounts}'s business; this is the admins' side.)
 */
public final class KioskKeys {
    private final Database db;
    private final Clock clock;
    private final Runnable changed;

    /** A kiosk key as listed: never the key itself. */
    public record KioskKey(String id, String hubId, String label, Instant created, Instant lastUsed) {
    }

    /** A key just issued, with the one copy of the key there will ever be. */
    public record Issued(KioskKey kiosk, String key) {
    }

    /** @param changed empties the bearer cache of {@code auth.Accounts}, so a revoked key is refused at once */
    public KioskKeys(Database db, Clock clock, Runnable changed) {
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

    /** A kiosk with a key of the caller's choosing (the demo seed); its label is its id. */
    public void put(String kioskId, String hubId, String key) {
        put(kioskId, hubId, kioskId, key, clock.instant());
    }

    /** Creates or replaces a kiosk's key. */
    private void put(String id, String hubId, String label, String key, Instant now) {
        try {
            db.write(c -> Sql.update(c, """
                    INSERT INTO kiosk (id, hub_id, key_hash, label, created_ts) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET hub_id = excluded.hub_id, key_hash = excluded.key_hash,
                        label = excluded.label, created_ts = excluded.created_ts, last_used_ts = NULL,
                        revoked_ts = NULL""", id, hubId, Secrets.sha256(key), label, now.getEpochSecond()));
        } finally {
            changed.run();
        }
    }

    /** The hub's keys that are not revoked, oldest first. */
    public List<KioskKey> list(String hubId) {
        return db.read(c -> Sql.list(c, """
                SELECT id, label, created_ts, last_used_ts FROM kiosk WHERE hub_id = ? AND revoked_ts IS NULL
                ORDER BY created_ts, id""", rs -> {
                    Long used = Sql.nullableLong(rs, "last_used_ts");
                    return new KioskKey(rs.getString(1), hubId, rs.getString(2), Instant.ofEpochSecond(rs.getLong(3)),
                            used == null ? null : Instant.ofEpochSecond(used));
                }, hubId));
    }

    /** Revokes a key of the hub; false when the hub has no such key (or it was revoked already). */
    public boolean revoke(String hubId, String id) {
        long now = clock.instant().getEpochSecond();
        try {
            return db.write(c -> Sql.update(c,
                    "UPDATE kiosk SET revoked_ts = ? WHERE id = ? AND hub_id = ? AND revoked_ts IS NULL", now, id,
                    hubId) == 1);
        } finally {
            changed.run();
        }
    }
}
