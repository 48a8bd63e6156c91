package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * A resident's requests at a hub's counter (PIPL, features review ★4 and 14): staff look up what Linli keeps about a
 * phone number, hand the resident a copy, lift a no-show block and erase them; each is in the audit log without the
 * phone.
 */
class ResidentRequestsIT {
    static final String HUB = TestServer.HUB;
    static final String PHONE = "13800138001";
    static final String LOOKUP = "/api/v1/hubs/" + HUB + "/residents/lookup";

    @TempDir
    Path dir;

    private static TestServer.Response book(TestServer server, String phone, String room, int hour) {
        return server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", room,
                "start", server.tomorrowAt(hour, 0).toString(), "end", server.tomorrowAt(hour, 30).toString(),
                "phone", phone, "attendees", 1, "purpose", "Zhang family"));
    }

    private static long created(TestServer.Response r) {
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asLong();
    }

    private static JsonNode lookup(TestServer server, String phone) {
        TestServer.Response r = server.post(LOOKUP, server.operatorToken(), Map.of("phone", phone));
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private static String text(TestServer server, String sql) throws Exception {
        try (Connection c = server.openDatabase(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** The audit log's actions and details, oldest first, and the whole of every row as text. */
    private static List<String> audit(TestServer server, StringBuilder everything) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = server.openDatabase(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM audit ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString("action") + " " + rs.getInt("status") + " " + rs.getString("detail"));
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    // every column a phone could reach, i.e. all but the clock's (at_ms 1804651200013 is no phone)
                    String column = rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                    if (!column.equals("ts") && !column.endsWith("_ms")) {
                        everything.append(rs.getString(i)).append(' ');
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void staffSeeWhatIsKeptAboutANumberAndHandTheResidentACopy() throws Exception {
        try (TestServer server = TestServer.start(dir, HubTime.noon())) {
            long residents = server.count("SELECT count(*) FROM resident");
            // a number Linli does not know: nothing kept, and looking it up registers nobody
            assertFalse(lookup(server, PHONE).get("known").asBoolean());
            assertEquals(residents, server.count("SELECT count(*) FROM resident"));

            assertEquals(201, server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", PHONE))
                    .status());
            long booking = created(book(server, PHONE, "reading-room", 9));
            long past = created(book(server, PHONE, "reading-room", 10));
            // and one at the district hub above, which the street hub's operator does not reach
            assertEquals(200, server.put("/api/v1/rooms/hq-hall", server.adminToken(), Map.of("hub", "xuhui",
                    "nameZh", "区会议室", "nameEn", "District hall", "capacity", 10)).status());
            long elsewhere = created(server.post("/api/v1/bookings", server.adminToken(), Map.of("room", "hq-hall",
                    "start", server.tomorrowAt(11, 0).toString(), "end", server.tomorrowAt(11, 30).toString(),
                    "phone", PHONE, "attendees", 1)));
            assertEquals(200, server.delete("/api/v1/bookings/" + past, server.operatorToken()).status());
            assertEquals(201, server.post("/api/v1/activities/demo-kids-5/signups", server.kioskKey(),
                    Map.of("phone", PHONE)).status());
            long visit = created(server.post("/api/v1/checkins", server.kioskKey(),
                    Map.of("phone", "138 0013 8001", "service", "affairs")));
            assertEquals(201, server.post("/api/v1/feedback", server.kioskKey(), Map.of("checkin", visit,
                    "rating", 4, "comment", "friendly")).status());

            JsonNode kept = lookup(server, "+86 138-0013-8001");
            assertTrue(kept.get("known").asBoolean(), kept.toString());
            assertEquals("8001", kept.get("phoneLast4").asText());
            assertTrue(kept.get("card").has("issued"), kept.toString());
            assertFalse(kept.get("card").get("revoked").asBoolean());
            // counted in every hub, listed in the hubs the operator reaches
            assertEquals(2, kept.get("bookings").get("upcoming").asInt(), kept.toString());
            assertEquals(1, kept.get("bookings").get("upcomingElsewhere").asInt(), kept.toString());
            assertEquals(1, kept.get("bookings").get("past").asInt(), kept.toString());
            assertEquals(1, kept.get("bookings").get("upcomingList").size(), kept.toString());
            JsonNode listed = kept.get("bookings").get("upcomingList").get(0);
            assertEquals(booking, listed.get("id").asLong());
            assertEquals("阅览室", listed.get("roomName").get("zh").asText());
            assertEquals(server.tomorrowAt(9, 0).toString().substring(0, 16), listed.get("start").asText()
                    .substring(0, 16), "in the hub's zone");
            assertEquals("demo-kids-5", kept.get("signups").get("upcomingList").get(0).get("activity").asText());
            assertEquals(1, kept.get("checkins").asInt());
            assertEquals(1, kept.get("ratings").get("count").asInt());
            assertTrue(kept.get("ratings").get("anonymous").asBoolean());
            assertEquals(0, kept.get("noShows").get("recent").asInt());
            assertFalse(kept.get("noShows").get("blocked").asBoolean());
            assertFalse(kept.toString().contains("friendly"), "a rating's comment is not shown: " + kept);

            // a reported lost card shows as revoked
            assertEquals(200, server.post("/api/v1/residents/card/revoke", server.operatorToken(),
                    Map.of("phone", PHONE)).status());
            assertTrue(lookup(server, PHONE).get("card").get("revoked").asBoolean());

            // the resident's own copy: a JSON file, the same data in every hub
            TestServer.Response file = server.post("/api/v1/hubs/" + HUB + "/residents/export",
                    server.operatorToken(), Map.of("phone", PHONE));
            assertEquals(200, file.status(), file.text());
            assertTrue(file.json().get("about").asText().contains("8001"), file.text());
            JsonNode all = file.json().get("bookings").get("upcomingList");
            assertEquals(2, all.size(), file.text());
            assertEquals(booking, all.get(0).get("id").asLong());
            assertEquals(elsewhere, all.get(1).get("id").asLong());
            assertTrue(file.contentType().startsWith("application/json"), file.contentType());
            java.net.http.HttpResponse<String> download = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/hubs/" + HUB + "/residents/export"))
                            .header("Authorization", "Bearer " + server.operatorToken())
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + PHONE + "\"}"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(download.headers().firstValue("Content-Disposition").orElse("")
                    .matches("attachment; filename=\"linli-resident-data-\\d{4}-\\d{2}-\\d{2}\\.json\""),
                    download.headers().toString());

            // wrong numbers and wrong callers
            TestServer.Response malformed = server.post(LOOKUP, server.operatorToken(), Map.of("phone", "12ab"));
            assertEquals(400, malformed.status(), malformed.text());
            assertTrue(malformed.text().contains("\"phone\""), malformed.text());
            TestServer.Response missing = server.post(LOOKUP, server.operatorToken(), Map.of());
            assertEquals(400, missing.status(), missing.text());
            assertTrue(missing.text().contains("\"phone\""), missing.text());
            // the street hub's operator does not reach the district hub above it
            assertEquals(403, server.post("/api/v1/hubs/xuhui/residents/lookup", server.operatorToken(),
                    Map.of("phone", PHONE)).status());
            assertEquals(403, server.post(LOOKUP, server.counterToken(), Map.of("phone", PHONE)).status());
            assertEquals(403, server.post(LOOKUP, server.kioskKey(), Map.of("phone", PHONE)).status());
            assertEquals(404, server.post("/api/v1/hubs/nowhere/residents/lookup", server.adminToken(),
                    Map.of("phone", PHONE)).status());

            StringBuilder stored = new StringBuilder();
            List<String> actions = audit(server, stored);
            assertTrue(actions.contains("POST /api/v1/hubs/" + HUB + "/residents/export 200 null"), actions.toString());
            assertFalse(stored.toString().contains("0013"), "no phone in the audit log: " + stored);
        }
    }

    @Test
    void aLiftedBlockLetsTheResidentBookAtOnce() throws Exception {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of("live.no-show-rule.max", "1",
                "live.no-show-rule.block-days", "14"), clock)) {
            long missed = created(book(server, PHONE, "studio", 9));
            java.time.OffsetDateTime releasedAt = server.tomorrowAt(9, 20);
            clock.set(releasedAt.toInstant());
            assertTrue(server.components().bookings().releaseNoShow(missed, clock.instant()).isPresent());

            TestServer.Response refused = book(server, PHONE, "studio", 15);
            assertEquals(422, refused.status(), refused.text());
            assertTrue(refused.text().contains("no-show-blocked"), refused.text());
            JsonNode noShows = lookup(server, PHONE).get("noShows");
            assertEquals(1, noShows.get("recent").asInt(), noShows.toString());
            assertTrue(noShows.get("blocked").asBoolean(), noShows.toString());
            assertTrue(noShows.get("blockedUntil").asText().startsWith(
                    releasedAt.plusDays(14).toLocalDate().toString()), noShows.toString());

            String lift = "/api/v1/hubs/" + HUB + "/residents/lift-block";
            TestServer.Response noReason = server.post(lift, server.operatorToken(), Map.of("phone", PHONE));
            assertEquals(400, noReason.status(), noReason.text());
            assertTrue(noReason.text().contains("\"reason\""), noReason.text());
            TestServer.Response phoneInReason = server.post(lift, server.operatorToken(), Map.of("phone", PHONE,
                    "reason", "called from 13800138001"));
            assertEquals(400, phoneInReason.status(), phoneInReason.text());
            assertTrue(phoneInReason.text().contains("\"reason\""), phoneInReason.text());
            assertEquals(404, server.post(lift, server.operatorToken(), Map.of("phone", "13900009999",
                    "reason", "ill")).status());

            TestServer.Response lifted = server.post(lift, server.operatorToken(), Map.of("phone", PHONE,
                    "reason", "was in hospital"));
            assertEquals(200, lifted.status(), lifted.text());
            assertTrue(lifted.json().get("wasBlocked").asBoolean());
            assertEquals(201, book(server, PHONE, "studio", 15).status(), "booking again at once");
            noShows = lookup(server, PHONE).get("noShows");
            assertFalse(noShows.get("blocked").asBoolean(), noShows.toString());
            assertTrue(noShows.has("liftedAt"), noShows.toString());
            // the no-show itself stays for the hub's figures
            assertEquals(1, server.count("SELECT count(*) FROM booking_no_show"));

            StringBuilder stored = new StringBuilder();
            assertTrue(audit(server, stored).contains("POST " + lift + " 200 was in hospital"), stored.toString());
            assertFalse(stored.toString().contains("0013"), "no phone in the audit log: " + stored);
        }
    }

    @Test
    void anErasedResidentsBookingsAndPlacesGoAndTheSamePhoneLaterIsSomeoneNew() throws Exception {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            String admin = server.adminToken();
            assertEquals(200, server.put("/api/v1/activities/one-place", admin, Map.of("room", "classroom",
                    "titleZh", "书法课", "titleEn", "Calligraphy", "start", server.tomorrowAt(15, 0).toString(),
                    "end", server.tomorrowAt(16, 0).toString(), "capacity", 1)).status());
            // the neighbour who waits for the place registered first: the erased resident is the newest, whose
            // id SQLite would give to the next new resident
            assertEquals(201, server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13900139002"))
                    .status());
            String card = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", PHONE)).json()
                    .get("token").asText();
            long booking = created(book(server, PHONE, "reading-room", 9));
            long oldId = server.count("SELECT resident_id FROM booking WHERE id = " + booking);
            long place = created(server.post("/api/v1/activities/one-place/signups", server.kioskKey(),
                    Map.of("phone", PHONE)));
            long waiting = created(server.post("/api/v1/activities/one-place/signups", server.kioskKey(),
                    Map.of("phone", "13900139002")));
            long visit = created(server.post("/api/v1/checkins", server.kioskKey(),
                    Map.of("phone", PHONE, "service", "affairs")));
            assertEquals(201, server.post("/api/v1/feedback", server.kioskKey(), Map.of("checkin", visit,
                    "rating", 5, "comment", "Mr Zhang says thanks")).status());
            long bookings = server.count("SELECT count(*) FROM booking");

            String erase = "/api/v1/hubs/" + HUB + "/residents/erase";
            TestServer.Response erased = server.post(erase, server.operatorToken(), Map.of("phone", PHONE,
                    "reason", "asked at the counter"));
            assertEquals(200, erased.status(), erased.text());
            assertEquals(1, erased.json().get("bookingsCancelled").asInt());
            assertEquals(1, erased.json().get("signupsCancelled").asInt());

            // the booking is cancelled the usual way: the hub's revocation list names it, for the doors
            assertEquals("cancelled", server.get("/api/v1/bookings/" + booking, server.operatorToken()).json()
                    .get("status").asText());
            assertTrue(server.get("/api/v1/hubs/" + HUB + "/revoked", server.operatorToken()).text()
                    .contains(Long.toString(booking)));
            // the waitlist moved up
            assertEquals("confirmed", text(server, "SELECT status FROM activity_signup WHERE id = " + waiting));
            assertEquals("cancelled", text(server, "SELECT status FROM activity_signup WHERE id = " + place));
            // the card is refused, the number unknown
            TestServer.Response withCard = server.post("/api/v1/checkins", server.kioskKey(),
                    Map.of("token", card, "service", "affairs"));
            assertEquals(422, withCard.status(), withCard.text());
            assertFalse(lookup(server, PHONE).get("known").asBoolean());
            assertEquals(404, server.post(erase, server.operatorToken(), Map.of("phone", PHONE, "reason", "again"))
                    .status());

            // what the hub's figures count stays, without a person
            assertEquals(bookings, server.count("SELECT count(*) FROM booking"));
            assertEquals(0, server.count("SELECT count(*) FROM booking WHERE resident_id IS NOT NULL AND id = "
                    + booking));
            assertEquals(0, server.count("SELECT count(*) FROM booking WHERE phone_last4 IS NOT NULL AND id = "
                    + booking + " OR purpose <> '' AND id = " + booking));
            assertEquals(1, server.count("SELECT count(*) FROM activity_signup WHERE id = " + place
                    + " AND resident_id IS NULL"));
            assertEquals(1, server.count("SELECT count(*) FROM checkin WHERE id = " + visit
                    + " AND resident_id IS NULL"));
            assertEquals(1, server.count("SELECT count(*) FROM feedback WHERE rating = 5 AND comment IS NULL"));

            // the same phone later is a new resident: nothing of the erased one is theirs, not even the old card
            clock.advance(Duration.ofMinutes(5));
            assertEquals(201, server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", PHONE))
                    .status());
            JsonNode again = lookup(server, PHONE);
            assertTrue(again.get("known").asBoolean());
            assertEquals(0, again.get("bookings").get("upcoming").asInt() + again.get("bookings").get("past").asInt());
            assertEquals(0, again.get("checkins").asInt());
            long newId = server.count("SELECT max(id) FROM resident");
            assertEquals(422, server.post("/api/v1/checkins", server.kioskKey(),
                    Map.of("token", card, "service", "affairs")).status(),
                    "the erased resident's card (resident " + oldId + ", now " + newId + ")");

            StringBuilder stored = new StringBuilder();
            assertTrue(audit(server, stored).contains("POST " + erase + " 200 asked at the counter"),
                    stored.toString());
            assertFalse(stored.toString().contains("0013"), "no phone in the audit log: " + stored);
            assertNotEquals("", stored.toString());
        }
    }
}
