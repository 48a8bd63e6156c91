package org.linli.central.doorkeys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.linli.central.store.SecretFiles;
import org.linli.protocol.command.CommandSigner;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenType;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.Verification;
import org.linli.protocol.token.VerifyContext;

/**
 * The Ed25519 key that signs booking and resident-card tokens. It lives in the data directory (mode 600) so that
 * tokens issued before a restart still verify; doors only ever see its public half.
 */
public final class TokenKeys {
    private final SigningKey key;
    private final TokenSigner signer;
    private final TokenVerifier verifier;
    private final Clock clock;

    public TokenKeys(SigningKey key, Clock clock) {
        FastEd25519.install();
        this.key = key;
        this.signer = new TokenSigner(FastEd25519.convert(key));
        this.verifier = new TokenVerifier(Map.of(key.kid(), key.publicKey()));
        this.clock = clock;
    }

    /** Reads the key file, creating a fresh key (kid 1) on first start. */
    public static TokenKeys loadOrCreate(Path file, Clock clock) {
        try {
            Properties props = new Properties();
            if (Files.exists(file)) {
                props.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
            } else {
                byte[] seed = new byte[Ed25519Keys.RAW_LENGTH];
                new SecureRandom().nextBytes(seed);
                props.setProperty("kid", "1");
                props.setProperty("seed", Base64.getEncoder().encodeToString(seed));
                StringWriter out = new StringWriter();
                props.store(out, "Linli token-signing key: keep secret, keep with the database");
                SecretFiles.write(file, out.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            int kid = Integer.parseInt(props.getProperty("kid"));
            byte[] seed = Base64.getDecoder().decode(props.getProperty("seed"));
            return new TokenKeys(new SigningKey(kid, Ed25519Keys.fromSeed(seed)), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the signing key file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    public int kid() {
        return key.kid();
    }

    public TokenSigner signer() {
        return signer;
    }

    /** Signs commands for agents with the same key (decision 0007: doors need no second key). */
    public CommandSigner commandSigner() {
        return new CommandSigner(key);
    }

    /** Checks a token shown at a kiosk of the hub (any room, revocations checked by the caller's own query). */
    public Verification verifyAtKiosk(String token, String hubId) {
        return verifier.verify(token, VerifyContext.kiosk(hubId, clock.instant(), Set.of()));
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
        return TokenVerifier.publish(clock.millis(), List.of(key));
    }
}
