package org.linli.protocol.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linli.protocol.TestVectors;
import org.linli.protocol.qr.QrCodes;

class TokenTest {
    static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
    final TestVectors vectors = TestVectors.load();
    final TokenSigner signer = new TokenSigner(vectors.key(1));
    final TokenVerifier verifier = vectors.verifier();

    @Test
    void signsAndVerifiesABooking() {
        String text = signer.sign(AccessToken.booking(1, 42, "xh-wt66", "wt66-r101", START, START.plusSeconds(3600)));
        Verification result = verifier.verify(text, VerifyContext.door("xh-wt66", "wt66-r101",
                START.plusSeconds(60), true, Set.of(), Duration.ofMinutes(10)));
        assertEquals(Verdict.VALID, result.verdict(), result.detail());
        assertEquals(42, result.token().subject());
        assertEquals(TokenType.BOOKING, result.token().type());
    }

    @Test
    void theLongestTokenFitsQrVersionSixAtLevelM() {
        AccessToken longest = new AccessToken(AccessToken.VERSION, TokenType.BOOKING, 1, Long.MIN_VALUE, -1, -1,
                AccessToken.MAX_SECONDS - 1, AccessToken.MAX_SECONDS);
        String text = signer.sign(longest);
        assertEquals(TokenFormat.TEXT_LENGTH, text.length());
        int version = QrCodes.version(text);
        assertTrue(version <= 6, "QR version " + version);
        assertTrue(text.chars().allMatch(c -> "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".indexOf(c) >= 0),
                "alphanumeric QR mode only");
    }

    @Test
    void everyTokenHasTheSameLength() {
        String small = signer.sign(AccessToken.booking(1, 1, "h", "r", START, START.plusSeconds(1)));
        String resident = signer.sign(AccessToken.resident(1, 99, "h", START, START.plusSeconds(86_400)));
        assertEquals(TokenFormat.TEXT_LENGTH, small.length());
        assertEquals(TokenFormat.TEXT_LENGTH, resident.length());
    }

    @Test
    void refusesToSignWithAnotherKeysId() {
        assertThrows(IllegalArgumentException.class,
                () -> signer.sign(AccessToken.booking(2, 1, "h", "r", START, START.plusSeconds(1))));
    }

    @Test
    void verifiesWithThePublishedKeysPayload() {
        TokenVerifier fromPublished = TokenVerifier.of(TokenVerifier.publish(0, java.util.List.of(vectors.key(1),
                vectors.key(2))));
        String text = signer.sign(AccessToken.booking(1, 5, "h", "r", START, START.plusSeconds(600)));
        VerifyContext context = VerifyContext.door("h", "r", START, true, Set.of(), Duration.ZERO);
        assertEquals(Verdict.VALID, fromPublished.verify(text, context).verdict());
        assertEquals(Verdict.UNKNOWN_KEY, new TokenVerifier(Map.of()).verify(text, context).verdict());
    }

    @Test
    void tenThousandMutationsNeverVerifyAndNeverThrow() {
        String valid = signer.sign(AccessToken.booking(1, 4711, "xh-wt66", "wt66-r101", START,
                START.plusSeconds(7200)));
        VerifyContext door = VerifyContext.door("xh-wt66", "wt66-r101", START.plusSeconds(60), true, Set.of(),
                Duration.ofMinutes(15));
        assertEquals(Verdict.VALID, verifier.verify(valid, door).verdict());
        Random random = new Random(2026);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        int checked = 0;
        for (int i = 0; i < 12_000; i++) {
            String mutant = switch (i % 5) {
                case 0 -> flipChar(valid, random, alphabet);
                case 1 -> valid.substring(0, random.nextInt(valid.length()));
                case 2 -> flipBit(valid, random);
                case 3 -> randomString(random, alphabet);
                default -> valid.substring(0, 4) + randomString(random, alphabet).substring(0,
                        Math.min(TokenFormat.TEXT_LENGTH - 4, TokenFormat.TEXT_LENGTH - 4));
            };
            if (mutant.strip().equals(valid)) {
                continue;
            }
            Verification result = verifier.verify(mutant, door);
            assertNotEquals(Verdict.VALID, result.verdict(), "mutant verified: " + mutant);
            checked++;
        }
        assertTrue(checked >= 10_000, "checked " + checked);
    }

    @Test
    void parseThrowsOnlyTheTypedErrorOnGarbage() {
        Random random = new Random(9);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(300)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = (char) random.nextInt(0x3000);
            }
            try {
                TokenFormat.parse(new String(chars));
            } catch (MalformedTokenException expected) {
                // the only allowed failure
            }
        }
    }

    private static String flipChar(String text, Random random, String alphabet) {
        int at = random.nextInt(text.length());
        char replacement;
        do {
            replacement = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (replacement == text.charAt(at));
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    /** Flips one bit of the decoded bytes and re-encodes: a well-formed token whose content was tampered with. */
    private static String flipBit(String text, Random random) {
        byte[] bytes = Base45.decode(text.substring(4));
        int bit = random.nextInt(bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return text.substring(0, 4) + Base45.encode(bytes);
    }

    private static String randomString(Random random, String alphabet) {
        StringBuilder out = new StringBuilder(TokenFormat.TEXT_LENGTH);
        for (int i = 0; i < TokenFormat.TEXT_LENGTH; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
