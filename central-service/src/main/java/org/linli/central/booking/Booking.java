package org.linli.central.booking;

import java.time.Instant;

/** A stored booking; {@code status} is active, cancelled, released or used. */
public record Booking(long id, String hubId, String roomId, Instant start, Instant end, String status,
        String phoneLast4, int attendees, String purpose, Long residentId) {

    public boolean live() {
        return status.equals("active") || status.equals("used");
    }
}
