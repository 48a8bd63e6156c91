package org.linli.central.ingest;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a dropped message once per device and minute: a device stuck sending garbage must not flood the journal.
 * The message says why (never the payload, which could hold anything, personal data included).
 */
final class DropLog {
    private static final System.Logger LOG = System.getLogger(DropLog.class.getName());
    private static final long MINUTE_MS = 60_000;
    private static final int MAX_TRACKED = 10_000;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    void drop(String deviceKey, long nowMs, String why) {
        Long last = lastLogged.get(deviceKey);
        if (last != null && nowMs - last < MINUTE_MS) {
            return;
        }
        if (lastLogged.size() >= MAX_TRACKED) {
            // a flood of invented device ids must not grow this map without bound
            lastLogged.clear();
        }
        lastLogged.put(deviceKey, nowMs);
        LOG.log(Level.WARNING, "dropped a message from " + deviceKey + ": " + why
                + " (further drops of this device are not logged for a minute)");
    }
}
