package org.linli.protocol.payload;

/**
 * {@code devices/{id}/events}: something happened at a door or in a room.
 *
 * @param type a wire name of {@link EventType}
 * @param bookingId the booking a token named, if any
 * @param reason why (the verdict of a denied access, the command id of an answer, …), or null
 */
public record EventPayload(long ts, long seq, String room, String type, String bookingId, String reason)
        implements Payload.Sequenced {

    public EventType eventType() {
        return EventType.byWire(type).orElseThrow();
    }
}
