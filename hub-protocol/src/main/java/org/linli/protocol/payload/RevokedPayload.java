package org.linli.protocol.payload;

import java.util.List;

/**
 * {@code hubs/{hub}/access/revoked}, retained: the ids of cancelled or released bookings whose tokens have not expired
 * yet, so the list stays short.
 */
public record RevokedPayload(long ts, List<String> bookings) implements Payload {
    public RevokedPayload {
        bookings = List.copyOf(bookings);
    }
}
