package org.linli.central.devices;

import java.util.function.Consumer;
import org.linli.central.store.Broadcast;
import org.linli.central.store.Database;

/**
 * Several central replicas, one device register: a device registered, moved to other rooms or removed through one
 * replica is named to the others (PostgreSQL's NOTIFY), which read it again from the database. Without this a replica
 * drops, as from an unknown device, its share of the shared subscription's messages of a device registered elsewhere
 * until it restarts. On SQLite (one process) there is no one to tell.
 */
public final class RegisterRelay implements AutoCloseable {
    static final String CHANNEL = "linli_devices";

    private final Devices devices;
    private final Consumer<Device> known;
    private final Consumer<String> forgotten;
    private Broadcast broadcast;

    /**
     * @param known told of a device registered or changed through another replica
     * @param forgotten told of a device removed through another replica
     */
    public RegisterRelay(Devices devices, Consumer<Device> known, Consumer<String> forgotten) {
        this.devices = devices;
        this.known = known;
        this.forgotten = forgotten;
    }

    /** Listens to the other replicas, when the database is shared. */
    public void start(Database db) {
        broadcast = db.broadcast(CHANNEL, this::received).orElse(null);
    }

    /** Tells the other replicas that this device was registered, changed or removed here. */
    public void changed(String deviceId) {
        if (broadcast != null) {
            broadcast.send(deviceId);
        }
    }

    private void received(String deviceId) {
        devices.find(deviceId).ifPresentOrElse(known, () -> forgotten.accept(deviceId));
    }

    @Override
    public void close() {
        if (broadcast != null) {
            broadcast.close();
        }
    }
}
