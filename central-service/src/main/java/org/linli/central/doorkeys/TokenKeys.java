package org.linli.central.doorkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.linli.central.store.SecretFiles;
import org.linli.protocol.command.CommandSigner;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenType;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.Verification;
import org.linli.protocol.token.VerifyContext;

/**
 * The Ed25519 keys that sign booking and resident-card tokens and commands. They live in the data directory (mode
 * 600) so that tokens issued before a restart still verify; doors only ever see their public halves. The file holds
 * the current key and the keys being retired ({@link KeyRing}); {@code ./linli central keys rotate} writes a new one,
 * and {@link #refresh()} takes it in while the service runs (decision 0021).
 */
public final class TokenKeys {
    private static final System.Logger LOG = System.getLogger(TokenKeys.class.getName());

    /** The ring in use, with what is made from it. */
    private record InUse(KeyRing ring, byte[] bytes, TokenSigner signer, CommandSigner commands,
            TokenVerifier verifier) {
        static InUse of(KeyRing ring, byte[] bytes) {
            Map<Integer, java.security.PublicKey> all = new HashMap<>();
            ring.retiring().forEach(r -> all.put(r.key().kid(), r.key().publicKey()));
            all.put(ring.current().kid(), ring.current().publicKey());
            return new InUse(ring, bytes, new TokenSigner(FastEd25519.convert(ring.current())),
                    new CommandSigner(ring.current()), new TokenVerifier(all));
        }
    }

    private final Path file;
    private final Clock clock;
    private volatile InUse inUse;
    private List<Integer> atDoors;
    /** Why the file was last refused, so that a file left damaged is logged once, not every few seconds. */
    private String refusal;

    public TokenKeys(SigningKey key, Clock clock) {
        this(null, new KeyRing(key, List.of()), null, clock);
    }

    private TokenKeys(Path file, KeyRing ring, byte[] bytes, Clock clock) {
        FastEd25519.install();
        this.file = file;
        this.clock = clock;
        this.inUse = InUse.of(ring, bytes);
        this.atDoors = kids(ring.atDoors(clock.instant()));
    }

    /** Reads the key file, creating a fresh key (kid 1) on first start. */
    public static TokenKeys loadOrCreate(Path file, Clock clock) {
        try {
            if (!Files.exists(file)) {
                SecretFiles.write(file, KeyRing.fresh().bytes());
            }
            byte[] bytes = Files.readAllBytes(file);
            return new TokenKeys(file, read(file, bytes), bytes, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        }
    }

    /** @throws IllegalStateException saying the file is damaged, and how */
    static KeyRing read(Path file, byte[] bytes) {
        try {
            return KeyRing.parse(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the signing key file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Takes in a rotation written to the file since it was read, and lets retiring keys go once their instants have
     * passed. A file that cannot be read leaves the keys in use as they are (the log says why).
     *
     * @return whether the keys doors must hold changed: then publish them
     */
    public synchronized boolean refresh() {
        if (file != null) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (Arrays.equals(bytes, inUse.bytes())) {
                    refusal = null;
                } else {
                    KeyRing ring = read(file, bytes);
                    refusal = null;
                    int before = inUse.ring().current().kid();
                    inUse = InUse.of(ring, bytes);
                    LOG.log(System.Logger.Level.INFO, "token-signing keys read again from {0}: signing with key {1}"
                            + " (was {2}), retiring {3}", file, ring.current().kid(), before,
                            kids(ring.retiring().stream().map(KeyRing.Retiring::key).toList()));
                }
            } catch (IOException | IllegalStateException e) {
                String why = String.valueOf(e.getMessage());
                if (!why.equals(refusal)) {
                    refusal = why;
                    LOG.log(System.Logger.Level.ERROR, "cannot read the signing keys again ({0}); keeping key {1}",
                            why, inUse.ring().current().kid());
                }
            }
        }
        List<Integer> now = kids(inUse.ring().atDoors(clock.instant()));
        boolean changed = !now.equals(atDoors);
        atDoors = now;
        return changed;
    }

    private static List<Integer> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).sorted().toList();
    }

    /** The id of the key that signs now. */
    public int kid() {
        return inUse.ring().current().kid();
    }

    /** Signs the claims made for the current key's id, with that key (one rotation cannot come between the two). */
    public String sign(IntFunction<AccessToken> claims) {
        InUse keys = inUse;
        return keys.signer().sign(claims.apply(keys.ring().current().kid()));
    }

    /** Signs commands for agents with the current key (decision 0007: doors need no second key). */
    public CommandSigner commandSigner() {
        return inUse.commands();
    }

    /** Checks a token shown at a kiosk of the hub (any room, revocations checked by the caller's own query). */
    public Verification verifyAtKiosk(String token, String hubId) {
        InUse keys = inUse;
        Instant now = clock.instant();
        Verification v = keys.verifier().verify(token, VerifyContext.kiosk(hubId, now, Set.of()));
        if (v.token() == null || v.verdict() == Verdict.UNKNOWN_KEY || v.verdict() == Verdict.BAD_SIGNATURE) {
            return v;
        }
        for (KeyRing.Retiring r : keys.ring().retiring()) {
            if (r.key().kid() == v.token().kid() && !r.accepts(v.token().type(), now)) {
                return new Verification(Verdict.UNKNOWN_KEY, v.token(), "key " + r.key().kid() + " was retired at "
                        + (v.token().type() == TokenType.BOOKING ? r.doorsUntil() : r.cardsUntil()));
            }
        }
        return v;
    }

    /**
     * The booking a resident proves to hold by showing its QR at a kiosk of the hub: a booking token signed here for
     * this hub, valid now or later (a booking not yet begun may be cancelled too).
     *
     * @return the booking id; empty when the token is not such a proof
     */
    public Optional<Long> bookingShown(String token, String hubId) {
        Verification v = verifyAtKiosk(token, hubId);
        if ((v.verdict() == Verdict.VALID || v.verdict() == Verdict.NOT_YET_VALID) && v.token() != null
                && v.token().type() == TokenType.BOOKING) {
            return Optional.of(v.token().subject());
        }
        return Optional.empty();
    }

    /** The public keys as published to doors. */
    public KeysPayload published() {
        return TokenVerifier.publish(clock.millis(), inUse.ring().atDoors(clock.instant()));
    }
}
