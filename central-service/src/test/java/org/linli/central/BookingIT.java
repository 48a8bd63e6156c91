package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.protocol.qr.QrFrameDecoder;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.token.TokenVerifier;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.VerifyContext;
import org.linli.protocol.testing.HubTime;

/** Bookings at every {@link HubTime}: five past midnight, before opening, noon, five to midnight, ... in three zones. */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#matrix")
class BookingIT {
    @Parameter
    HubTime time;
    @TempDir
    static Path dir;
    static Path data;
    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(HubTime time) throws Exception {
        data = java.nio.file.Files.createTempDirectory(dir, "data");
        server = TestServer.start(data, time);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A booking of a room tomorrow in the hub, from the hour for one hour. */
    static Map<String, Object> booking(TestServer server, String room, int hour, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("room", room);
        body.put("start", server.tomorrowAt(hour, 0).toString());
        body.put("end", server.tomorrowAt(hour + 1, 0).toString());
        body.put("phone", phone);
        body.put("attendees", 4);
        body.put("purpose", "reading group");
        return body;
    }

    @Test
    void booksARoomAndIssuesATokenADoorAccepts() {
        TestServer.Response created = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "studio", 10, "13800138000"));
        assertEquals(201, created.status(), created.text());
        JsonNode body = created.json();
        assertEquals("active", body.get("status").asText());
        assertEquals("studio", body.get("room").asText());
        String token = body.get("token").asText();
        assertTrue(token.startsWith("LL1:"));

        KeysPayload keys = new KeysPayload(0, java.util.List.of(new KeysPayload.PublicKeyEntry(
                server.get("/api/v1/hubs/wutong66/keys", null).json().get(0).get("kid").asText(), "Ed25519",
                server.get("/api/v1/hubs/wutong66/keys", null).json().get(0).get("key").asText())));
        // the door's answer before, during and after the booking's hours in the hub, wherever the hub is
        java.util.function.Function<Instant, Verdict> door = at -> TokenVerifier.of(keys).verify(token,
                VerifyContext.door("wutong66", "studio", at, true, Set.of(), java.time.Duration.ofMinutes(5)))
                .verdict();
        assertEquals(Verdict.NOT_YET_VALID, door.apply(server.clock().instant()));
        assertEquals(Verdict.NOT_YET_VALID, door.apply(server.tomorrowAt(9, 54).toInstant()));
        assertEquals(Verdict.VALID, door.apply(server.tomorrowAt(9, 56).toInstant()), "within the door's grace");
        assertEquals(Verdict.VALID, door.apply(server.tomorrowAt(10, 30).toInstant()));
        assertEquals(Verdict.EXPIRED, door.apply(server.tomorrowAt(11, 0).toInstant()));

        server.clock().advance(HubTime.MIDWAY);
        long id = body.get("id").asLong();
        TestServer.Response read = server.get("/api/v1/bookings/" + id, server.operatorToken());
        assertEquals(200, read.status());
        assertEquals("8000", read.json().get("phoneLast4").asText());
    }

    @Test
    void qrCodeDecodesToTheBookingToken() throws Exception {
        TestServer.Response created = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "studio", 12, "13800138001"));
        assertEquals(201, created.status(), created.text());
        TestServer.Response png = server.get("/api/v1/bookings/" + created.json().get("id").asLong() + "/qr.png",
                server.operatorToken());
        assertEquals(200, png.status());
        assertEquals("image/png", png.contentType());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        byte[] luma = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                luma[y * image.getWidth() + x] = (byte) (image.getRGB(x, y) & 0xff);
            }
        }
        assertEquals(created.json().get("token").asText(),
                new QrFrameDecoder().decode(luma, image.getWidth(), image.getHeight()).orElseThrow());
    }

    @Test
    void takenSlotIsAConflictAndShowsAsTakenInAvailability() {
        assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "reading-room", 14, "13800138002")).status());
        TestServer.Response again = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "reading-room", 14, "13800138003"));
        assertEquals(409, again.status());
        assertEquals("application/problem+json", again.contentType());
        JsonNode availability = server.get("/api/v1/rooms/reading-room/availability?date="
                + server.tomorrowAt(0, 0).toLocalDate(), server.kioskKey()).json();
        boolean sawTaken = false;
        for (JsonNode slot : availability.get("slots")) {
            OffsetDateTime start = OffsetDateTime.parse(slot.get("start").asText());
            assertEquals(server.tomorrowAt(0, 0).getOffset(), start.getOffset(), "in the hub's zone: " + slot);
            if (start.isEqual(server.tomorrowAt(14, 0))) {
                assertFalse(slot.get("free").asBoolean());
                sawTaken = true;
            }
        }
        assertTrue(sawTaken, availability.toString());
    }

    @Test
    void todaysSlotsAreTheHubsOwnAndOnlyTheOnesStillAheadCanBeBooked() {
        JsonNode rules = null;
        for (JsonNode room : server.get("/api/v1/hubs/wutong66", null).json().get("rooms")) {
            if (room.get("id").asText().equals("studio")) {
                rules = room.get("rules");
            }
        }
        Instant now = server.clock().instant();
        Instant earliest = now.plus(java.time.Duration.ofMinutes(rules.get("leadMinutes").asInt()));
        JsonNode slots = server.get("/api/v1/rooms/studio/availability?date=" + server.today(), server.kioskKey())
                .json().get("slots");
        // the hub's day, in the hub's zone: 08:00 to 21:00 there, whatever the machine's zone and date
        assertEquals(server.today().atTime(8, 0).atZone(server.zone()).toOffsetDateTime(),
                OffsetDateTime.parse(slots.get(0).get("start").asText()));
        assertEquals(server.today().atTime(21, 0).atZone(server.zone()).toOffsetDateTime(),
                OffsetDateTime.parse(slots.get(slots.size() - 1).get("end").asText()));
        JsonNode past = null;
        JsonNode ahead = null;
        for (JsonNode slot : slots) {
            Instant start = OffsetDateTime.parse(slot.get("start").asText()).toInstant();
            if (!start.isAfter(now)) {
                past = slot;
            } else if (ahead == null && !start.isBefore(earliest)) {
                ahead = slot;
            }
        }
        String phone = "13800138020";
        if (past != null) {
            TestServer.Response refused = server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "studio",
                    "start", past.get("start").asText(), "end", past.get("end").asText(), "phone", phone,
                    "attendees", 2));
            assertEquals(422, refused.status(), refused.text());
            assertTrue(refused.json().get("type").asText().endsWith("in-the-past"), refused.text());
        }
        if (ahead != null) {
            TestServer.Response made = server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "studio",
                    "start", ahead.get("start").asText(), "end", ahead.get("end").asText(), "phone", phone,
                    "attendees", 2));
            assertEquals(201, made.status(), made.text());
        }
        LocalTime hour = server.clock().hubNow().toLocalTime();
        assertEquals(hour.isBefore(LocalTime.of(8, 0)), past == null, "nothing is past before the hub opens");
        if (hour.isBefore(LocalTime.of(20, 0))) {
            assertTrue(ahead != null, "slots are left until the hub's last hour");
        } else if (hour.isAfter(LocalTime.of(21, 0))) {
            assertTrue(ahead == null, "nothing is left after closing");
        }
    }

    @Test
    void idempotencyKeyReplaysTheSameBookingAndRefusesAnotherBody() {
        Map<String, String> key = Map.of("Idempotency-Key", "kiosk-retry-1");
        String body = new String(org.linli.central.web.Json.bytes(booking(server, "classroom", 9, "13800138004")));
        TestServer.Response first = server.postRaw("/api/v1/bookings", server.kioskKey(), body, key);
        TestServer.Response second = server.postRaw("/api/v1/bookings", server.kioskKey(), body, key);
        assertEquals(201, first.status(), first.text());
        assertEquals(200, second.status(), second.text());
        assertEquals(first.json().get("id"), second.json().get("id"));
        assertEquals(first.json().get("token"), second.json().get("token"));
        String other = new String(org.linli.central.web.Json.bytes(booking(server, "classroom", 11, "13800138004")));
        assertEquals(422, server.postRaw("/api/v1/bookings", server.kioskKey(), other, key).status());
    }

    @Test
    void cancellingRevokesTheToken() {
        TestServer.Response created = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "council-hall", 15, "13800138005"));
        long id = created.json().get("id").asLong();
        TestServer.Response cancelled = server.delete("/api/v1/bookings/" + id, server.operatorToken());
        assertEquals(200, cancelled.status());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        JsonNode revoked = server.get("/api/v1/hubs/wutong66/revoked", server.operatorToken()).json();
        assertTrue(revoked.get("bookings").toString().contains("\"" + id + "\""), revoked.toString());
        // the slot is free again
        assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "council-hall", 15, "13800138006")).status());
    }

    /**
     * Finding H3: a kiosk key (on a lobby Pi's SD card) or a counter account got the door QR of every booking of the
     * hub, read them and cancelled them, by walking consecutive ids. Now ids cannot be guessed and only staff of the
     * hub reach a booking by its id; the QR is in the answer to the booking alone.
     */
    @Test
    void aKioskKeyOrACounterNeverReadsCancelsOrGetsTheQrOfABookingByItsId() {
        TestServer.Response first = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "reading-room", 9, "13800138011"));
        TestServer.Response second = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "reading-room", 10, "13800138012"));
        assertEquals(201, first.status(), first.text());
        long id = first.json().get("id").asLong();
        long next = second.json().get("id").asLong();
        assertTrue(Math.abs(next - id) > 1_000_000L, id + " then " + next);
        assertTrue(id > 0 && id < (1L << 53) && next > 0 && next < (1L << 53), id + ", " + next);
        for (String bearer : new String[] {server.kioskKey(), server.counterToken()}) {
            assertEquals(403, server.get("/api/v1/bookings/" + id, bearer).status());
            assertEquals(403, server.get("/api/v1/bookings/" + id + "/qr.png", bearer).status());
            assertEquals(403, server.delete("/api/v1/bookings/" + id, bearer).status());
        }
        assertEquals("active", server.get("/api/v1/bookings/" + id, server.operatorToken()).json().get("status")
                .asText());
        assertEquals(200, server.get("/api/v1/bookings/" + id + "/qr.png", server.operatorToken()).status());
    }

    /** A resident cancels at the kiosk by showing the booking's QR: proof that the booking is theirs. */
    @Test
    void aResidentCancelsAtTheKioskByShowingTheBookingsQr() {
        TestServer.Response created = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "reading-room", 14, "13800138013"));
        String token = created.json().get("token").asText();
        TestServer.Response forged = server.post("/api/v1/bookings/cancel", server.kioskKey(),
                Map.of("token", token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA")));
        assertEquals(422, forged.status(), forged.text());
        assertEquals(422, server.post("/api/v1/bookings/cancel", server.kioskKey(), Map.of("token", "LL1:nothing"))
                .status());
        TestServer.Response cancelled = server.post("/api/v1/bookings/cancel", server.kioskKey(),
                Map.of("token", token));
        assertEquals(200, cancelled.status(), cancelled.text());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        assertEquals(created.json().get("id").asLong(), cancelled.json().get("id").asLong());
        assertTrue(cancelled.json().path("phoneLast4").isMissingNode(), cancelled.text());
        assertEquals("cancelled", server.get("/api/v1/bookings/" + created.json().get("id").asLong(),
                server.operatorToken()).json().get("status").asText());
    }

    @Test
    void residentCardBooksWithoutAPhone() {
        TestServer.Response card = server.post("/api/v1/residents/card", server.kioskKey(),
                Map.of("phone", "+86 138 0013 8007"));
        assertEquals(201, card.status(), card.text());
        assertEquals("8007", card.json().get("phoneLast4").asText());
        Map<String, Object> body = booking(server, "activity-room", 16, null);
        body.remove("phone");
        body.put("residentToken", card.json().get("token").asText());
        TestServer.Response created = server.post("/api/v1/bookings", server.kioskKey(), body);
        assertEquals(201, created.status(), created.text());
        assertEquals("8007", server.get("/api/v1/bookings/" + created.json().get("id").asLong(),
                server.operatorToken()).json().get("phoneLast4").asText());
    }

    @Test
    void oneResidentHoldsAtMostTheAllowedNumberOfBookings() {
        String phone = "13800138008";
        for (int hour = 8; hour < 11; hour++) {
            assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(),
                    booking(server, "activity-room", hour, phone)).status());
        }
        TestServer.Response fourth = server.post("/api/v1/bookings", server.kioskKey(),
                booking(server, "activity-room", 11, phone));
        assertEquals(422, fourth.status());
        assertTrue(fourth.json().get("type").asText().endsWith("too-many-bookings"));
    }

    @Test
    void bookingsSurviveARestartAndTokensStillVerify() {
        Map<String, Object> body = booking(server, "roof-terrace", 17, "13800138009");
        TestServer.Response created = server.post("/api/v1/bookings", server.kioskKey(), body);
        long id = created.json().get("id").asLong();
        String keyBefore = server.get("/api/v1/hubs/wutong66/keys", null).json().get(0).get("key").asText();
        server.restart(HubTime.MIDWAY); // down for two minutes, perhaps over midnight
        TestServer.Response read = server.get("/api/v1/bookings/" + id, server.operatorToken());
        assertEquals(200, read.status());
        assertEquals("active", read.json().get("status").asText());
        assertEquals(keyBefore, server.get("/api/v1/hubs/wutong66/keys", null).json().get(0).get("key").asText());
        // the same hour, which after midnight is today's rather than tomorrow's
        body.put("phone", "13800138010");
        assertEquals(409, server.post("/api/v1/bookings", server.kioskKey(), body).status());
    }

    @Test
    void theDatabaseHoldsNoPhoneNumberInClear() throws Exception {
        server.post("/api/v1/bookings", server.kioskKey(), booking(server, "classroom", 19, "13912345678"));
        String all = server.everythingStored();
        assertFalse(all.contains("13912345678"));
        assertFalse(all.contains("912345678"));
    }
}
