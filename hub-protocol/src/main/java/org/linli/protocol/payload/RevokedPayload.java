package org.linli.protocol.payload;

import java.util.List;

/**
 * {@code hubs/{hub}/access/revoked}, retained: the ids of cancelled or released bookings whose tokens have not expired
 * yet. Its size grows with every cancellation, so it cannot be bounded: doors take it up to {@link #MAX_BYTES} (about
 * 8,000 short ids) and say loudly when one is larger ({@code access.revocations_refused}). The per-room lists
 * ({@link RoomRevokedPayload}) replace it; doors apply both until central has switched.
 */
public record RevokedPayload(long ts, List<String> bookings) implements Payload {
    /** The largest hub-wide list a door takes: its own limit, the same as a room list's. */
    public static final int MAX_BYTES = RoomRevokedPayload.MAX_BYTES;

    public RevokedPayload {
        bookings = List.copyOf(bookings);
    }
}
