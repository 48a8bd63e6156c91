package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;

/**
 * {@code hub}: a hub was written (the catalogue page), or one of its rooms: what an open dashboard shows of it
 * besides its rooms, so that a capacity changed there reaches the screens without a reload.
 *
 * @param capacity the people its fire certificate allows in the building; null when not set
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HubEvent(String hub, Name name, Integer capacity) implements Event {

    public static HubEvent of(Hub hub) {
        return new HubEvent(hub.id(), hub.name(), hub.capacity());
    }

    @Override
    public String eventName() {
        return "hub";
    }
}
