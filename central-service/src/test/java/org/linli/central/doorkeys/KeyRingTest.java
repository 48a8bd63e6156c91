package org.linli.central.doorkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.Verdict;

class KeyRingTest {
    private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");
    private static final String SEED = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    @Test
    void aFileOfOneKeyAsEveryCentralWroteBeforeLoadsUnchanged() throws Exception {
        Path file = dir.resolve("signing-key.properties");
        Files.writeString(file, "#Linli token-signing key: keep secret, keep with the database\nkid=1\nseed=" + SEED
                + "\n", StandardCharsets.ISO_8859_1);
        TokenKeys keys = TokenKeys.loadOrCreate(file, new HubClock(NOW, java.time.ZoneOffset.UTC));
        assertEquals(1, keys.kid());
        assertEquals(List.of("1"), keys.published().keys().stream().map(k -> k.kid()).toList());
        assertEquals(Ed25519Keys.rawPublicBase64(new SigningKey(1, Ed25519Keys.fromSeed(new byte[32])).publicKey()),
                keys.published().keys().getFirst().key());
        assertFalse(keys.refresh(), "nothing changed");
    }

    @Test
    void aRotatedRingWritesAndReadsBackTheSameKeysAndInstants() {
        KeyRing ring = KeyRing.fresh().rotate(NOW, NOW.plus(Duration.ofDays(15)), NOW.plus(Duration.ofDays(365)));
        KeyRing read = KeyRing.parse(ring.format());
        assertEquals(2, read.current().kid());
        assertEquals(ring.current().publicKey(), read.current().publicKey());
        assertEquals(1, read.retiring().size());
        KeyRing.Retiring old = read.retiring().getFirst();
        assertEquals(1, old.key().kid());
        assertEquals(NOW.plus(Duration.ofDays(15)), old.doorsUntil());
        assertEquals(NOW.plus(Duration.ofDays(365)), old.cardsUntil());
        assertEquals(List.of(2, 1), read.atDoors(NOW).stream().map(SigningKey::kid).toList());
        assertEquals(List.of(2), read.atDoors(NOW.plus(Duration.ofDays(15))).stream().map(SigningKey::kid).toList());
    }

    @Test
    void retiringAtOnceKeepsNothingOfTheOldKeyAndKeysAlreadyRetiredLeave() {
        KeyRing two = KeyRing.fresh().rotate(NOW, NOW.plusSeconds(60), NOW.plusSeconds(120));
        KeyRing later = two.rotate(NOW.plusSeconds(120), null, null);
        assertEquals(3, later.current().kid());
        assertTrue(later.retiring().isEmpty(), "key 1 had retired, key 2 was retired at once");
        KeyRing leaked = two.rotate(NOW, null, null);
        assertTrue(leaked.retiring().isEmpty(), "a leaked file leaked key 1 as well: it goes too");
        assertEquals(List.of(3), leaked.atDoors(NOW).stream().map(SigningKey::kid).toList());
    }

    @Test
    void theNextKidWrapsToTheSmallestFreeOneAfterTheLargestTokensCanCarry() throws Exception {
        SigningKey last = new SigningKey(KeyRing.MAX_KID, Ed25519Keys.fromSeed(new byte[32]));
        SigningKey one = new SigningKey(1, Ed25519Keys.fromSeed(new byte[32]));
        KeyRing ring = new KeyRing(last, List.of(new KeyRing.Retiring(one, NOW, NOW)));
        assertEquals(2, ring.nextKid());
    }

    @Test
    void aDamagedFileIsRefusedNamingWhatIsWrong() throws Exception {
        Path file = dir.resolve("signing-key.properties");
        Files.writeString(file, "kid=2\nseed=" + SEED + "\nretiring.1.seed=" + SEED + "\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TokenKeys.loadOrCreate(file, new HubClock(NOW, java.time.ZoneOffset.UTC)));
        assertTrue(e.getMessage().contains("retiring.1.doors-until"), e.getMessage());
    }

    @Test
    void theServiceTakesInARotationFromTheFileAndSignsWithTheNewKid() throws Exception {
        Path file = dir.resolve("signing-key.properties");
        HubClock clock = new HubClock(NOW, java.time.ZoneOffset.UTC);
        TokenKeys keys = TokenKeys.loadOrCreate(file, clock);
        String before = keys.sign(kid -> AccessToken.booking(kid, 7, "hub", "room", NOW.plusSeconds(3600),
                NOW.plusSeconds(7200)));
        KeyRing read = TokenKeys.read(file, Files.readAllBytes(file));
        Files.write(file, read.rotate(NOW, NOW.plusSeconds(7200), NOW.plusSeconds(9000)).bytes());
        assertTrue(keys.refresh(), "the doors need the new set");
        assertEquals(2, keys.kid());
        assertEquals(Verdict.NOT_YET_VALID, keys.verifyAtKiosk(before, "hub").verdict());
        clock.set(NOW.plusSeconds(7200));
        assertTrue(keys.refresh(), "key 1 left the doors");
        assertEquals(Verdict.UNKNOWN_KEY, keys.verifyAtKiosk(before, "hub").verdict());
        Files.writeString(file, "garbage");
        assertFalse(keys.refresh());
        assertEquals(2, keys.kid(), "a damaged file leaves the keys in use");
    }
}
