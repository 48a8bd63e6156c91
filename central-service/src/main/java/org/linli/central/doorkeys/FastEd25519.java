package org.linli.central.doorkeys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import org.linli.protocol.token.SigningKey;

/**
 * Ed25519 signatures by Bouncy Castle's RFC 8032 code instead of the JDK's.
 *
 * <p>Why: every booking answer carries a freshly signed token, and the JDK's Ed25519 (generic field arithmetic) took
 * 2-3 ms of CPU per signature on the 2-core benchmark machine, more than everything else a booking costs; Bouncy
 * Castle's takes about a tenth. Ed25519 signatures are deterministic, so the tokens are byte for byte the ones the
 * JDK would write ({@code FastEd25519Test} checks that against the shared test vectors), and doors verify them as
 * before. {@code TokenSigner} in hub-protocol asks the JCA for "Ed25519"; this provider, put first, answers that
 * one name and nothing else, so hashing, TLS and random numbers stay with the JDK.
 */
public final class FastEd25519 {
    static final String NAME = "LinliEd25519";
    private static final String SIGNATURE = "org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi$Ed25519";
    private static final String KEY_FACTORY = "org.bouncycastle.jcajce.provider.asymmetric.edec.KeyFactorySpi$Ed25519";

    private FastEd25519() {
    }

    private static final class Signatures extends Provider {
        Signatures(boolean withKeyFactory) {
            super(NAME, "1", "Ed25519 signatures by Bouncy Castle");
            put("Signature.Ed25519", SIGNATURE);
            if (withKeyFactory) {
                put("KeyFactory.Ed25519", KEY_FACTORY);
            }
        }
    }

    /** Puts the provider first for Ed25519 signatures in this JVM (once). */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new Signatures(false), 1);
        }
    }

    /**
     * The same key with its private half as a Bouncy Castle key, which keeps the derived public point, so a
     * signature does not recompute it from the seed each time.
     */
    public static SigningKey convert(SigningKey key) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519", new Signatures(true));
            return new SigningKey(key.kid(), factory.generatePrivate(
                    new PKCS8EncodedKeySpec(key.privateKey().getEncoded())), key.publicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the signing key " + key.kid(), e);
        }
    }
}
