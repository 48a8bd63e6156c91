package org.linli.central.residents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.linli.central.store.SecretFiles;

/** The HMAC key for phone numbers: created on first start (mode 600), then read; losing it orphans every resident. */
public final class ResidentSecret {
    private ResidentSecret() {
    }

    public static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] secret = Files.readAllBytes(file);
                if (secret.length < 32) {
                    throw new IllegalStateException("the resident secret " + file + " is shorter than 32 bytes");
                }
                return secret;
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            SecretFiles.write(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the resident secret " + file, e);
        }
    }
}
