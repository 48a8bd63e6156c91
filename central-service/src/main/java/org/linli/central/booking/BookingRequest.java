package org.linli.central.booking;

import java.time.Instant;
import org.linli.central.residents.Consent;

/**
 * A checked request to book: exactly one of {@code phone} (normalised) and {@code residentToken} is set.
 *
 * @param consent the privacy notice the resident agreed to, which a new phone number needs from a kiosk
 * @param fingerprint what identifies the request for idempotency: the same key with another fingerprint is refused
 */
public record BookingRequest(String roomId, Instant start, Instant end, String phone, String residentToken,
        int attendees, String purpose, String fingerprint, Consent consent) {
}
