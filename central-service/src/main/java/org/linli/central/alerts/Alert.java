package org.linli.central.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.catalogue.Name;
import org.linli.central.events.AlertEvent;
import org.linli.central.web.Times;

/**
 * Something staff should look at.
 *
 * @param kind one of the kinds below, e.g. {@code device_offline}, {@code over_capacity} or
 *     {@code hub_over_capacity}
 * @param ts when it was raised (epoch ms)
 * @param acknowledged closed: by staff, or by itself
 * @param resolved its condition ended by itself (only {@code hub_over_capacity} does), whether or not staff had
 *     acknowledged it before
 */
public record Alert(long id, String hubId, String kind, String roomId, String deviceId, Name message, long ts,
        boolean acknowledged, boolean resolved) {

    public static final String DEVICE_OFFLINE = "device_offline";
    public static final String OVER_CAPACITY = "over_capacity";
    public static final String DOOR_HELD_OPEN = "door_held_open";
    public static final String DENIED_BURST = "denied_burst";
    public static final String CLOCK_UNTRUSTED = "clock_untrusted";
    /** A device's CPU at or above 80 °C (its telemetry), where a Raspberry Pi slows itself down. */
    public static final String DEVICE_HOT = "device_hot";
    /** More people counted in a hub's rooms than its fire certificate allows in the building. */
    public static final String HUB_OVER_CAPACITY = "hub_over_capacity";
    /** Central did not publish a room's revocation list because its doors would refuse it. */
    public static final String REVOCATIONS_UNPUBLISHABLE = "revocations_unpublishable";
    /** A door refused a revocation list (it keeps its last one). */
    public static final String REVOCATIONS_REFUSED = "revocations_refused";
    /** A door's revocation list no longer covers the time it may open for. */
    public static final String REVOCATIONS_STALE = "revocations_stale";

    /** As the API and the {@code alert} event show it, with times in the hub's zone. */
    public AlertEvent event(ZoneId zone) {
        return new AlertEvent(id, hubId, kind, roomId, deviceId, message, Times.format(Instant.ofEpochMilli(ts), zone),
                acknowledged, resolved);
    }
}
