package org.linli.protocol.token;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import org.linli.protocol.payload.KeysPayload;

/**
 * Verifies access tokens offline with a hub's published public keys. It never throws: every input, however broken,
 * gets a {@link Verification}. Thread-safe; a door builds a new one when the keys change.
 *
 * <p>Order of checks: format, key, signature, hub, room, revocation (the hub's ids, then the room's windows), clock
 * trust, time window. The signature comes
 * before any claim is believed, and the clock before any time is compared.
 */
public final class TokenVerifier {
    private final Map<Integer, PublicKey> keys;

    /** @param keys public keys by key id */
    public TokenVerifier(Map<Integer, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * A verifier for the keys a hub published; entries whose kid is not a number 0..65535 or whose key is not an
     * Ed25519 key are left out (a token signed with them is then {@link Verdict#UNKNOWN_KEY}).
     */
    public static TokenVerifier of(KeysPayload published) {
        return new TokenVerifier(Ed25519Keys.published(published));
    }

    /** The keys of signing keys, as the central service publishes them. */
    public static KeysPayload publish(long ts, java.util.Collection<SigningKey> keys) {
        return new KeysPayload(ts, keys.stream()
                .map(k -> new KeysPayload.PublicKeyEntry(k.kidText(), KeysPayload.PublicKeyEntry.ED25519,
                        Ed25519Keys.rawPublicBase64(k.publicKey())))
                .toList());
    }

    public Verification verify(String text, VerifyContext context) {
        TokenFormat.Parsed parsed;
        try {
            parsed = TokenFormat.read(text);
        } catch (MalformedTokenException e) {
            return new Verification(Verdict.MALFORMED, null, e.getMessage());
        }
        AccessToken token = parsed.token();
        PublicKey key = keys.get(token.kid());
        if (key == null) {
            return new Verification(Verdict.UNKNOWN_KEY, token, "no published key with id " + token.kid());
        }
        if (!signatureMatches(key, parsed)) {
            return new Verification(Verdict.BAD_SIGNATURE, token, "signature does not match key " + token.kid());
        }
        if (!token.isForHub(context.hubId())) {
            return new Verification(Verdict.WRONG_HUB, token, "token is for another hub");
        }
        if (context.roomId() != null && !token.isForRoom(context.roomId())) {
            return new Verification(Verdict.WRONG_ROOM, token, token.type() == TokenType.BOOKING
                    ? "booking is for another room" : "a resident card does not open doors");
        }
        if (token.type() == TokenType.BOOKING
                && context.revokedBookings().contains(token.subjectText())) {
            return new Verification(Verdict.REVOKED, token, "booking " + token.subjectText() + " was cancelled");
        }
        if (context.roomRevocations().revokes(token)) {
            return new Verification(Verdict.REVOKED, token, "booking " + token.subjectText()
                    + " falls in a cancelled window of the room and is not among its valid bookings");
        }
        if (!context.clockTrusted()) {
            return new Verification(Verdict.CLOCK_UNTRUSTED, token, "this device does not know the time");
        }
        long now = context.now().getEpochSecond();
        long grace = token.type() == TokenType.BOOKING ? context.graceBeforeStart().toSeconds() : 0;
        if (now < token.notBefore() - grace) {
            return new Verification(Verdict.NOT_YET_VALID, token, "valid from epoch second " + token.notBefore());
        }
        if (now >= token.expiry()) {
            return new Verification(Verdict.EXPIRED, token, "expired at epoch second " + token.expiry());
        }
        return new Verification(Verdict.VALID, token, "valid");
    }

    private static boolean signatureMatches(PublicKey key, TokenFormat.Parsed parsed) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(parsed.claims());
            return signature.verify(parsed.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            // A signature that is not even a valid encoding is simply not a match.
            return false;
        }
    }
}
