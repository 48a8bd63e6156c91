package org.linli.kiosk.central;

import java.util.Optional;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.Room;

/**
 * The hub's rooms and services as last loaded from the central service, so that an answer holding only an id (a
 * booking check-in names its room by id) can be shown by name. Empty until the first load.
 */
public final class Catalogue {
    private volatile Hub hub;

    public void update(Hub loaded) {
        hub = loaded;
    }

    public Optional<Room> room(String id) {
        Hub now = hub;
        return now == null ? Optional.empty() : now.rooms().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * The room's name, or null while the catalogue does not know it: the screen then says "your room" rather than
     * put an id such as "activity-room" into a Chinese sentence.
     */
    public Names roomName(String id) {
        return room(id).map(Room::name).orElse(null);
    }
}
