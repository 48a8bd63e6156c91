package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.central.catalogue.Name;

/**
 * {@code alert}: an alert raised, acknowledged by staff, resolved by itself (its condition ended) or open again.
 *
 * @param kind one of the kinds in {@code alerts.Alert}, e.g. {@code device_offline},
 *     {@code over_capacity} or {@code hub_over_capacity}
 * @param room null when it is about a device only, or about the whole hub
 * @param device null when it is about a room only, or about the whole hub
 * @param state {@code open}, {@code acknowledged} (by staff, its condition may go on) or {@code resolved} (its
 *     condition ended by itself, acknowledged before or not)
 * @param acknowledged staff acknowledged it (also when it resolved itself afterwards)
 * @param acknowledgedBy the staff account that acknowledged it, null while nobody did
 * @param acknowledgedAt when, null while nobody did
 * @param resolved its condition ended by itself
 * @param resolvedAt when its condition ended, null while it goes on
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertEvent(long id, String hub, String kind, String room, String device, Name message, String ts,
        String state, boolean acknowledged, String acknowledgedBy, String acknowledgedAt, boolean resolved,
        String resolvedAt) implements Event {

    @Override
    public String eventName() {
        return "alert";
    }
}
