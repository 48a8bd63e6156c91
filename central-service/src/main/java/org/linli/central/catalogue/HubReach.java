package org.linli.central.catalogue;

import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.InvalidInput;

/**
 * The hub or room a request is about, for a caller already let in by its role: it must exist, and the caller must
 * reach it by the one hub-scope rule ({@link Guard#reaches}; a kiosk its own hub only). The lookup and the check that
 * the routes otherwise each repeat, in the order that decides the answer: an unknown hub or room first, then one out
 * of reach.
 */
public final class HubReach {
    private final Catalogue catalogue;
    private final Guard guard;

    public HubReach(Catalogue catalogue, Guard guard) {
        this.catalogue = catalogue;
        this.guard = guard;
    }

    /**
     * The hub of the path.
     *
     * @throws org.linli.central.errors.NotFound when there is no such hub
     * @throws org.linli.central.errors.Forbidden when the caller does not reach it
     */
    public Hub hub(Caller caller, String hubId) {
        Hub hub = catalogue.requireHub(hubId);
        guard.requireHub(caller, hub.id());
        return hub;
    }

    /**
     * The room of the path, in a hub the caller reaches.
     *
     * @throws org.linli.central.errors.NotFound when there is no such room
     * @throws org.linli.central.errors.Forbidden when the caller does not reach its hub
     */
    public Room room(Caller caller, String roomId) {
        Room room = catalogue.requireRoom(roomId);
        guard.requireHub(caller, room.hubId());
        return room;
    }

    /**
     * The hub a desk action for a resident is for: the one named in the body, which the caller must reach, or else
     * the caller's own (a kiosk's, a counter's); staff of all hubs name one.
     *
     * @param hubField the body's {@code hub}, null when it has none
     * @throws InvalidInput when no hub is named by staff of all hubs, or the named one does not exist
     * @throws org.linli.central.errors.Forbidden when the caller does not reach it
     */
    public Hub named(Caller caller, String hubField) {
        String hubId = hubField != null ? hubField : caller.hubId();
        if (hubId == null) {
            throw InvalidInput.field("hub", "staff of all hubs name the hub the resident is at");
        }
        Hub hub = catalogue.hub(hubId).orElseThrow(() -> InvalidInput.field("hub", "no hub " + hubId));
        guard.requireHub(caller, hub.id());
        return hub;
    }
}
