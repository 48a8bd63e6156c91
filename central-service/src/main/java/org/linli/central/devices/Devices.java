package org.linli.central.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Room;
import org.linli.central.errors.RuleViolation;
import org.linli.central.store.Database;

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
            boolean created;
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO device (id, hub_id, created_ts) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                st.setString(1, device.id());
                st.setString(2, device.hubId());
                st.setLong(3, clock.millis());
                created = st.executeUpdate() == 1;
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE device SET hub_id = ? WHERE id = ?")) {
                st.setString(1, device.hubId());
                st.setString(2, device.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM device_room WHERE device_id = ?")) {
                st.setString(1, device.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO device_room (device_id, room_id) VALUES (?, ?)")) {
                for (String room : device.rooms()) {
                    st.setString(1, device.id());
                    st.setString(2, room);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return created;
        });
    }

    /** Every registered device, by id. */
    public List<Device> all() {
        return db.read(Devices::all);
    }

    static List<Device> all(Connection c) throws SQLException {
        Map<String, String> hubs = new LinkedHashMap<>();
        Map<String, List<String>> rooms = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, hub_id FROM device ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                hubs.put(rs.getString(1), rs.getString(2));
                rooms.put(rs.getString(1), new ArrayList<>());
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT device_id, room_id FROM device_room");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                List<String> list = rooms.get(rs.getString(1));
                if (list != null) {
                    list.add(rs.getString(2));
                }
            }
        }
        List<Device> devices = new ArrayList<>();
        hubs.forEach((id, hub) -> devices.add(new Device(id, hub, rooms.get(id))));
        return devices;
    }
}
