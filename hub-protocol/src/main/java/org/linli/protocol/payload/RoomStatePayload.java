package org.linli.protocol.payload;

/**
 * {@code hubs/{hub}/rooms/{room}/state}, retained: the room as the central service sees it.
 *
 * @param status {@code free}, {@code booked}, {@code maintenance} (staff blocked the room), {@code occupied} or
 *     {@code over_capacity}
 * @param count people inside where counted, else null
 * @param since epoch ms of the last change of {@code occupied}
 * @param bookingId the booking running now, or null
 */
public record RoomStatePayload(long ts, String hub, String room, String status, boolean occupied, Integer count,
        int capacity, String source, long since, String bookingId) implements Payload {
}
