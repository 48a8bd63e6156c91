package org.linli.central.events;

/**
 * {@code booking}: a booking made, cancelled, released (nobody came) or used. A cancelled or released one revokes its
 * token: the doors' revocation list is published on this event.
 *
 * @param id null in the {@link #publicView}: the room and times are what a screen needs
 * @param status {@code active}, {@code cancelled}, {@code released} or {@code used}
 */
public record BookingEvent(Long id, String hub, String room, String start, String end, String status)
        implements Event {

    @Override
    public String eventName() {
        return "booking";
    }

    @Override
    public BookingEvent publicView() {
        return new BookingEvent(null, hub, room, start, end, status);
    }
}
