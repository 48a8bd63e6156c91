package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.central.catalogue.Name;

/**
 * {@code alert}: an alert raised, acknowledged, or (a hub's over its capacity) resolved by itself.
 *
 * @param kind one of the kinds in {@code alerts.Alert}, e.g. {@code device_offline},
 *     {@code over_capacity} or {@code hub_over_capacity}
 * @param room null when it is about a device only, or about the whole hub
 * @param device null when it is about a room only, or about the whole hub
 * @param acknowledged closed, by staff or by itself (kept for clients that predate {@code resolved})
 * @param resolved its condition ended by itself (then it is also {@code acknowledged}); screens say "resolved",
 *     not "acknowledged"
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertEvent(long id, String hub, String kind, String room, String device, Name message, String ts,
        boolean acknowledged, boolean resolved) implements Event {

    @Override
    public String eventName() {
        return "alert";
    }
}
