package org.linli.central.doorkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.linli.protocol.TestVectors;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.Verdict;

class FastEd25519Test {
    private final TestVectors vectors = TestVectors.load();

    @Test
    void writesTheSameTokensAsTheSharedTestVectors() throws Exception {
        FastEd25519.install();
        assertEquals(FastEd25519.NAME, Signature.getInstance("Ed25519").getProvider().getName());
        int checked = 0;
        for (TestVectors.Case c : vectors.cases()) {
            if (c.verdict() != Verdict.VALID) {
                continue;
            }
            AccessToken token = TokenFormat.parse(c.token());
            TokenSigner signer = new TokenSigner(FastEd25519.convert(vectors.key(token.kid())));
            assertEquals(c.token().strip(), signer.sign(token), c.name());
            checked++;
        }
        assertTrue(checked >= 3, "valid cases checked: " + checked);
    }

    @Test
    void signedTokensVerifyWithThePublishedKeys() {
        FastEd25519.install();
        for (TestVectors.Case c : vectors.cases()) {
            assertEquals(c.verdict(), vectors.verifier().verify(c.token(), c.context().toVerifyContext()).verdict(),
                    c.name());
        }
    }
}
