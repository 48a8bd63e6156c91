package org.linli.protocol.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Where and when a token is being checked.
 *
 * @param hubId the verifier's hub
 * @param roomId the door's room, or null at a kiosk (which accepts resident cards and bookings of any room)
 * @param now the verifier's clock
 * @param clockTrusted whether that clock was synced recently or comes from an RTC
 * @param revokedBookings ids of cancelled bookings, as published on {@code access/revoked}
 * @param graceBeforeStart how long before a booking's start its door already opens
 */
public record VerifyContext(String hubId, String roomId, Instant now, boolean clockTrusted,
        Set<String> revokedBookings, Duration graceBeforeStart) {
    public VerifyContext {
        revokedBookings = Set.copyOf(revokedBookings);
    }

    public static VerifyContext door(String hubId, String roomId, Instant now, boolean clockTrusted,
            Set<String> revoked, Duration grace) {
        return new VerifyContext(hubId, roomId, now, clockTrusted, revoked, grace);
    }

    public static VerifyContext kiosk(String hubId, Instant now, Set<String> revoked) {
        return new VerifyContext(hubId, null, now, true, revoked, Duration.ofMinutes(15));
    }
}
