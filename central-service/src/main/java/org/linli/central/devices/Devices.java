package org.linli.central.devices;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Room;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.RuleViolation;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/** The device register: which device belongs to which hub and may speak about which rooms. */
public final class Devices {
    private final Database db;
    private final Catalogue catalogue;
    private final Clock clock;

    public Devices(Database db, Catalogue catalogue, Clock clock) {
        this.db = db;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * Registers a device or replaces the rooms of a registered one.
     *
     * @return true when the device is new
     * @throws RuleViolation when the hub or a room does not exist or a room is of another hub
     */
    public boolean register(Device device) {
        catalogue.hub(device.hubId()).orElseThrow(() -> new RuleViolation("unknown-hub",
                "there is no hub " + device.hubId()));
        for (String roomId : device.rooms()) {
            Room room = catalogue.room(roomId).orElseThrow(() -> new RuleViolation("unknown-room",
                    "there is no room " + roomId));
            if (!room.hubId().equals(device.hubId())) {
                throw new RuleViolation("room-of-another-hub", "room " + roomId + " belongs to hub "
                        + room.hubId() + ", not " + device.hubId());
            }
        }
        return db.write(c -> {
            Optional<String> hub = Sql.one(c, "SELECT hub_id FROM device WHERE id = ?", rs -> rs.getString(1),
                    device.id());
            if (hub.isPresent() && !hub.get().equals(device.hubId())) {
                // Moving it would silently detach another hub's door (finding M4): that hub removes it first.
                throw new Conflict("device-of-another-hub", "The device belongs to another hub",
                        "device " + device.id() + " is registered to hub " + hub.get()
                                + "; it must be removed there before it can be registered elsewhere");
            }
            boolean created = Sql.update(c,
                    "INSERT INTO device (id, hub_id, created_ts) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    device.id(), device.hubId(), clock.millis()) == 1;
            Sql.update(c, "UPDATE device SET hub_id = ? WHERE id = ?", device.hubId(), device.id());
            Sql.update(c, "DELETE FROM device_room WHERE device_id = ?", device.id());
            for (String room : device.rooms()) {
                Sql.update(c, "INSERT INTO device_room (device_id, room_id) VALUES (?, ?)", device.id(), room);
            }
            return created;
        });
    }

    /** A registered device. */
    public Optional<Device> find(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * Removes a device from the register (its rooms and state go with it); its messages are dropped from now on.
     *
     * @return whether it was registered
     */
    public boolean remove(String id) {
        return db.write(c -> Sql.update(c, "DELETE FROM device WHERE id = ?", id) == 1);
    }

    /** Every registered device, by id. */
    public List<Device> all() {
        return db.read(Devices::all);
    }

    static List<Device> all(Connection c) throws SQLException {
        Map<String, List<String>> rooms = new LinkedHashMap<>();
        for (String[] pair : Sql.list(c, "SELECT device_id, room_id FROM device_room",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            rooms.computeIfAbsent(pair[0], id -> new ArrayList<>()).add(pair[1]);
        }
        return Sql.list(c, "SELECT id, hub_id FROM device ORDER BY id", rs -> new Device(rs.getString(1),
                rs.getString(2), rooms.getOrDefault(rs.getString(1), new ArrayList<>())));
    }
}
