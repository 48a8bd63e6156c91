package org.linli.central.live;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.events.DeviceEvent;
import org.linli.central.events.Event;
import org.linli.central.events.RoomEvent;
import org.linli.central.store.Database;

/**
 * What the other central replicas learnt from their share of the devices' messages (a shared subscription gives each
 * replica only some of every device's messages), applied to this replica's live state as their events arrive (see
 * {@link org.linli.central.events.ReplicaEvents}): a device's last seen, outbox depth and version from its
 * {@code device} event, and a room's sensed state read again from the database when its {@code room} event says it
 * changed. Online and offline need nothing: every replica reads the devices' statuses directly. So this replica's
 * screens, its dashboard answers and the timers it may run (the no-show sweep asks whether a room is occupied) see
 * what the others saw.
 */
public final class OtherReplicas {
    private final DeviceRegistry registry;
    private final RoomStates rooms;
    private final Database db;

    public OtherReplicas(DeviceRegistry registry, RoomStates rooms, Database db) {
        this.registry = registry;
        this.rooms = rooms;
        this.db = db;
    }

    /** Called with each event another replica published, before it is published here. */
    public void accept(Event event) {
        switch (event) {
            case DeviceEvent device -> registry.seen(device.id(), millis(device.lastSeen()), device.outboxDepth(),
                    device.version(), new DeviceRegistry.Health(device.cpuTempC(), device.memoryMb(),
                            device.uptimeS()));
            case RoomEvent room -> rooms.reload(db, room.room());
            default -> {
                // nothing else is kept in memory from the devices' messages
            }
        }
    }

    private static long millis(String time) {
        if (time == null) {
            return 0;
        }
        try {
            return OffsetDateTime.parse(time).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
