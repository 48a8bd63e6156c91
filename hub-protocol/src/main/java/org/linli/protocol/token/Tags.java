package org.linli.protocol.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hub and room ids enter a token as 32-bit tags (the first four bytes of their SHA-256) so that the token fits a
 * small QR code. The signature covers the tag; a door compares it with the tag of its own hub and room.
 */
public final class Tags {
    /** The tag of "no room" in a resident card. */
    public static final int NONE = 0;

    private Tags() {
    }

    public static int of(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            int tag = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
            return tag == NONE ? 1 : tag;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
