package org.linli.agent.door;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.token.TokenVerifier;

/**
 * The hub's published verification keys and revocation list, as last received on the retained {@code access/keys}
 * and {@code access/revoked} topics, cached on disk so that a door rebooted without network still opens for valid
 * bookings. A payload that does not decode is logged and ignored: the last good one stays.
 */
public final class AccessKeys {
    private static final System.Logger LOG = System.getLogger(AccessKeys.class.getName());

    private final Path keysFile;
    private final Path revokedFile;
    private final PayloadCodec codec;
    /** Cached files are checked without a time bound: the clock may not be trusted yet after a reboot. */
    private final PayloadCodec cacheCodec = new PayloadCodec(Clock.fixed(Instant.parse("9999-01-01T00:00:00Z"),
            ZoneOffset.UTC));
    private volatile TokenVerifier verifier = new TokenVerifier(Map.of());
    private volatile Set<String> revoked = Set.of();
    private volatile int keyCount;

    public AccessKeys(Path dataDir, PayloadCodec codec) {
        this.keysFile = dataDir.resolve("access-keys.json");
        this.revokedFile = dataDir.resolve("access-revoked.json");
        this.codec = codec;
        loadCache();
    }

    private void loadCache() {
        try {
            if (Files.exists(keysFile)) {
                useKeys(cacheCodec.decodeKeys(Files.readAllBytes(keysFile)));
            }
            if (Files.exists(revokedFile)) {
                useRevoked(cacheCodec.decodeRevoked(Files.readAllBytes(revokedFile)));
            }
        } catch (IOException | PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "access cache in {0} unreadable ({1}); waiting for the broker",
                    keysFile.getParent(), e.getMessage());
        }
    }

    /** A message on {@code access/keys}. */
    public void keysArrived(byte[] payload) {
        try {
            KeysPayload keys = codec.decodeKeys(payload);
            useKeys(keys);
            save(keysFile, payload);
        } catch (PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "ignored a bad access/keys message: {0}", e.getMessage());
        }
    }

    /** A message on {@code access/revoked}. */
    public void revokedArrived(byte[] payload) {
        try {
            useRevoked(codec.decodeRevoked(payload));
            save(revokedFile, payload);
        } catch (PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "ignored a bad access/revoked message: {0}", e.getMessage());
        }
    }

    private void useKeys(KeysPayload keys) {
        verifier = TokenVerifier.of(keys);
        keyCount = keys.keys().size();
        LOG.log(System.Logger.Level.INFO, "access keys: {0} published", keyCount);
    }

    private void useRevoked(RevokedPayload list) {
        revoked = Set.copyOf(list.bookings());
    }

    private static void save(Path file, byte[] payload) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, payload);
            // atomic, so a power cut leaves the old list or the new one, never half of one
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot cache " + file + "; doors work until the next reboot", e);
        }
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    public Set<String> revoked() {
        return revoked;
    }

    public int keyCount() {
        return keyCount;
    }
}
