package org.linli.central.events;

/**
 * {@code booking}: a booking made, cancelled, released (nobody came) or used. A cancelled or released one revokes its
 * token: the doors' revocation list is published on this event.
 *
 * @param status {@code active}, {@code cancelled}, {@code released} or {@code used}
 */
public record BookingEvent(long id, String hub, String room, String start, String end, String status)
        implements Event {

    @Override
    public String eventName() {
        return "booking";
    }
}
