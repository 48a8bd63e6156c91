package org.linli.agent.door;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.VerifyContext;

/**
 * Runs the whole verification path (Base45, payload, Ed25519) a hundred times at start, on a background thread
 * of lowest priority, with a throw-away key of its own. A door sees a scan every few minutes, so without this the
 * first scans after a boot would run Ed25519's field arithmetic in the interpreter (tens of milliseconds each on a
 * Pi); after it, the JIT has compiled that path before the first resident arrives. Nothing it does reaches a door.
 */
public final class VerifierWarmUp {
    private static final System.Logger LOG = System.getLogger(VerifierWarmUp.class.getName());
    static final int ROUNDS = 100;

    private VerifierWarmUp() {
    }

    public static Thread start() {
        Thread thread = new Thread(VerifierWarmUp::run, "verifier-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** @return how many of the rounds verified (all of them, unless Ed25519 verification is broken) */
    static int run() {
        long started = System.nanoTime();
        SigningKey key = new SigningKey(1, Ed25519Keys.generate());
        Instant now = Instant.now();
        String text = new TokenSigner(key).sign(AccessToken.booking(1, 1, "warm-up", "warm-up",
                now.minusSeconds(60), now.plusSeconds(3600)));
        TokenVerifier verifier = new TokenVerifier(Map.of(1, key.publicKey()));
        VerifyContext context = VerifyContext.door("warm-up", "warm-up", now, true, Set.of(),
                java.time.Duration.ZERO);
        int valid = 0;
        for (int i = 0; i < ROUNDS; i++) {
            valid += verifier.verify(text, context).valid() ? 1 : 0;
        }
        LOG.log(System.Logger.Level.DEBUG, "verifier warmed up: {0} rounds in {1} ms", ROUNDS,
                (System.nanoTime() - started) / 1_000_000);
        return valid;
    }
}
