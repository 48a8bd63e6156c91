package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.central.catalogue.Name;

/**
 * {@code alert}: an alert raised or acknowledged.
 *
 * @param kind {@code device_offline}, {@code over_capacity}, {@code door_held_open}, {@code denied_burst} or
 *     {@code clock_untrusted}
 * @param room null when it is about a device only
 * @param device null when it is about a room only
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertEvent(long id, String hub, String kind, String room, String device, Name message, String ts,
        boolean acknowledged) implements Event {

    @Override
    public String eventName() {
        return "alert";
    }
}
