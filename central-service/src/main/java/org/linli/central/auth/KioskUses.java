package org.linli.central.auth;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.linli.central.store.StoreException;

/** When each kiosk key was last used, as the admins' list of keys shows it. */
final class KioskUses {
    private static final System.Logger LOG = System.getLogger(KioskUses.class.getName());
    /** "Last used" is kept to the minute: a write per kiosk request would cost more than the request itself. */
    static final long LAST_USED_PRECISION_SECONDS = 60;

    private final Database db;
    private final Clock clock;
    // kiosk id -> the last-used time last written for it (epoch seconds)
    private final ConcurrentHashMap<String, Long> usesWritten = new ConcurrentHashMap<>();

    KioskUses(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
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
            db.write(c -> Sql.update(c,
                    "UPDATE kiosk SET last_used_ts = ? WHERE id = ? AND (last_used_ts IS NULL OR last_used_ts < ?)",
                    now, id, now));
        } catch (StoreException e) {
            // The kiosk's request goes on; the next one writes the time instead.
            usesWritten.remove(id, now);
            LOG.log(Level.WARNING, "cannot note when kiosk " + id + " was last used: " + e.getMessage());
        }
    }
}
