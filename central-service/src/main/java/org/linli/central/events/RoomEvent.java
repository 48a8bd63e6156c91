package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.central.catalogue.Name;

/**
 * {@code room}: a room right now, from its sensors and its bookings.
 *
 * @param status {@code free}, {@code booked}, {@code maintenance} (staff blocked the room for now), {@code occupied} or
 *     {@code over_capacity}
 * @param count null when no sensor counts people there
 * @param since when {@code occupied} last changed; null, like {@code source}, before any sensor spoke
 * @param bookingId the resident's booking running now, if any; null in the {@link #publicView}
 * @param maintenance whether staff have blocked the room for maintenance now (it may be occupied all the same)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RoomEvent(String hub, String room, Name name, String status, boolean occupied, Integer count,
        int capacity, String since, String source, Long bookingId, boolean maintenance, NextBooking nextBooking) implements Event {

    /** When the room's next booking or maintenance block runs; {@code kind} is resident or maintenance. */
    public record NextBooking(String start, String end, String kind) {
    }

    @Override
    public String eventName() {
        return "room";
    }

    @Override
    public RoomEvent publicView() {
        return new RoomEvent(hub, room, name, status, occupied, count, capacity, since, source, null, maintenance,
                nextBooking);
    }
}
