package org.linli.agent.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.protocol.TestVectors;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.VerifyContext;

class FastEd25519Test {
    private static final TestVectors VECTORS = TestVectors.load();
    /** Base45's alphabet, which the token text is written in. */
    private static final String TOKEN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    @BeforeAll
    static void install() {
        assertTrue(FastEd25519.install(), "the self-test at install passes");
    }

    @Test
    void answersEd25519VerificationFirst() throws Exception {
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(Ed25519Keys.generate().getPublic());
        assertEquals(FastEd25519.NAME, verify.getProvider().getName());
    }

    @Test
    void leavesSigningToTheJdk() throws Exception {
        Signature sign = Signature.getInstance("Ed25519");
        sign.initSign(Ed25519Keys.generate().getPrivate());
        assertNotEquals(FastEd25519.NAME, sign.getProvider().getName());
    }

    @Test
    void reachesTheVerdictOfEverySharedTestVector() {
        for (TestVectors.Case c : VECTORS.cases()) {
            assertEquals(c.verdict(), VECTORS.verifier().verify(c.token(), c.context().toVerifyContext()).verdict(),
                    c.name());
        }
    }

    @Test
    void rejectsEveryAlteredSignatureOrClaim() {
        SigningKey key = new SigningKey(1, Ed25519Keys.generate());
        Instant now = Instant.parse("2026-12-01T02:00:00Z");
        String token = new TokenSigner(key).sign(AccessToken.booking(1, 4711, "h", "r", now.minusSeconds(60),
                now.plusSeconds(3600)));
        TokenVerifier verifier = new TokenVerifier(Map.of(1, key.publicKey()));
        VerifyContext context = VerifyContext.door("h", "r", now, true, Set.of(), java.time.Duration.ZERO);
        assertEquals(Verdict.VALID, verifier.verify(token, context).verdict());
        Random random = new Random(7);
        int rejected = 0;
        for (int i = 0; i < 2_000; i++) {
            char[] text = token.toCharArray();
            int at = random.nextInt(text.length);
            char replacement = TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length()));
            if (text[at] == replacement) {
                continue;
            }
            text[at] = replacement;
            Verdict verdict = verifier.verify(new String(text), context).verdict();
            assertNotEquals(Verdict.VALID, verdict, "altered at " + at);
            rejected++;
        }
        assertTrue(rejected > 1_900, "altered tokens checked: " + rejected);
    }
}
