package org.linli.protocol.payload;

import java.util.List;

/**
 * {@code hubs/{hub}/access/keys}, retained: the public keys that verify the hub's access tokens. On the wire it is the
 * bare array {@code [{"kid":…,"alg":"Ed25519","key":base64}]} of DESIGN.md; {@code ts} is the time it was decoded
 * or made, as the array itself has no room for it.
 */
public record KeysPayload(long ts, List<PublicKeyEntry> keys) implements Payload {
    public KeysPayload {
        keys = List.copyOf(keys);
    }

    /** One key; {@code key} is the raw 32-byte Ed25519 public key in base64. */
    public record PublicKeyEntry(String kid, String alg, String key) {
        public static final String ED25519 = "Ed25519";
    }
}
