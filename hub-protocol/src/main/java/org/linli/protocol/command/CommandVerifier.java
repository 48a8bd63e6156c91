package org.linli.protocol.command;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.token.Ed25519Keys;

/**
 * Checks a command's signature with the hub's published keys, that it names this device, and that it was signed
 * within {@link #MAX_SKEW} of this device's clock. It never throws. Replays within that window are the agent's to
 * catch (it remembers nonces); outside it a replay is stale. Thread-safe.
 */
public final class CommandVerifier {
    /** How far a command's {@code ts} may be from the agent's clock, either way. */
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);

    /** In the order they are checked. */
    public enum Verdict {
        VALID, UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE, WRONG_DEVICE, STALE, FROM_THE_FUTURE;

        /** Whether the signature was good: then {@code ts} is a time central vouches for, even if stale. */
        public boolean signatureGood() {
            return this == VALID || this == WRONG_DEVICE || this == STALE || this == FROM_THE_FUTURE;
        }
    }

    public record Result(Verdict verdict, String detail) {
    }

    private final Map<Integer, PublicKey> keys;

    public CommandVerifier(Map<Integer, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** A verifier for the keys a hub published (entries it cannot use are left out, as for tokens). */
    public static CommandVerifier of(KeysPayload published) {
        return new CommandVerifier(Ed25519Keys.published(published));
    }

    public Result verify(CommandPayload command, String deviceId, Instant now) {
        if (!command.signed()) {
            return new Result(Verdict.UNSIGNED, "carries no signature (device, nonce, kid and sig are required)");
        }
        PublicKey key = keys.get(command.kid());
        if (key == null) {
            return new Result(Verdict.UNKNOWN_KEY, "no published key with id " + command.kid());
        }
        if (!signatureMatches(key, command)) {
            return new Result(Verdict.BAD_SIGNATURE, "signature does not match key " + command.kid());
        }
        if (!command.device().equals(deviceId)) {
            return new Result(Verdict.WRONG_DEVICE, "signed for device " + command.device());
        }
        long skew = command.ts() - now.toEpochMilli();
        if (skew < -MAX_SKEW.toMillis()) {
            return new Result(Verdict.STALE, "signed " + (-skew / 1000) + " s ago, more than "
                    + MAX_SKEW.toSeconds() + " s");
        }
        if (skew > MAX_SKEW.toMillis()) {
            return new Result(Verdict.FROM_THE_FUTURE, "signed " + (skew / 1000) + " s ahead of this clock, more than "
                    + MAX_SKEW.toSeconds() + " s: this clock is behind");
        }
        return new Result(Verdict.VALID, "valid");
    }

    private static boolean signatureMatches(PublicKey key, CommandPayload command) {
        try {
            byte[] sig = Base64.getDecoder().decode(command.sig());
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(CommandSigner.signingInput(command));
            return signature.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
