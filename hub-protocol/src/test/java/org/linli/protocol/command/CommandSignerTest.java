package org.linli.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.linli.protocol.TestVectors;
import org.linli.protocol.command.CommandVerifier.Verdict;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenVerifier;

/** Signed commands (review finding L6): only central's hub key, for this device, now, opens a door remotely. */
class CommandSignerTest {
    static final TestVectors VECTORS = TestVectors.load();
    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");
    final SigningKey key = VECTORS.keys().getFirst().signingKey();
    final SigningKey unpublished = VECTORS.keys().stream().filter(k -> !k.published()).findFirst().orElseThrow()
            .signingKey();
    final KeysPayload published = TokenVerifier.publish(NOW.toEpochMilli(), VECTORS.keys().stream()
            .filter(TestVectors.Key::published).map(TestVectors.Key::signingKey).toList());
    final CommandVerifier verifier = CommandVerifier.of(published);
    final PayloadCodec codec = new PayloadCodec(Clock.fixed(NOW, ZoneOffset.UTC));

    CommandPayload unlock() {
        return new CommandSigner(key).sign("door-a", "c-1", CommandPayload.UNLOCK, NOW.toEpochMilli(), "r101", 10);
    }

    @Test
    void aSignedCommandVerifiesAfterTheWireAndCarriesAFreshNonce() throws PayloadException {
        CommandPayload signed = unlock();
        CommandPayload received = codec.decodeCommand(codec.encode(signed));
        assertEquals(signed, received);
        assertEquals(Verdict.VALID, verifier.verify(received, "door-a", NOW).verdict());
        assertEquals(Verdict.VALID, verifier.verify(received, "door-a", NOW.plusSeconds(59)).verdict());
        assertNotEquals(signed.nonce(), unlock().nonce());
        assertEquals(22, signed.nonce().length(), "16 bytes of base64url");
    }

    @Test
    void everyChangedFieldBreaksTheSignature() {
        CommandPayload c = unlock();
        List<UnaryOperator<CommandPayload>> changes = List.of(
                p -> new CommandPayload("c-2", p.cmd(), p.ts(), p.room(), p.durationS(), p.device(), p.nonce(),
                        p.kid(), p.sig()),
                p -> new CommandPayload(p.id(), CommandPayload.RELOAD, p.ts(), p.room(), p.durationS(), p.device(),
                        p.nonce(), p.kid(), p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts() + 1, p.room(), p.durationS(), p.device(), p.nonce(),
                        p.kid(), p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts(), "r102", p.durationS(), p.device(), p.nonce(),
                        p.kid(), p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts(), null, p.durationS(), p.device(), p.nonce(),
                        p.kid(), p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts(), p.room(), 3600, p.device(), p.nonce(), p.kid(),
                        p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts(), p.room(), p.durationS(), p.device(),
                        "A" + p.nonce().substring(1), p.kid(), p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts(), p.room(), p.durationS(), p.device(), p.nonce(), 2,
                        p.sig()),
                p -> new CommandPayload(p.id(), p.cmd(), p.ts(), p.room(), p.durationS(), "door-b", p.nonce(),
                        p.kid(), p.sig()));
        for (UnaryOperator<CommandPayload> change : changes) {
            CommandPayload changed = change.apply(c);
            assertEquals(Verdict.BAD_SIGNATURE, verifier.verify(changed, changed.device(), NOW).verdict(),
                    changed.toString());
        }
    }

    @Test
    void theSigningInputSaysWhereEachFieldEnds() {
        CommandPayload a = new CommandPayload("ab", "unlock", 1, "c", null, "d", "n", 1, null);
        CommandPayload b = new CommandPayload("a", "unlock", 1, "bc", null, "d", "n", 1, null);
        assertFalse(Arrays.equals(CommandSigner.signingInput(a), CommandSigner.signingInput(b)));
        assertTrue(CommandSigner.signingInput(a).length > 27, "never as short as a token's 27 bytes of claims");
    }

    @Test
    void refusesWhatIsNotSignedByAPublishedKeyForThisDeviceAndFresh() {
        CommandPayload c = unlock();
        assertEquals(Verdict.UNSIGNED, verifier.verify(new CommandPayload("c-1", "unlock", NOW.toEpochMilli(),
                "r101", 10), "door-a", NOW).verdict());
        CommandPayload foreign = new CommandSigner(unpublished).sign("door-a", "c-1", "unlock", NOW.toEpochMilli(),
                null, null);
        assertEquals(Verdict.UNKNOWN_KEY, verifier.verify(foreign, "door-a", NOW).verdict());
        CommandPayload forgedWithKid1 = new CommandPayload(foreign.id(), foreign.cmd(), foreign.ts(), foreign.room(),
                foreign.durationS(), foreign.device(), foreign.nonce(), 1, foreign.sig());
        assertEquals(Verdict.BAD_SIGNATURE, verifier.verify(forgedWithKid1, "door-a", NOW).verdict());
        assertEquals(Verdict.WRONG_DEVICE, verifier.verify(c, "door-b", NOW).verdict());
        assertEquals(Verdict.STALE, verifier.verify(c, "door-a", NOW.plusSeconds(61)).verdict());
        CommandVerifier.Result ahead = verifier.verify(c, "door-a", NOW.minusSeconds(3600));
        assertEquals(Verdict.FROM_THE_FUTURE, ahead.verdict());
        assertTrue(ahead.detail().contains("this clock is behind"), ahead.detail());
        assertTrue(ahead.verdict().signatureGood() && !Verdict.BAD_SIGNATURE.signatureGood());
    }

    @Test
    void theCodecRefusesAMalformedSignatureOrNonce() {
        String base = "{\"id\":\"c\",\"cmd\":\"unlock\",\"ts\":" + NOW.toEpochMilli() + ",\"device\":\"d\",\"kid\":1,";
        for (String bad : List.of(base + "\"nonce\":\"short\",\"sig\":\"" + "A".repeat(86) + "==\"}",
                base + "\"nonce\":\"" + "A".repeat(22) + "\",\"sig\":\"AAAA\"}",
                base + "\"nonce\":\"" + "A".repeat(22) + "\",\"sig\":\"" + "A".repeat(86) + "==\",\"kid\":2}",
                base.replace("\"kid\":1", "\"kid\":70000") + "\"nonce\":\"" + "A".repeat(22) + "\"}")) {
            org.junit.jupiter.api.Assertions.assertThrows(PayloadException.class,
                    () -> codec.decodeCommand(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), bad);
        }
    }
}
