package org.linli.protocol.token;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** A hub's token-signing key with its key id; the central service holds it, doors only see the public half. */
public record SigningKey(int kid, PrivateKey privateKey, PublicKey publicKey) {
    public SigningKey(int kid, KeyPair pair) {
        this(kid, pair.getPrivate(), pair.getPublic());
    }

    /** The id as it appears in the keys topic: the decimal number. */
    public String kidText() {
        return Integer.toString(kid);
    }
}
