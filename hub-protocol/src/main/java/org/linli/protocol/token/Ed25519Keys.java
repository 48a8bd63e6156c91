package org.linli.protocol.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Ed25519 keys with the JDK's own provider: from a seed, and to and from the raw 32-byte public form. */
public final class Ed25519Keys {
    /** The X.509 SubjectPublicKeyInfo header in front of a raw Ed25519 public key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    public static final int RAW_LENGTH = 32;

    private Ed25519Keys() {
    }

    /** A fresh random key pair. */
    public static KeyPair generate() {
        return generate(new SecureRandom());
    }

    /** The key pair whose private key is this 32-byte seed (RFC 8032), e.g. for test vectors or a key file. */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        return generate(new SeedRandom(seed));
    }

    private static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks Ed25519", e);
        }
    }

    public static byte[] rawPublic(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - RAW_LENGTH, encoded.length);
    }

    public static String rawPublicBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(rawPublic(key));
    }

    /** @throws IllegalArgumentException when the bytes are not a raw Ed25519 public key */
    public static PublicKey publicFromRaw(byte[] raw) {
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("a raw Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, RAW_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /**
     * The usable keys of a hub's {@code access/keys}: entries whose kid is not a number 0..65535 or whose key is not
     * a raw Ed25519 key are left out (whatever names them is then signed with an unknown key).
     */
    public static java.util.Map<Integer, PublicKey> published(org.linli.protocol.payload.KeysPayload published) {
        java.util.Map<Integer, PublicKey> keys = new java.util.HashMap<>();
        for (org.linli.protocol.payload.KeysPayload.PublicKeyEntry entry : published.keys()) {
            try {
                int kid = Integer.parseInt(entry.kid());
                if (kid >= 0 && kid <= 0xffff) {
                    keys.put(kid, publicFromBase64(entry.key()));
                }
            } catch (IllegalArgumentException skipped) {
                // not a key we can use
            }
        }
        return keys;
    }

    /** @throws IllegalArgumentException when the text is not base64 of a raw Ed25519 public key */
    public static PublicKey publicFromBase64(String base64) {
        return publicFromRaw(Base64.getDecoder().decode(base64));
    }

    /** Hands the seed to the key generator, which asks for exactly the 32 bytes of the private key. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
