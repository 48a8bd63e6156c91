package org.linli.central.devices;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.linli.central.store.Broadcast;
import org.linli.central.store.Database;

/**
 * Several central replicas, one device register: a device registered, moved to other rooms or removed through one
 * replica is named to the others (PostgreSQL's NOTIFY), which read it again from the database. Without this a replica
 * drops, as from an unknown device, its share of the shared subscription's messages of a device registered elsewhere
 * until it restarts. A replica that could not listen for a while reads every device again. On SQLite (one process)
 * there is no one to tell.
 */
public final class RegisterRelay implements AutoCloseable {
    static final String CHANNEL = "linli_devices";

    private final Devices devices;
    private final Consumer<Device> known;
    private final Consumer<String> forgotten;
    private final Supplier<Collection<String>> registered;
    private Broadcast broadcast;

    /**
     * @param known told of a device registered or changed through another replica
     * @param forgotten told of a device removed through another replica
     * @param registered the devices this replica knows
     */
    public RegisterRelay(Devices devices, Consumer<Device> known, Consumer<String> forgotten,
            Supplier<Collection<String>> registered) {
        this.devices = devices;
        this.known = known;
        this.forgotten = forgotten;
        this.registered = registered;
    }

    /** Listens to the other replicas, when the database is shared. */
    public void start(Database db) {
        broadcast = db.broadcast(CHANNEL, this::received, since -> readAgain()).orElse(null);
    }

    /** Every device known here or registered in the database, read again: a change named meanwhile was missed. */
    private void readAgain() {
        Set<String> gone = new HashSet<>(registered.get());
        for (Device device : devices.all()) {
            gone.remove(device.id());
            known.accept(device);
        }
        gone.forEach(forgotten);
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
