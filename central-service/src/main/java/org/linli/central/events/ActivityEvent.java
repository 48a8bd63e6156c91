package org.linli.central.events;

import org.linli.central.catalogue.Name;

/**
 * {@code activity}: staff called an activity off. It leaves the hub's list of activities, so a screen that listed it
 * learns it here, with what it needs to show it marked so.
 *
 * @param status {@code cancelled}
 */
public record ActivityEvent(String id, String hub, String room, Name title, String start, String end, int capacity,
        String status) implements Event {

    @Override
    public String eventName() {
        return "activity";
    }
}
