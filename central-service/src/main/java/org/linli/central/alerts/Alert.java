package org.linli.central.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.catalogue.Name;
import org.linli.central.web.Times;

/**
 * Something staff should look at.
 *
 * @param kind {@code device_offline}, {@code over_capacity}, {@code door_held_open}, {@code denied_burst} or
 *     {@code clock_untrusted}
 * @param ts when it was raised (epoch ms)
 */
public record Alert(long id, String hubId, String kind, String roomId, String deviceId, Name message, long ts,
        boolean acknowledged) {

    public static final String DEVICE_OFFLINE = "device_offline";
    public static final String OVER_CAPACITY = "over_capacity";
    public static final String DOOR_HELD_OPEN = "door_held_open";
    public static final String DENIED_BURST = "denied_burst";
    public static final String CLOCK_UNTRUSTED = "clock_untrusted";

    public Map<String, Object> json(ZoneId zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("hub", hubId);
        body.put("kind", kind);
        body.put("room", roomId);
        body.put("device", deviceId);
        body.put("message", message);
        body.put("ts", Times.format(Instant.ofEpochMilli(ts), zone));
        body.put("acknowledged", acknowledged);
        return body;
    }
}
