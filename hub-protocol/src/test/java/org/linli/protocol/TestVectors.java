package org.linli.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.VerifyContext;

/**
 * The shared token test vectors ({@code org/linli/protocol/test-vectors.json} in hub-protocol's test-jar): fixed
 * seed keys, token texts, the context they are checked in and the verdict every verifier must reach. Any module's
 * tests load them with {@link #load()}. {@link #main} writes the file anew; a test checks it still matches.
 */
public record TestVectors(String description, List<Key> keys, String foreignSeedHex, List<Case> cases) {
    public static final String RESOURCE = "/org/linli/protocol/test-vectors.json";
    public static final String HUB = "xh-wt66";
    public static final String ROOM = "wt66-r101";
    public static final String OTHER_ROOM = "wt66-r102";
    public static final String OTHER_HUB = "xh-ys";

    /** A signing key by its seed; {@code published} keys are the ones a door knows. */
    public record Key(int kid, String seedHex, String publicKey, boolean published) {
        public SigningKey signingKey() {
            return new SigningKey(kid, Ed25519Keys.fromSeed(HexFormat.of().parseHex(seedHex)));
        }
    }

    /** Where and when the token is checked. */
    public record Context(String hub, String room, long now, boolean clockTrusted, List<String> revoked,
            long graceSeconds) {
        public VerifyContext toVerifyContext() {
            return new VerifyContext(hub, room, Instant.ofEpochSecond(now), clockTrusted, Set.copyOf(revoked),
                    Duration.ofSeconds(graceSeconds));
        }
    }

    public record Case(String name, String token, Context context, Verdict verdict) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static TestVectors load() {
        try (InputStream in = TestVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (hub-protocol test-jar)");
            }
            return JSON.readValue(in, TestVectors.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A verifier that knows the published keys, as a door of the vectors' hub would. */
    public TokenVerifier verifier() {
        Map<Integer, PublicKey> published = new HashMap<>();
        keys.stream().filter(Key::published).forEach(k -> published.put(k.kid(), k.signingKey().publicKey()));
        return new TokenVerifier(published);
    }

    public SigningKey key(int kid) {
        return keys.stream().filter(k -> k.kid() == kid).findFirst().orElseThrow().signingKey();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the vectors from their fixed seeds; deterministic (Ed25519 signatures are). */
    public static TestVectors generate() {
        List<Key> keys = List.of(key(1, "01"), key(2, "02"), key(7, "07", false));
        String foreignSeed = seed("ff");
        SigningKey k1 = keys.get(0).signingKey();
        SigningKey k2 = keys.get(1).signingKey();
        SigningKey unpublished = keys.get(2).signingKey();
        SigningKey foreign = new SigningKey(1, Ed25519Keys.fromSeed(HexFormat.of().parseHex(foreignSeed)));

        Instant start = OffsetDateTime.parse("2026-12-01T09:00:00+08:00").toInstant();
        Instant end = start.plus(Duration.ofHours(2));
        long during = start.plusSeconds(1800).getEpochSecond();
        long grace = 900;
        String booking = sign(k1, AccessToken.booking(1, 4711, HUB, ROOM, start, end));
        String bookingK2 = sign(k2, AccessToken.booking(2, 4712, HUB, ROOM, start, end));
        String resident = sign(k1, AccessToken.resident(1, 0x5EED_CAFE_0001L, HUB, start.minus(Duration.ofDays(30)),
                start.plus(Duration.ofDays(335))));
        String longest = sign(k2, new AccessToken(1, org.linli.protocol.token.TokenType.BOOKING, 0xffff - 65533,
                Long.MAX_VALUE, -1, -1, 0xffff_fff0L, 0xffff_ffffL));

        List<Case> cases = new ArrayList<>();
        Context door = new Context(HUB, ROOM, during, true, List.of(), grace);
        cases.add(new Case("valid booking during its window", booking, door, Verdict.VALID));
        cases.add(new Case("valid booking signed with the rotated key 2", bookingK2, door, Verdict.VALID));
        cases.add(new Case("valid within the grace before the start", booking,
                at(door, start.getEpochSecond() - grace), Verdict.VALID));
        cases.add(new Case("one second before the grace starts", booking,
                at(door, start.getEpochSecond() - grace - 1), Verdict.NOT_YET_VALID));
        cases.add(new Case("the day before", booking, at(door, start.getEpochSecond() - 86_400),
                Verdict.NOT_YET_VALID));
        cases.add(new Case("last second of the window", booking, at(door, end.getEpochSecond() - 1), Verdict.VALID));
        cases.add(new Case("at the end of the window", booking, at(door, end.getEpochSecond()), Verdict.EXPIRED));
        cases.add(new Case("a week later", booking, at(door, end.getEpochSecond() + 7 * 86_400), Verdict.EXPIRED));
        cases.add(new Case("another room's door", booking,
                new Context(HUB, OTHER_ROOM, during, true, List.of(), grace), Verdict.WRONG_ROOM));
        cases.add(new Case("another hub's door", booking,
                new Context(OTHER_HUB, ROOM, during, true, List.of(), grace), Verdict.WRONG_HUB));
        cases.add(new Case("cancelled booking", booking,
                new Context(HUB, ROOM, during, true, List.of("4711"), grace), Verdict.REVOKED));
        cases.add(new Case("another booking cancelled", booking,
                new Context(HUB, ROOM, during, true, List.of("4712"), grace), Verdict.VALID));
        cases.add(new Case("door whose clock is unknown", booking,
                new Context(HUB, ROOM, during, false, List.of(), grace), Verdict.CLOCK_UNTRUSTED));
        cases.add(new Case("signed with a key that is not published", sign(unpublished,
                AccessToken.booking(7, 4711, HUB, ROOM, start, end)), door, Verdict.UNKNOWN_KEY));
        cases.add(new Case("forged: right kid, another private key", sign(foreign,
                AccessToken.booking(1, 4711, HUB, ROOM, start, end)), door, Verdict.BAD_SIGNATURE));
        cases.add(new Case("tampered: booking id changed after signing", swapChar(booking, 10), door,
                Verdict.BAD_SIGNATURE));
        cases.add(new Case("tampered: signature changed", swapChar(booking, 120), door, Verdict.BAD_SIGNATURE));
        cases.add(new Case("truncated", booking.substring(0, booking.length() - 3), door, Verdict.MALFORMED));
        cases.add(new Case("wrong prefix", "LL2:" + booking.substring(4), door, Verdict.MALFORMED));
        cases.add(new Case("lower case", booking.toLowerCase(java.util.Locale.ROOT), door, Verdict.MALFORMED));
        cases.add(new Case("empty", "", door, Verdict.MALFORMED));
        cases.add(new Case("a web address", "https://example.org/booking/4711", door, Verdict.MALFORMED));
        cases.add(new Case("not Base45", booking.substring(0, 20) + "#" + booking.substring(21), door,
                Verdict.MALFORMED));
        cases.add(new Case("surrounding white space is ignored", "  " + booking + "\r\n", door, Verdict.VALID));
        Context kiosk = new Context(HUB, null, during, true, List.of(), 0);
        cases.add(new Case("resident card at the kiosk", resident, kiosk, Verdict.VALID));
        cases.add(new Case("booking at the kiosk", booking, kiosk, Verdict.VALID));
        cases.add(new Case("resident card at a door", resident, door, Verdict.WRONG_ROOM));
        cases.add(new Case("resident card at another hub's kiosk", resident,
                new Context(OTHER_HUB, null, during, true, List.of(), 0), Verdict.WRONG_HUB));
        cases.add(new Case("resident card after its expiry", resident,
                at(kiosk, start.plus(Duration.ofDays(400)).getEpochSecond()), Verdict.EXPIRED));
        cases.add(new Case("longest token (all fields at their maximum) is well formed", longest,
                new Context(HUB, ROOM, during, true, List.of(), grace), Verdict.WRONG_HUB));
        return new TestVectors("Linli access-token test vectors. Keys are Ed25519 from the given 32-byte seeds;"
                + " 'published' keys are the ones a verifier knows; times are epoch seconds.",
                keys, foreignSeed, cases);
    }

    private static Context at(Context context, long now) {
        return new Context(context.hub(), context.room(), now, context.clockTrusted(), context.revoked(),
                context.graceSeconds());
    }

    private static String swapChar(String token, int index) {
        char c = token.charAt(index);
        char replacement = c == '0' ? '1' : '0';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }

    private static Key key(int kid, String fill) {
        return key(kid, fill, true);
    }

    private static Key key(int kid, String fill, boolean published) {
        String seed = seed(fill);
        SigningKey signing = new SigningKey(kid, Ed25519Keys.fromSeed(HexFormat.of().parseHex(seed)));
        return new Key(kid, seed, Ed25519Keys.rawPublicBase64(signing.publicKey()), published);
    }

    private static String seed(String fill) {
        return fill.repeat(32);
    }

    private static String sign(SigningKey key, AccessToken token) {
        return new TokenSigner(key).sign(token);
    }

    /** Writes the vectors file: {@code TestVectors src/test/resources/org/linli/protocol/test-vectors.json}. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), generate().toJson());
    }
}
