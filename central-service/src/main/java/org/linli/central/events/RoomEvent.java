package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.central.catalogue.Name;

/**
 * {@code room}: a room right now, from its sensors and its bookings.
 *
 * @param status {@code free}, {@code booked}, {@code occupied} or {@code over_capacity}
 * @param count null when no sensor counts people there
 * @param since when {@code occupied} last changed; null, like {@code source}, before any sensor spoke
 * @param bookingId the booking running now, if any
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RoomEvent(String hub, String room, Name name, String status, boolean occupied, Integer count,
        int capacity, String since, String source, Long bookingId, NextBooking nextBooking) implements Event {

    /** When the room's next booking runs. */
    public record NextBooking(String start, String end) {
    }

    @Override
    public String eventName() {
        return "room";
    }
}
