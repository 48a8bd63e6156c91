package org.linli.central.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.linli.central.store.SecretFiles;

/**
 * The secret part of a feed's URL: an HMAC of the feed's id and generation under a key of the server's own
 * ({@code calendar.secret}, mode 600). Nothing secret is stored with the feed, the staff page can show the URL again
 * whenever asked, and a new generation (or revoking the feed) makes the old URL answer 404.
 */
public final class FeedTokens {
    private final byte[] key;

    private FeedTokens(byte[] key) {
        this.key = key;
    }

    public static FeedTokens loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length < 32) {
                    throw new IllegalStateException("the calendar secret " + file + " is shorter than 32 bytes");
                }
                return new FeedTokens(key);
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SecretFiles.write(file, key);
            return new FeedTokens(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the calendar secret " + file, e);
        }
    }

    /** 128 bits, URL-safe. */
    public String token(String feedId, int generation) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = mac.doFinal((feedId + ":" + generation).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sum, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Compared in constant time, so the answer's timing tells nothing about the right token. */
    public boolean matches(String feedId, int generation, String token) {
        return token != null && MessageDigest.isEqual(token(feedId, generation).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
