package org.linli.kiosk.central;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals the outbox's bodies (AES-256-GCM), so a resident's phone number is never in clear on the kiosk's
 * disk (decision 0013, L4). It lives in its own file beside the outbox database, readable by the kiosk's user only:
 * a copy of the database alone (a backup, a file sent for diagnosis) gives nothing away; the whole SD card holds
 * both, which an unattended Pi without a TPM cannot help. Losing the key loses only what was still waiting to be
 * sent.
 */
final class OutboxKey {
    /** Marks a sealed body; older outboxes held bodies in clear, which {@link Outbox} seals when it opens them. */
    static final String PREFIX = "gcm1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private OutboxKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** The key in {@code file}, created (mode 600 where the file system has modes) on the first start. */
    static OutboxKey in(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] raw = new byte[KEY_BYTES];
            RANDOM.nextBytes(raw);
            try {
                create(file);
                Files.write(file, raw);
                return new OutboxKey(raw);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: read theirs
            }
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != KEY_BYTES) {
            throw new IOException("the outbox key " + file + " is damaged (" + raw.length + " bytes)");
        }
        return new OutboxKey(raw);
    }

    private static void create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** @param path bound to the sealed body, so a body cannot be replayed to another route */
    String seal(String path, String body) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(path.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(body.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws IllegalStateException when the body was not sealed with this key (another kiosk's key, a damaged row) */
    String open(String path, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed outbox body");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(path.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an outbox body does not open with this kiosk's key", e);
        }
    }
}
