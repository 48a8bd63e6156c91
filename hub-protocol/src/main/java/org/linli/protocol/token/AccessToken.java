package org.linli.protocol.token;

import java.time.Instant;

/**
 * The claims of an access token (booking QR or resident card QR). It never holds a phone number or a name: the
 * subject is a booking id or an opaque resident reference.
 *
 * @param version format version, {@value #VERSION}
 * @param kid the id of the key that signs it, for key rotation (0..65535)
 * @param subject booking id ({@link TokenType#BOOKING}) or resident reference ({@link TokenType#RESIDENT})
 * @param hubTag {@link Tags#of} of the hub id
 * @param roomTag {@link Tags#of} of the room id, or {@link Tags#NONE} for a resident card
 * @param notBefore epoch seconds from which it is valid (a door allows a grace before it)
 * @param expiry epoch seconds from which it is no longer valid
 */
public record AccessToken(int version, TokenType type, int kid, long subject, int hubTag, int roomTag,
        long notBefore, long expiry) {
    public static final int VERSION = 1;
    static final long MAX_SECONDS = 0xffff_ffffL;

    public AccessToken {
        if (kid < 0 || kid > 0xffff) {
            throw new IllegalArgumentException("kid must be 0..65535");
        }
        if (notBefore < 0 || expiry > MAX_SECONDS || notBefore >= expiry) {
            throw new IllegalArgumentException("a token needs 0 <= notBefore < expiry <= 2^32-1 seconds");
        }
        if (type == TokenType.RESIDENT && roomTag != Tags.NONE) {
            throw new IllegalArgumentException("a resident card names no room");
        }
    }

    public static AccessToken booking(int kid, long bookingId, String hubId, String roomId, Instant start,
            Instant end) {
        return new AccessToken(VERSION, TokenType.BOOKING, kid, bookingId, Tags.of(hubId), Tags.of(roomId),
                start.getEpochSecond(), end.getEpochSecond());
    }

    public static AccessToken resident(int kid, long residentRef, String hubId, Instant issued, Instant expiry) {
        return new AccessToken(VERSION, TokenType.RESIDENT, kid, residentRef, Tags.of(hubId), Tags.NONE,
                issued.getEpochSecond(), expiry.getEpochSecond());
    }

    /**
     * The subject as revocation lists and events name it (a booking id in decimal today). Lists compare this text,
     * so they keep working when subjects become opaque random ids.
     */
    public String subjectText() {
        return Long.toUnsignedString(subject);
    }

    public boolean isForHub(String hubId) {
        return hubTag == Tags.of(hubId);
    }

    public boolean isForRoom(String roomId) {
        return type == TokenType.BOOKING && roomTag == Tags.of(roomId);
    }
}
