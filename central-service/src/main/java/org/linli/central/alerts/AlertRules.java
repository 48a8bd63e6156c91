package org.linli.central.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.Room;
import org.linli.central.devices.Device;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.EventType;

/**
 * Turns door events into alerts: held open, bursts of denied access, a door that does not trust its clock; and what
 * the counters and devices report into alerts raised and resolved (see {@link Alert#RESOLVE_THEMSELVES}). Events
 * replayed from an agent's outbox long after they happened are stored but raise nothing: the moment has passed (a
 * late door.closed still resolves: the door is closed).
 */
public final class AlertRules {
    private static final Duration STALE = Duration.ofMinutes(10);
    /**
     * A room's count within its capacity is checked against its stored alerts at once after this replica saw it over,
     * else at most this often: a room's state is sent up to ten times a second, and nearly always it had no alert.
     * Another replica that raised it and sees the count drop resolves it at once itself.
     */
    static final Duration ROOM_WITHIN_EVERY = Duration.ofMinutes(1);
    private final Alerts alerts;
    private final Database db;
    private final Clock clock;
    private final int deniedBurst;
    private final Duration deniedWindow;
    private final Catalogue catalogue;
    /** When each room within its capacity was last checked; none after it was seen over. */
    private final Map<String, Long> roomWithinChecked = new ConcurrentHashMap<>();

    public AlertRules(Alerts alerts, Database db, Clock clock, int deniedBurst, Duration deniedWindow,
            Catalogue catalogue) {
        this.alerts = alerts;
        this.catalogue = catalogue;
        this.db = db;
        this.clock = clock;
        this.deniedBurst = deniedBurst;
        this.deniedWindow = deniedWindow;
    }

    /** An event stored for the first time. */
    public void event(Device device, EventPayload event) {
        String room = event.room() != null ? event.room() : device.rooms().stream().findFirst().orElse(null);
        if (event.eventType() == EventType.DOOR_CLOSED) {
            alerts.resolve(device.hubId(), Alert.DOOR_HELD_OPEN, room, device.id());
            return;
        }
        if (event.eventType() == EventType.LOCK_OK) {
            alerts.resolve(device.hubId(), Alert.LOCK_FAULT, room, device.id());
            return;
        }
        if (event.ts() < clock.millis() - STALE.toMillis()) {
            return;
        }
        Name where = where(device, room);
        switch (EventType.byWire(event.type()).orElse(EventType.AGENT_STARTED)) {
            case DOOR_HELD_OPEN -> alerts.raise(device.hubId(), Alert.DOOR_HELD_OPEN, room, device.id(), new Name(
                    where.zh() + "的门一直开着", "The door of " + where.en() + " is held open"));
            case CLOCK_UNTRUSTED -> alerts.raise(device.hubId(), Alert.CLOCK_UNTRUSTED, room, device.id(), new Name(
                    "设备 " + device.id() + " 的时钟不可信，限时通行码将被拒绝",
                    "Device " + device.id() + " does not trust its clock and refuses time-limited codes"));
            case ACCESS_REVOCATIONS_REFUSED -> alerts.raise(device.hubId(), Alert.REVOCATIONS_REFUSED, room,
                    device.id(), new Name(where.zh() + "的门禁拒收了新的撤销名单：已取消的预约可能仍能开门",
                            "The door of " + where.en() + " refused its new revocation list: cancelled bookings may"
                                    + " still open it"));
            case ACCESS_REVOCATIONS_STALE -> alerts.raise(device.hubId(), Alert.REVOCATIONS_STALE, room, device.id(),
                    new Name(where.zh() + "的门禁很久没有收到撤销名单：已取消的预约可能仍能开门",
                            "The door of " + where.en() + " has had no current revocation list for a while: cancelled"
                                    + " bookings may still open it"));
            case LOCK_FAULT -> alerts.raise(device.hubId(), Alert.LOCK_FAULT, room, device.id(), new Name(
                    where.zh() + "的门锁没有按指令" + (stuckShut(event) ? "打开" : "锁上") + "：请检查门锁和继电器的接线",
                    "The lock of " + where.en() + " did not " + (stuckShut(event) ? "open" : "lock")
                            + " when told to: check the lock and its relay's wiring"));
            case ACCESS_DENIED -> deniedAt(device, room, event.ts());
            default -> {
                // other events raise nothing
            }
        }
    }

    /** Whether a {@code lock.fault} is a lock that stayed shut when opened (its reason starts "shut:"), not one open. */
    private static boolean stuckShut(EventPayload event) {
        return event.reason() != null && event.reason().startsWith("shut:");
    }

    /**
     * Counted in the stored events, not in memory: several central replicas sharing the devices' messages each see
     * only some of a door's refusals, and commit them in any order. Called after the event's commit, so it is among
     * them, and whichever replica commits a burst's last refusal (in commit order, not in time) sees all of it: so
     * every window of the burst's length around this refusal is looked at, not only the one ending with it (a
     * refusal committed after a later one would otherwise never count that later one). While the burst's alert is
     * open, more refusals raise nothing new.
     */
    private void deniedAt(Device device, String room, long ts) {
        long window = deniedWindow.toMillis();
        List<Long> around = db.read(c -> Sql.list(c, """
                SELECT ts FROM device_event
                WHERE device_id = ? AND type = ? AND ts > ? AND ts < ? ORDER BY ts""", rs -> rs.getLong(1),
                device.id(), EventType.ACCESS_DENIED.wire(), ts - window, ts + window));
        if (burstAround(around, ts, window, deniedBurst)) {
            Name where = where(device, room);
            alerts.raise(device.hubId(), Alert.DENIED_BURST, room, device.id(), new Name(
                    where.zh() + "的门在 " + deniedWindow.toSeconds() + " 秒内 " + deniedBurst + " 次拒绝开门",
                    deniedBurst + " denied attempts at " + where.en() + " within " + deniedWindow.toSeconds() + " s"));
        }
    }

    /** Whether some window of the given length that holds ts holds at least burst of the sorted times. */
    static boolean burstAround(List<Long> sorted, long ts, long window, int burst) {
        int end = 0;
        for (int start = 0; start < sorted.size(); start++) {
            long from = sorted.get(start);
            while (end < sorted.size() && sorted.get(end) - from < window) {
                end++;
            }
            if (end - start >= burst && from <= ts && ts < from + window) {
                return true;
            }
        }
        return false;
    }

    /** A device's CPU is hot enough for the Pi to slow itself down: its doors and sensors may lag. */
    public void deviceHot(Device device, double cpuTempC) {
        String room = device.rooms().stream().findFirst().orElse(null);
        Name where = room == null ? null : roomName(room);
        long degrees = Math.round(cpuTempC);
        alerts.raise(device.hubId(), Alert.DEVICE_HOT, room, device.id(), new Name(
                "设备 " + device.id() + (where == null ? "" : "（" + where.zh() + "）") + " 温度 " + degrees
                        + "°C，过热会变慢：请检查通风",
                "Device " + device.id() + (where == null ? "" : " (" + where.en() + ")") + " is at " + degrees
                        + " °C and slows down when this hot: check its ventilation"));
    }

    /** A device's CPU is below the hot mark again. */
    public void deviceCooled(Device device) {
        alerts.resolve(device.hubId(), Alert.DEVICE_HOT, device.rooms().stream().findFirst().orElse(null),
                device.id());
    }

    /** A device is online again: its offline alert, if it had one, is resolved. */
    public void deviceOnline(String hubId, String deviceId) {
        alerts.resolve(hubId, Alert.DEVICE_OFFLINE, null, deviceId);
    }

    /** A room counted more people than it holds. */
    public void overCapacity(String hubId, String roomId, int count, int capacity) {
        roomWithinChecked.remove(roomId);
        Name room = roomName(roomId);
        alerts.raise(hubId, Alert.OVER_CAPACITY, roomId, null, new Name(
                room.zh() + "内有 " + count + " 人，超过容量 " + capacity + " 人",
                count + " people in " + room.en() + ", more than its capacity of " + capacity));
    }

    /** A room's count is within its capacity again (or it has none now). */
    public void roomWithinCapacity(String hubId, String roomId) {
        long now = clock.millis();
        Long checked = roomWithinChecked.get(roomId);
        if (checked != null && now - checked >= 0 && now - checked < ROOM_WITHIN_EVERY.toMillis()) {
            return;
        }
        roomWithinChecked.put(roomId, now);
        alerts.resolve(hubId, Alert.OVER_CAPACITY, roomId, null);
    }

    /**
     * A hub's rooms counted more people than its fire certificate allows in the building: one alert while it lasts
     * (see {@link Alerts#raise}). With rooms in use that are not counted the count is a lower bound, and the
     * message says so: the lower bound alone is over.
     */
    public void hubOverCapacity(Hub hub, int counted, int uncountedRooms) {
        Name where = hub.name();
        int capacity = hub.capacity();
        Name message = uncountedRooms == 0
                ? new Name(where.zh() + "的功能室里计数到 " + counted + " 人，超过消防核定的 " + capacity + " 人",
                        counted + " people counted in the rooms of " + where.en() + ", more than the " + capacity
                                + " its fire certificate allows")
                : new Name(where.zh() + "的功能室里至少有 " + counted + " 人（另有 " + uncountedRooms
                        + " 间有人，未计数），超过消防核定的 " + capacity + " 人",
                        "At least " + counted + " people in the rooms of " + where.en() + " (" + uncountedRooms
                                + " more in use, not counted), more than the " + capacity
                                + " its fire certificate allows");
        alerts.raise(hub.id(), Alert.HUB_OVER_CAPACITY, null, null, message);
    }

    /** A hub's count is back within its capacity: its alert is resolved. */
    public void hubWithinCapacity(String hubId) {
        alerts.resolve(hubId, Alert.HUB_OVER_CAPACITY, null, null);
    }

    /** The room by its name in each language (the staff read "阅览室", not "reading-room"), else the device's id. */
    private Name where(Device device, String room) {
        return room == null ? new Name(device.id(), device.id()) : roomName(room);
    }

    private Name roomName(String roomId) {
        return catalogue.room(roomId).map(Room::name).orElse(new Name(roomId, roomId));
    }
}
