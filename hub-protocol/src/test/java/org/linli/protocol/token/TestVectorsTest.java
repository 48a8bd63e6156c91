package org.linli.protocol.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linli.protocol.TestVectors;

class TestVectorsTest {
    final TestVectors vectors = TestVectors.load();

    @Test
    void everyVectorGetsItsVerdict() {
        TokenVerifier verifier = vectors.verifier();
        for (TestVectors.Case c : vectors.cases()) {
            Verification result = verifier.verify(c.token(), c.context().toVerifyContext());
            assertEquals(c.verdict(), result.verdict(), c.name() + ": " + result.detail());
        }
    }

    @Test
    void coverEveryVerdictWithAtLeastTwentyCases() {
        assertTrue(vectors.cases().size() >= 20);
        Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
        vectors.cases().forEach(c -> seen.add(c.verdict()));
        assertEquals(EnumSet.allOf(Verdict.class), seen);
    }

    @Test
    void theShippedFileIsWhatTheGeneratorMakes() {
        assertEquals(TestVectors.generate().toJson(), vectors.toJson(),
                "regenerate with TestVectors.main(\"src/test/resources/org/linli/protocol/test-vectors.json\")");
    }

    @Test
    void publishedKeysInTheFileMatchTheirSeeds() {
        for (TestVectors.Key key : vectors.keys()) {
            assertEquals(key.publicKey(), Ed25519Keys.rawPublicBase64(key.signingKey().publicKey()));
        }
    }
}
