package org.linli.central.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random bearer secrets and the hashes they are stored as. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    // Every request hashes its bearer; cloning a prototype skips the provider lookup of getInstance (measured at
    // two thirds of the cost of a hash).
    private static final MessageDigest SHA_256 = sha256Digest();

    private Secrets() {
    }

    /** 32 random bytes, URL-safe base64: session tokens, kiosk keys, generated passwords. */
    public static String random() {
        return random(32);
    }

    /**
     * A random id for a record that is named in URLs: 12 random bytes as 16 URL-safe characters that always begin
     * with a letter or digit, as {@code Ids} requires (plain base64url begins with '-' or '_' one time in 32).
     */
    public static String id() {
        String id;
        do {
            id = random(12);
        } while (!Character.isLetterOrDigit(id.charAt(0)));
        return id;
    }

    public static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Bearer secrets are long and random, so a fast hash is enough to store them (passwords use bcrypt). */
    public static String sha256(String secret) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256Digest();
        }
        return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
