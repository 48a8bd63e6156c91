package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubTime;

/**
 * An activity's roster for staff ({@code GET /api/v1/activities/{id}/signups}): confirmed, then the waitlist in the
 * order it moves up, then the cancelled; who checked in; how each sign-up was made; the resident as the last four
 * digits of the phone and nothing more. Only the operators and admins of the activity's hub or above read it.
 */
class ActivityRosterIT {
    static final String HUB = TestServer.HUB;
    static final String ANN = "13800138201";
    static final String BEN = "13800138202";
    static final String CAI = "13800138203";
    static final String DAI = "13800138204";

    @TempDir
    Path dir;

    private static TestServer.Response signUp(TestServer server, String bearer, String activity, String phone) {
        TestServer.Response r = server.post("/api/v1/activities/" + activity + "/signups", bearer,
                Map.of("phone", phone));
        assertEquals(201, r.status(), r.text());
        return r;
    }

    private static JsonNode roster(TestServer server, String activity) {
        TestServer.Response r = server.get("/api/v1/activities/" + activity + "/signups", server.operatorToken());
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    /** "status position via checkedIn last4" per sign-up, in the roster's order. */
    private static List<String> rows(JsonNode roster) {
        List<String> rows = new ArrayList<>();
        for (JsonNode s : roster.get("signups")) {
            rows.add(s.get("status").asText() + " " + s.get("position").asInt() + " " + s.get("via").asText() + " "
                    + s.get("checkedIn").asBoolean() + " " + s.get("phoneLast4").asText());
        }
        return rows;
    }

    private static void assertRefused(TestServer.Response r, int status) {
        assertEquals(status, r.status(), r.text());
        assertEquals("application/problem+json", r.contentType(), r.text());
    }

    @Test
    void listsConfirmedThenTheWaitlistInOrderWithCheckInsAndLastFourDigitsOnly() throws Exception {
        try (TestServer server = TestServer.start(dir, HubTime.of("08:59", HubTime.ST_JOHNS))) {
            TestServer.Response made = server.put("/api/v1/activities/calligraphy", server.adminToken(), Map.of(
                    "room", "activity-room", "titleZh", "书法课", "titleEn", "Calligraphy",
                    "start", server.tomorrowAt(15, 0).toString(), "end", server.tomorrowAt(16, 0).toString(),
                    "capacity", 2));
            assertEquals(200, made.status(), made.text());
            long ann = signUp(server, server.kioskKey(), "calligraphy", ANN).json().get("id").asLong();
            long ben = signUp(server, server.operatorToken(), "calligraphy", BEN).json().get("id").asLong();
            long cai = signUp(server, server.kioskKey(), "calligraphy", CAI).json().get("id").asLong();
            long dai = signUp(server, server.adminToken(), "calligraphy", DAI).json().get("id").asLong();
            assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", ANN,
                    "activity", "calligraphy")).status());

            TestServer.Response read = server.get("/api/v1/activities/calligraphy/signups", server.operatorToken());
            assertEquals(200, read.status(), read.text());
            JsonNode roster = read.json();
            JsonNode activity = roster.get("activity");
            assertEquals("书法课", activity.get("title").get("zh").asText());
            assertEquals("Calligraphy", activity.get("title").get("en").asText());
            assertEquals("activity-room", activity.get("room").asText());
            // in the hub's zone, with its offset
            assertEquals(server.tomorrowAt(15, 0), OffsetDateTime.parse(activity.get("start").asText()));
            assertEquals(server.tomorrowAt(16, 0), OffsetDateTime.parse(activity.get("end").asText()));
            assertEquals(2, activity.get("capacity").asInt());
            assertFalse(activity.get("cancelled").asBoolean());
            assertEquals(2, roster.get("confirmed").asInt());
            assertEquals(2, roster.get("waitlisted").asInt());
            assertEquals(1, roster.get("checkedIn").asInt());
            assertEquals(List.of("confirmed 0 kiosk true 8201", "confirmed 0 desk false 8202",
                    "waitlisted 1 kiosk false 8203", "waitlisted 2 desk false 8204"), rows(roster));
            List<Long> ids = new ArrayList<>();
            roster.get("signups").forEach(s -> ids.add(s.get("id").asLong()));
            assertEquals(List.of(ann, ben, cai, dai), ids);

            // the resident is the last four digits: neither the number nor its keyed hash leaves the database
            String text = read.text();
            List<String> hashes = new ArrayList<>();
            try (Connection c = server.openDatabase(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT phone_hmac FROM resident")) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            assertEquals(4, hashes.size());
            for (String secret : List.of(ANN, BEN, CAI, DAI, "1380013820", "138001382")) {
                assertFalse(text.contains(secret), secret + " in " + text);
            }
            for (String hash : hashes) {
                assertFalse(text.contains(hash), "a resident's hash in " + text);
            }

            // a confirmed place cancelled: the first on the waitlist moves up, the second becomes the first
            assertEquals(200, server.delete("/api/v1/activities/calligraphy/signups/" + ben, server.operatorToken())
                    .status());
            JsonNode after = roster(server, "calligraphy");
            assertEquals(List.of("confirmed 0 kiosk true 8201", "confirmed 0 kiosk false 8203",
                    "waitlisted 1 desk false 8204", "cancelled 0 desk false 8202"), rows(after));
            assertEquals(2, after.get("confirmed").asInt());
            assertEquals(1, after.get("waitlisted").asInt());
            // a waitlisted one cancelled: nobody moves up
            assertEquals(200, server.delete("/api/v1/activities/calligraphy/signups/" + dai, server.adminToken())
                    .status());
            assertEquals(List.of("confirmed 0 kiosk true 8201", "confirmed 0 kiosk false 8203",
                    "cancelled 0 desk false 8202", "cancelled 0 desk false 8204"), rows(roster(server, "calligraphy")));

            // called off: the roster says so and keeps who had signed up
            assertEquals(200, server.post("/api/v1/activities/calligraphy/cancel", server.adminToken(),
                    Map.of("reason", "teacher ill")).status());
            JsonNode off = roster(server, "calligraphy");
            assertTrue(off.get("activity").get("cancelled").asBoolean(), off.toString());
            assertEquals(0, off.get("confirmed").asInt());
            assertEquals(4, off.get("signups").size());
        }
    }

    @Test
    void onlyTheOperatorsAndAdminsOfTheActivitysHubOrAboveReadIt() {
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken(); // of all hubs
            assertEquals(200, server.put("/api/v1/rooms/hq-hall", admin, Map.of("hub", "xuhui", "nameZh", "区会议室",
                    "nameEn", "District hall", "capacity", 10)).status());
            assertEquals(200, server.put("/api/v1/activities/hq-talk", admin, Map.of("room", "hq-hall",
                    "titleZh", "讲座", "titleEn", "Talk", "start", server.tomorrowAt(10, 0).toString(),
                    "end", server.tomorrowAt(11, 0).toString(), "capacity", 5)).status());
            assertEquals(200, server.put("/api/v1/activities/tea", admin, Map.of("room", "activity-room",
                    "titleZh", "茶话会", "titleEn", "Tea", "start", server.tomorrowAt(10, 0).toString(),
                    "end", server.tomorrowAt(11, 0).toString(), "capacity", 5)).status());
            signUp(server, admin, "hq-talk", ANN);
            String display = server.post("/api/v1/hubs/" + HUB + "/display-keys", admin, Map.of("label", "Board",
                    "scope", "screen")).json().get("key").asText();

            // the street hub's operator: its own hub's roster, not the district's above it
            assertEquals(200, server.get("/api/v1/activities/tea/signups", server.operatorToken()).status());
            assertRefused(server.get("/api/v1/activities/hq-talk/signups", server.operatorToken()), 403);
            assertEquals(1, server.get("/api/v1/activities/hq-talk/signups", admin).json().get("signups").size());
            // a counter clerk, a kiosk and a screen of the hub read no roster; nobody signed in neither
            assertRefused(server.get("/api/v1/activities/tea/signups", server.counterToken()), 403);
            assertRefused(server.get("/api/v1/activities/tea/signups", server.kioskKey()), 403);
            assertRefused(server.get("/api/v1/activities/tea/signups", display), 403);
            assertRefused(server.get("/api/v1/activities/tea/signups", null), 401);
            TestServer.Response unknown = server.get("/api/v1/activities/no-such/signups", admin);
            assertRefused(unknown, 404);
            assertTrue(unknown.json().get("detail").asText().contains("no-such"), unknown.text());
        }
    }
}
