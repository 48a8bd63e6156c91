package org.linli.central.booking;

import java.time.Instant;

/**
 * A checked request to book: exactly one of {@code phone} (normalised) and {@code residentToken} is set.
 *
 * @param fingerprint what identifies the request for idempotency: the same key with another fingerprint is refused
 */
public record BookingRequest(String roomId, Instant start, Instant end, String phone, String residentToken,
        int attendees, String purpose, String fingerprint) {
}
