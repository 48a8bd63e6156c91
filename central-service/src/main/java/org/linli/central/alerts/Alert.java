package org.linli.central.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.linli.central.catalogue.Name;
import org.linli.central.events.AlertEvent;
import org.linli.central.web.Times;

/**
 * Something staff should look at. Its state:
 * <ul>
 * <li>{@code open}: raised, nobody acknowledged it, its condition goes on;</li>
 * <li>{@code acknowledged}: staff acknowledged it ({@code ackBy}, {@code ackTs}), its condition may go on;</li>
 * <li>{@code resolved}: its condition ended by itself ({@code resolvedTs}), whether or not staff had acknowledged it
 * before. Only the kinds in {@link #RESOLVE_THEMSELVES} do.</li>
 * </ul>
 *
 * @param ts when it was raised (epoch ms)
 * @param ackBy the staff account that acknowledged it, null while nobody did
 * @param ackTs when (epoch ms), null while nobody did
 * @param resolvedTs when its condition ended by itself (epoch ms), null while it goes on
 */
public record Alert(long id, String hubId, String kind, String roomId, String deviceId, Name message, long ts,
        String ackBy, Long ackTs, Long resolvedTs) {

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

    /**
     * A door's lock does not do what its relay told it (the lock's own sense output says so): open while locked, or
     * locked while opened. The door says when it does again.
     */
    public static final String LOCK_FAULT = "lock_fault";

    /**
     * The kinds whose condition is seen ending: a device back online, a room back under its capacity, the hub back
     * within its capacity, the door closed, the CPU cooler, a room's revocation list published, the lock doing what
     * its relay tells it again. The others are
     * moments (a burst of refusals) or conditions nothing reports the end of (a door's clock, a door refusing or
     * lacking its list): staff acknowledge them.
     */
    public static final Set<String> RESOLVE_THEMSELVES = Set.of(DEVICE_OFFLINE, OVER_CAPACITY, HUB_OVER_CAPACITY,
            DOOR_HELD_OPEN, DEVICE_HOT, REVOCATIONS_UNPUBLISHABLE, LOCK_FAULT);

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    public boolean acknowledged() {
        return ackBy != null;
    }

    public boolean resolved() {
        return resolvedTs != null;
    }

    /** {@link #OPEN}, {@link #ACKNOWLEDGED} or {@link #RESOLVED}. */
    public String state() {
        return resolved() ? RESOLVED : acknowledged() ? ACKNOWLEDGED : OPEN;
    }

    /** As the API and the {@code alert} event show it, with times in the hub's zone. */
    public AlertEvent event(ZoneId zone) {
        return new AlertEvent(id, hubId, kind, roomId, deviceId, message, time(ts, zone), state(), acknowledged(),
                ackBy, ackTs == null ? null : time(ackTs, zone), resolved(),
                resolvedTs == null ? null : time(resolvedTs, zone));
    }

    private static String time(long epochMs, ZoneId zone) {
        return Times.format(Instant.ofEpochMilli(epochMs), zone);
    }
}
