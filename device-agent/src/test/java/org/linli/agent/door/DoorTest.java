package org.linli.agent.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.agent.AgentLoop;
import org.linli.agent.TestAgents;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.agent.hardware.Pi4jRelay;
import org.linli.agent.outbox.Outbox;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.TestVectors;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;

/** The door against hub-protocol's shared vectors and random mutations: only VALID ever moves the relay. */
class DoorTest {
    private static final TestVectors VECTORS = TestVectors.load();

    @TempDir
    Path dir;

    private final HubClock clock = new HubClock(Instant.parse("2026-12-01T01:30:00Z"), ZoneOffset.UTC);
    private final AtomicBoolean trusted = new AtomicBoolean(true);
    private final AtomicInteger unlocks = new AtomicInteger();
    private Pi4jBoard board;
    private AgentLoop loop;
    private Outbox outbox;
    private AccessKeys keys;
    private PayloadCodec codec;

    @BeforeEach
    void setUp() throws Exception {
        board = Pi4jBoard.mock();
        loop = new AgentLoop();
        outbox = new Outbox(dir.resolve("outbox.db"), 100_000, Duration.ofDays(7), clock);
        codec = new PayloadCodec(clock);
        keys = new AccessKeys(dir, codec);
        keys.keysArrived(codec.encode(new KeysPayload(clock.millis(), VECTORS.keys().stream()
                .filter(TestVectors.Key::published)
                .map(k -> new KeysPayload.PublicKeyEntry(Integer.toString(k.kid()), "Ed25519", k.publicKey()))
                .toList())));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        outbox.close();
        board.close();
    }

    private Door door(String hub, String room, Duration grace) {
        Pi4jRelay relay = board.relay(TestAgents.RELAY_PIN, true, true);
        DigitalOutput pin = board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN), DigitalOutput.class);
        pin.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                unlocks.incrementAndGet();
            }
        });
        AgentConfig.Lock lock = new AgentConfig.Lock(room, TestAgents.RELAY_PIN, true, Duration.ofMillis(200), true,
                null, true, Duration.ofSeconds(60), grace, Duration.ofSeconds(5),
                new AgentConfig.Reader("none", null, 9600, null, 640, 480), null);
        Reporter reporter = new Reporter("door-1", outbox, codec, clock, () -> { });
        ClockTrust trust = new ClockTrust() {
            @Override
            public boolean trusted() {
                return trusted.get();
            }

            @Override
            public String why() {
                return "test clock";
            }
        };
        return new Door(hub, lock, relay, keys, trust, clock, reporter, loop);
    }

    private void scan(Door door, String text) {
        loop.runAndWait(() -> door.scanned(text));
    }

    @Test
    void everyDoorVectorMovesTheRelayExactlyWhenValid() {
        int doorCases = 0;
        long listTs = PayloadCodec.MIN_TS;
        for (TestVectors.Case c : VECTORS.cases()) {
            TestVectors.Context ctx = c.context();
            if (ctx.room() == null) {
                continue;
            }
            doorCases++;
            board.close();
            board = Pi4jBoard.mock();
            unlocks.set(0);
            clock.set(Instant.ofEpochSecond(ctx.now()));
            trusted.set(ctx.clockTrusted());
            // each list newer than the last: a door refuses a list older than the one it has
            keys.revokedArrived(codec.encode(new RevokedPayload(++listTs, ctx.revoked())));
            Door door = door(ctx.hub(), ctx.room(), Duration.ofSeconds(ctx.graceSeconds()));
            scan(door, c.token());
            assertEquals(c.verdict() == Verdict.VALID ? 1 : 0, unlocks.get(), c.name());
            String last = lastEvent();
            if (c.verdict() == Verdict.VALID) {
                assertTrue(last.contains("\"type\":\"access.granted\""), c.name() + ": " + last);
            } else {
                assertTrue(last.contains("\"reason\":\"" + c.verdict().name() + "\"")
                        || c.verdict() == Verdict.CLOCK_UNTRUSTED, c.name() + ": " + last);
            }
        }
        assertTrue(doorCases >= 20, "the vectors hold door cases: " + doorCases);
    }

    /**
     * A booking made at the kiosk for the hour around each {@link HubTime} (over midnight from five to midnight, into
     * the next month from the month's last day), in three zones: the door opens within its hours and the grace
     * before them, and not for the same hour yesterday or tomorrow. The clock steps over midnight in the middle.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.linli.protocol.testing.HubTime#matrix")
    void opensForABookingOnlyWithinItsHoursInTheHub(HubTime time) {
        clock.set(time.instant());
        Door door = door(TestVectors.HUB, TestVectors.ROOM, Duration.ofMinutes(15));
        TestVectors.Key key = VECTORS.keys().stream().filter(TestVectors.Key::published).findFirst().orElseThrow();
        TokenSigner signer = new TokenSigner(key.signingKey());
        ZonedDateTime now = time.zoned();
        java.util.function.BiFunction<ZonedDateTime, ZonedDateTime, String> booking = (from, to) -> signer.sign(
                AccessToken.booking(key.kid(), from.toEpochSecond(), TestVectors.HUB, TestVectors.ROOM,
                        from.toInstant(), to.toInstant()));
        String current = booking.apply(now.minusMinutes(10), now.plusMinutes(50));
        String soon = booking.apply(now.plusMinutes(30), now.plusMinutes(90));
        String yesterdays = booking.apply(now.minusDays(1).minusMinutes(10), now.minusDays(1).plusMinutes(50));
        String tomorrows = booking.apply(now.plusDays(1).minusMinutes(10), now.plusDays(1).plusMinutes(50));

        scan(door, current);
        assertEquals(1, granted(), "the booking under way opens");
        assertEquals(1, unlocks.get());
        scan(door, yesterdays);
        assertTrue(lastEvent().contains("\"reason\":\"EXPIRED\""), lastEvent());
        scan(door, tomorrows);
        assertTrue(lastEvent().contains("\"reason\":\"NOT_YET_VALID\""), lastEvent());
        scan(door, soon);
        assertTrue(lastEvent().contains("\"reason\":\"NOT_YET_VALID\""), "30 minutes early: " + lastEvent());
        assertEquals(1, granted());

        clock.set(clock.instant().plus(HubTime.MIDWAY)); // over midnight from the last moment
        scan(door, current);
        assertEquals(2, granted(), "still within its hours, whatever the date now says");
        clock.set(now.plusMinutes(15).toInstant());
        scan(door, soon);
        assertEquals(3, granted(), "within the grace before it");
        clock.set(now.plusMinutes(50).toInstant());
        scan(door, current);
        assertTrue(lastEvent().contains("\"reason\":\"EXPIRED\""), "at its end: " + lastEvent());
        assertEquals(3, granted());
    }

    /**
     * A key rotation as the door sees it (decision 0021): while central publishes the old and the new key, tokens of
     * both open, also after a reboot from the cached keys; once the set without the old key arrives, its tokens do
     * not.
     */
    @Test
    void opensForTokensOfEveryPublishedKeyAndNoLongerForOneDroppedFromTheSet() {
        Door door = door(TestVectors.HUB, TestVectors.ROOM, Duration.ofMinutes(15));
        SigningKey old = new SigningKey(1, Ed25519Keys.generate());
        SigningKey fresh = new SigningKey(2, Ed25519Keys.generate());
        Instant now = clock.instant();
        java.util.function.Function<SigningKey, String> booking = key -> new TokenSigner(key).sign(
                AccessToken.booking(key.kid(), 40 + key.kid(), TestVectors.HUB, TestVectors.ROOM, now.minusSeconds(60),
                        now.plusSeconds(3600)));
        keys.keysArrived(codec.encode(TokenVerifier.publish(clock.millis(), List.of(fresh, old))));
        scan(door, booking.apply(old));
        scan(door, booking.apply(fresh));
        assertEquals(2, granted(), "both keys open");

        AccessKeys rebooted = new AccessKeys(dir, codec);
        assertEquals(2, rebooted.keyCount(), "the cached set holds both");

        keys.keysArrived(codec.encode(TokenVerifier.publish(clock.millis(), List.of(fresh))));
        scan(door, booking.apply(old));
        assertTrue(lastEvent().contains("\"reason\":\"UNKNOWN_KEY\""), lastEvent());
        scan(door, booking.apply(fresh));
        assertEquals(3, granted(), "the retired key no longer opens, the new one does");
    }

    private long granted() {
        return outboxEvents().stream().filter(e -> e.contains("\"type\":\"access.granted\"")).count();
    }

    @Test
    void aThousandRandomMutationsOfAValidTokenNeverOpen() {
        TestVectors.Case valid = VECTORS.cases().getFirst();
        assertEquals(Verdict.VALID, valid.verdict());
        clock.set(Instant.ofEpochSecond(valid.context().now()));
        Door door = door(valid.context().hub(), valid.context().room(), Duration.ofSeconds(900));
        scan(door, valid.token());
        assertEquals(1, unlocks.get(), "the unmutated token opens");
        unlocks.set(0);
        Random random = new Random(42);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        int mutations = 0;
        while (mutations < 1000) {
            String mutated = mutate(valid.token(), alphabet, random);
            if (mutated.strip().equals(valid.token())) {
                continue;
            }
            scan(door, mutated);
            mutations++;
        }
        assertEquals(0, unlocks.get(), "no mutation moved the relay");
        assertEquals(0, outboxEvents().stream().filter(e -> e.contains("access.granted")).count() - 1,
                "only the one unmutated scan was granted");
    }

    @Test
    void relocksAfterThePulse() throws InterruptedException {
        TestVectors.Case valid = VECTORS.cases().getFirst();
        clock.set(Instant.ofEpochSecond(valid.context().now()));
        Door door = door(valid.context().hub(), valid.context().room(), Duration.ofSeconds(900));
        DigitalOutput pin = board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN), DigitalOutput.class);
        CountDownLatch relocked = new CountDownLatch(1);
        pin.addListener(e -> {
            if (e.state() == DigitalState.LOW) {
                relocked.countDown();
            }
        });
        long start = System.nanoTime();
        scan(door, valid.token());
        assertEquals(DigitalState.HIGH, pin.state());
        assertTrue(relocked.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "held open for the pulse");
        assertEquals(DigitalState.LOW, pin.state());
    }

    @Test
    void anUntrustedClockRefusesAndSaysWhyOnce() {
        TestVectors.Case valid = VECTORS.cases().getFirst();
        clock.set(Instant.ofEpochSecond(valid.context().now()));
        trusted.set(false);
        Door door = door(valid.context().hub(), valid.context().room(), Duration.ofSeconds(900));
        scan(door, valid.token());
        scan(door, valid.token());
        assertEquals(0, unlocks.get());
        List<String> events = outboxEvents();
        assertEquals(2, events.stream().filter(e -> e.contains("\"reason\":\"CLOCK_UNTRUSTED\"")).count());
        assertEquals(1, events.stream().filter(e -> e.contains("clock.untrusted")).count());
    }

    @Test
    void keysSurviveARestartThroughTheDiskCache() {
        AccessKeys reloaded = new AccessKeys(dir, codec);
        assertEquals(2, reloaded.keyCount());
        TestVectors.Case valid = VECTORS.cases().getFirst();
        assertTrue(reloaded.verifier().verify(valid.token(), valid.context().toVerifyContext()).valid());
    }

    @Test
    void aBadKeysMessageKeepsTheLastGoodKeys() {
        keys.keysArrived("[{\"kid\":1}]".getBytes());
        keys.keysArrived("not json".getBytes());
        assertEquals(2, keys.keyCount());
        assertEquals(2, new AccessKeys(dir, codec).keyCount(), "the cache was not overwritten");
    }

    private static String mutate(String token, String alphabet, Random random) {
        StringBuilder b = new StringBuilder(token);
        int at = random.nextInt(token.length());
        switch (random.nextInt(5)) {
            case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 1 -> b.deleteCharAt(at);
            case 2 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 3 -> b.setLength(at);
            default -> {
                int other = random.nextInt(token.length());
                char c = b.charAt(at);
                b.setCharAt(at, b.charAt(other));
                b.setCharAt(other, c);
            }
        }
        return b.toString();
    }

    private List<String> outboxEvents() {
        return TestAgents.outboxPayloads(dir.resolve("outbox.db"));
    }

    private String lastEvent() {
        List<String> events = outboxEvents();
        assertFalse(events.isEmpty());
        String last = events.getLast();
        assertNotEquals(null, last);
        return last;
    }
}
