package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every hub-scoped write and read: a caller of a hub acts on that hub and the hubs below it. An admin of
 * the street hub wutong66 (under the district hub xuhui) cannot edit or take over the district's catalogue (finding
 * H1); nobody cancels another hub's sign-ups, rates its items or reads its check-ins (finding M5).
 */
class HubScopeIT {
    @TempDir
    Path dir;

    @Test
    void aHubsAdminActsOnItsHubOnly() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken(); // of all hubs
            // the street hub's operator made an admin of that hub, as a site would
            try (Connection c = server.openDatabase(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE staff SET role = 'admin' WHERE username = 'operator'"));
            }
            String streetAdmin = server.post("/api/v1/auth/login", null, Map.of("username", "operator",
                    "password", server.password("operator"))).json().get("token").asText();

            Map<String, Object> hall = Map.of("hub", "xuhui", "nameZh", "区会议室", "nameEn", "District hall",
                    "capacity", 10);
            assertEquals(200, server.put("/api/v1/rooms/hq-hall", admin, hall).status());
            // H1: neither edit nor move the district's room, nor add one to the district
            TestServer.Response stolen = server.put("/api/v1/rooms/hq-hall", streetAdmin, Map.of("hub", "wutong66",
                    "nameZh", "抢来的", "nameEn", "Stolen", "capacity", 1));
            assertEquals(403, stolen.status(), stolen.text());
            assertEquals(403, server.put("/api/v1/rooms/hq-hall", streetAdmin, hall).status());
            assertEquals(403, server.put("/api/v1/rooms/hq-annex", streetAdmin, hall).status());
            assertEquals(403, server.put("/api/v1/services/affairs", streetAdmin, Map.of("hub", "xuhui", "letter", "Z",
                    "nameZh", "办事", "nameEn", "Affairs", "typicalMinutes", 5)).status());
            assertTrue(server.get("/api/v1/hubs/xuhui", null).text().contains("hq-hall"));
            // even the admin of all hubs moves nothing between hubs
            TestServer.Response moved = server.put("/api/v1/rooms/hq-hall", admin, Map.of("hub", "wutong66",
                    "nameZh", "区会议室", "nameEn", "District hall", "capacity", 10));
            assertEquals(409, moved.status(), moved.text());
            // its own hub's catalogue it edits
            assertEquals(200, server.put("/api/v1/rooms/studio", streetAdmin, Map.of("hub", "wutong66",
                    "nameZh", "创意工作室", "nameEn", "Studio", "capacity", 9)).status());

            // M5: a district activity with a sign-up
            TestServer.Response activity = server.put("/api/v1/activities/hq-talk", admin, Map.of("room", "hq-hall",
                    "titleZh", "讲座", "titleEn", "Talk", "start", server.tomorrowAt(10, 0).toString(),
                    "end", server.tomorrowAt(11, 0).toString(), "capacity", 5));
            assertEquals(200, activity.status(), activity.text());
            TestServer.Response signup = server.post("/api/v1/activities/hq-talk/signups", admin,
                    Map.of("phone", "13800138100"));
            assertEquals(201, signup.status(), signup.text());
            String signupPath = "/api/v1/activities/hq-talk/signups/" + signup.json().get("id").asLong();
            assertEquals(403, server.delete(signupPath, server.kioskKey()).status());
            assertEquals(404, server.delete(signupPath, streetAdmin).status());
            assertEquals(200, server.delete(signupPath, admin).status());

            TestServer.Response booking = server.post("/api/v1/bookings", admin, Map.of("room", "hq-hall",
                    "start", server.tomorrowAt(14, 0).toString(), "end", server.tomorrowAt(15, 0).toString(),
                    "phone", "13800138101", "attendees", 1));
            assertEquals(201, booking.status(), booking.text());
            long bookingId = booking.json().get("id").asLong();
            TestServer.Response rated = server.post("/api/v1/feedback", server.kioskKey(),
                    Map.of("booking", bookingId, "rating", 1));
            assertEquals(422, rated.status(), rated.text());
            assertEquals(404, server.get("/api/v1/bookings/" + bookingId, streetAdmin).status());
            assertEquals(403, server.get("/api/v1/hubs/xuhui/checkins?date=" + server.today(), streetAdmin)
                    .status());
            assertEquals(403, server.get("/api/v1/hubs/xuhui/revoked", streetAdmin).status());
            assertEquals(200, server.get("/api/v1/hubs/wutong66/checkins?date=" + server.today(), streetAdmin)
                    .status());
            // a rating dated long ago is refused, like a check-in
            TestServer.Response old = server.post("/api/v1/feedback", admin, Map.of("booking", bookingId,
                    "rating", 5, "at", server.tomorrowAt(9, 0).minusDays(30).toString()));
            assertEquals(400, old.status(), old.text());
            assertEquals(201, server.post("/api/v1/feedback", admin, Map.of("booking", bookingId, "rating", 5))
                    .status());
        }
    }

    /**
     * Finding M5, found again in the re-check: check-in ids were consecutive, so a kiosk key could rate every check-in
     * of its hub (1, 2, 3 …), taking residents' ratings from them and skewing the hub's figures. They are random now.
     */
    @Test
    void aKioskRatesOnlyTheCheckInsItWasGiven() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            java.util.List<Long> visits = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestServer.Response visit = server.post("/api/v1/checkins", server.kioskKey(),
                        Map.of("phone", "1380013820" + i, "service", "affairs"));
                assertEquals(201, visit.status(), visit.text());
                visits.add(visit.json().get("id").asLong());
            }
            for (int i = 1; i < visits.size(); i++) {
                long step = Math.abs(visits.get(i) - visits.get(i - 1));
                assertTrue(step > 1_000, "consecutive check-ins " + visits);
                TestServer.Response guessed = server.post("/api/v1/feedback", server.kioskKey(),
                        Map.of("checkin", visits.get(i - 1) + 1, "rating", 1));
                assertTrue(guessed.status() >= 400 && guessed.status() < 500, guessed.status() + " " + guessed.text());
            }
            assertEquals(201, server.post("/api/v1/feedback", server.kioskKey(), Map.of("checkin", visits.get(0),
                    "rating", 5)).status());
        }
    }
}
