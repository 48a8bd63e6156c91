package org.linli.protocol.token;

/** The outcome of verifying a token; only {@link #VALID} opens a door or identifies a resident. */
public enum Verdict {
    VALID,
    /** The signature does not match the claims: forged or tampered. */
    BAD_SIGNATURE,
    /** Signed with a key id this verifier does not know (not published yet, or retired). */
    UNKNOWN_KEY,
    EXPIRED,
    NOT_YET_VALID,
    /** A booking for another room, or a resident card shown at a door. */
    WRONG_ROOM,
    WRONG_HUB,
    /** A cancelled or released booking. */
    REVOKED,
    /** Not a token at all. */
    MALFORMED,
    /** The verifier's own clock cannot be trusted, so no time window can be checked. */
    CLOCK_UNTRUSTED
}
