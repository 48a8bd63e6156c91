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
 * @param roomRevocations the door's room list ({@code access/revoked/{room}}), or {@link RoomRevocations#NONE}
 */
public record VerifyContext(String hubId, String roomId, Instant now, boolean clockTrusted,
        Set<String> revokedBookings, Duration graceBeforeStart, RoomRevocations roomRevocations) {
    public VerifyContext {
        revokedBookings = Set.copyOf(revokedBookings);
        if (roomRevocations == null) {
            roomRevocations = RoomRevocations.NONE;
        }
    }

    /** Without a room list: the hub-wide ids only. */
    public VerifyContext(String hubId, String roomId, Instant now, boolean clockTrusted, Set<String> revokedBookings,
            Duration graceBeforeStart) {
        this(hubId, roomId, now, clockTrusted, revokedBookings, graceBeforeStart, RoomRevocations.NONE);
    }

    public static VerifyContext door(String hubId, String roomId, Instant now, boolean clockTrusted,
            Set<String> revoked, Duration grace) {
        return new VerifyContext(hubId, roomId, now, clockTrusted, revoked, grace);
    }

    /** A door with both lists: the hub-wide ids and its room's windows. */
    public static VerifyContext door(String hubId, String roomId, Instant now, boolean clockTrusted,
            Set<String> revoked, Duration grace, RoomRevocations room) {
        return new VerifyContext(hubId, roomId, now, clockTrusted, revoked, grace, room);
    }

    public static VerifyContext kiosk(String hubId, Instant now, Set<String> revoked) {
        return new VerifyContext(hubId, null, now, true, revoked, Duration.ofMinutes(15));
    }
}
