package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.live.Brokers;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.VerifyContext;

/**
 * {@code ./linli central keys rotate} against a running service on a real broker (decision 0021): the doors get the
 * new key set at once, new tokens carry the new kid, tokens signed before still open until their key retires, and
 * {@code --retire-now} drops the old key at once and says how many bookings lose their QR.
 */
class KeyRotationIT {
    private static final String HUB = TestServer.HUB;
    private static final String ROOM = "studio";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run command(String... args) {
        return command(HubTime.noon().clock(), args);
    }

    /**
     * {@code keys rotate} beside a running service, with its data directory and, when it runs on PostgreSQL, a
     * configuration naming its database (as a site's {@code --config /etc/linli/central.yaml} does).
     */
    private static Run rotate(TestServer server, boolean retireNow) throws java.io.IOException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("keys", "rotate"));
        if (retireNow) {
            args.add("--retire-now");
        }
        args.addAll(java.util.List.of("--data", server.dataDir().toString()));
        args.addAll(TestServer.databaseArgs(server.dataDir().getParent(), server.components().settings().dbUrl()));
        return command(server.clock(), args.toArray(String[]::new));
    }

    /** The command, on the clock of the service it runs beside. */
    private static Run command(java.time.Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Tools(new BufferedReader(new StringReader("")), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock, java.util.Locale.ENGLISH).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Set<Integer> kids(byte[] keys, PayloadCodec codec) {
        Set<Integer> kids = new TreeSet<>();
        decode(keys, codec).keys().forEach(k -> kids.add(Integer.parseInt(k.kid())));
        return kids;
    }

    private static KeysPayload decode(byte[] keys, PayloadCodec codec) {
        try {
            return codec.decodeKeys(keys);
        } catch (PayloadException e) {
            throw new AssertionError("the doors would refuse the keys message: " + e.getMessage(), e);
        }
    }

    /** The door's verdict on a token at a time, with the key set the broker holds for the hub's doors. */
    private static Verdict atTheDoor(byte[] keys, PayloadCodec codec, String token, Instant at) {
        KeysPayload published = decode(keys, codec);
        return TokenVerifier.of(published).verify(token,
                VerifyContext.door(HUB, ROOM, at, true, Set.of(), Duration.ofMinutes(15))).verdict();
    }

    private static byte[] keysWith(MosquittoBroker broker, PayloadCodec codec, Set<Integer> wanted) throws Exception {
        Predicate<byte[]> exactly = message -> kids(message, codec).equals(wanted);
        return Brokers.awaitRetained(broker, Topics.accessKeys(HUB), exactly);
    }

    private static TestServer.Response book(TestServer server, int hour, String phone) {
        TestServer.Response booked = server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, ROOM, hour, phone));
        assertEquals(201, booked.status(), booked.text());
        return booked;
    }

    @Test
    void aRotatedKeyKeepsOldBookingsOpeningUntilItRetiresAndNewBookingsCarryTheNextKid() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-rotation-it"), HubTime.noon().clock())) {
            PayloadCodec codec = new PayloadCodec(server.clock());
            keysWith(broker, codec, Set.of(1));
            String before = book(server, 10, "13800138031").json().get("token").asText();
            String card = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13800138032"))
                    .json().get("token").asText();
            assertEquals(1, TokenFormat.parse(before).kid());

            Run rotated = rotate(server, false);
            assertEquals(0, rotated.status(), rotated.err());
            assertTrue(rotated.out().contains("New signing key 2 written (it was 1)"), rotated.out());
            TestServer.Response audit = server.get("/api/v1/audit?action=keys", server.adminToken());
            assertEquals(200, audit.status(), audit.text());
            assertTrue(audit.text().contains("\"CLI keys rotate\"") && audit.text().contains("key 1 -> 2")
                    && audit.text().contains("\"console\""), audit.text());
            Path file = server.dataDir().resolve("signing-key.properties");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

            // the doors get both keys without anyone restarting anything
            byte[] both = keysWith(broker, codec, Set.of(1, 2));
            TestServer.Response after = book(server, 14, "13800138033");
            String afterToken = after.json().get("token").asText();
            assertEquals(2, TokenFormat.parse(afterToken).kid());
            Instant tomorrow1005 = server.tomorrowAt(10, 5).toInstant();
            assertEquals(Verdict.VALID, atTheDoor(both, codec, before, tomorrow1005));
            assertEquals(Verdict.VALID, atTheDoor(both, codec, afterToken, server.tomorrowAt(14, 5).toInstant()));
            assertEquals(2, TokenFormat.parse(server.post("/api/v1/residents/card", server.kioskKey(),
                    Map.of("phone", "13800138034")).json().get("token").asText()).kid());

            // the booking of before still checks in at a kiosk, and so does the card of before
            server.clock().set(tomorrow1005);
            TestServer.Response used = server.post("/api/v1/checkins", server.kioskKey(), Map.of("token", before));
            assertEquals(201, used.status(), used.text());
            assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(), Map.of("token", card)).status());

            // once key 1's doors-until has passed, the doors lose it, by the service's clock alone
            Properties written = new Properties();
            written.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
            Instant doorsUntil = Instant.parse(written.getProperty("retiring.1.doors-until"));
            Instant cardsUntil = Instant.parse(written.getProperty("retiring.1.cards-until"));
            assertTrue(rotated.out().contains(doorsUntil.toString()), rotated.out());
            assertTrue(!doorsUntil.isBefore(server.tomorrowAt(11, 0).toInstant()), "not before the booking's end");
            server.clock().set(doorsUntil);
            byte[] onlyNew = keysWith(broker, codec, Set.of(2));
            assertEquals(Verdict.UNKNOWN_KEY, atTheDoor(onlyNew, codec, before, doorsUntil));
            assertEquals(Verdict.UNKNOWN_KEY, server.components().keys().verifyAtKiosk(before, HUB).verdict());
            // a resident card lives longer than a booking: the kiosk still takes the card of before, then not
            assertEquals(Verdict.VALID, server.components().keys().verifyAtKiosk(card, HUB).verdict());
            server.clock().set(cardsUntil);
            assertEquals(Verdict.UNKNOWN_KEY, server.components().keys().verifyAtKiosk(card, HUB).verdict());

            // a second rotation drops key 1 from the file for good and keeps key 2 retiring
            Run again = rotate(server, false);
            assertEquals(0, again.status(), again.err());
            keysWith(broker, codec, Set.of(2, 3));
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertTrue(!text.contains("retiring.1.") && text.contains("retiring.2.seed"), text);
        }
    }

    @Test
    void retiringAtOnceDropsTheOldKeyFromTheDoorsAndCountsTheBookingsThatLoseTheirQr() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-rotation-now-it"), HubTime.noon().clock())) {
            PayloadCodec codec = new PayloadCodec(server.clock());
            keysWith(broker, codec, Set.of(1));
            TestServer.Response booked = book(server, 10, "13800138041");
            String leaked = booked.json().get("token").asText();
            book(server, 15, "13800138042");
            String card = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13800138043"))
                    .json().get("token").asText();

            Run rotated = rotate(server, true);
            assertEquals(0, rotated.status(), rotated.err());
            assertTrue(rotated.out().contains("Key 1 (and any older key still retiring) is no longer accepted anywhere."
                    + " 2 bookings not yet ended"),
                    rotated.out());
            assertTrue(rotated.out().contains(HUB + ": 2 bookings"), rotated.out());

            byte[] onlyNew = keysWith(broker, codec, Set.of(2));
            Instant tomorrow1005 = server.tomorrowAt(10, 5).toInstant();
            assertEquals(Verdict.UNKNOWN_KEY, atTheDoor(onlyNew, codec, leaked, tomorrow1005));
            assertEquals(Verdict.UNKNOWN_KEY, server.components().keys().verifyAtKiosk(card, HUB).verdict());
            // the booking itself is still there: its QR, signed anew, opens with the new key
            long id = booked.json().get("id").asLong();
            String fresh = server.components().bookings().token(server.components().bookings().find(id).orElseThrow());
            assertEquals(2, TokenFormat.parse(fresh).kid());
            assertEquals(Verdict.VALID, atTheDoor(onlyNew, codec, fresh, tomorrow1005));
            assertTrue(!Files.readString(server.dataDir().resolve("signing-key.properties"),
                    StandardCharsets.ISO_8859_1).contains("retiring."));
        }
    }

    /** {@code sudo} without {@code -u linli}: the file must stay the service's, or it cannot read its own key. */
    @Test
    void theKeyFileStaysTheServicesWhenRootRotatesIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root can hand a file to another user");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Path file = server.dataDir().resolve("signing-key.properties");
            var service = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(file, service);
            Run rotated = rotate(server, false);
            assertEquals(0, rotated.status(), rotated.err());
            assertEquals(service, Files.getOwner(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).contains("retiring.1.seed"));
        }
    }

    @Test
    void refusesToRotateWithoutTheServicesDataDirectoryAndSaysWhy() throws Exception {
        Path nowhere = dir.resolve("no-such-dir");
        Run run = command("keys", "rotate", "--data", nowhere.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("There is no data directory " + nowhere.toAbsolutePath())
                && run.err().contains("--data DIR"), run.err());
        assertTrue(!Files.exists(nowhere), "nothing was made");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run noKey = command("keys", "rotate", "--data", empty.toString());
        assertEquals(1, noKey.status());
        assertTrue(noKey.err().contains("There is no signing key at " + empty.resolve("signing-key.properties")
                .toAbsolutePath()), noKey.err());
        try (var files = Files.list(empty)) {
            assertEquals(0, files.count(), "no key, no database made");
        }

        Run usage = command("keys", "turn");
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("keys needs: rotate [--retire-now]"), usage.err());
    }
}
