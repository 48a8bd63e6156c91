package org.linli.central.devices;

import java.util.List;

/** A registered device of a hub and the rooms it may report on (sorted, no duplicates). */
public record Device(String id, String hubId, List<String> rooms) {
    public Device {
        rooms = rooms.stream().distinct().sorted().toList();
    }

    public boolean serves(String roomId) {
        return rooms.contains(roomId);
    }
}
