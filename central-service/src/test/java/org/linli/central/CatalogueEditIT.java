package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff keep the catalogue up to date through the API: services, counters and activities, not only rooms. */
class CatalogueEditIT {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode hub() {
        return server.get("/api/v1/hubs/wutong66", server.kioskKey()).json();
    }

    @Test
    void addsAServiceAndGivesItToACounter() {
        TestServer.Response service = server.put("/api/v1/services/tea", server.adminToken(), Map.of("hub", "wutong66",
                "letter", "T", "nameZh", "茶歇", "nameEn", "Tea corner", "typicalMinutes", 5));
        assertEquals(200, service.status(), service.text());
        TestServer.Response counter = server.put("/api/v1/counters/counter-3", server.adminToken(), Map.of(
                "hub", "wutong66", "nameZh", "3号窗口", "nameEn", "Counter 3", "services", List.of("legal", "tea")));
        assertEquals(200, counter.status(), counter.text());

        JsonNode hub = hub();
        assertTrue(hub.get("services").toString().contains("\"letter\":\"T\""), hub.toString());
        assertTrue(hub.get("counters").toString().contains("\"tea\""), hub.toString());
        TestServer.Response ticket = server.post("/api/v1/services/tea/tickets", server.kioskKey(), Map.of());
        assertEquals(201, ticket.status(), ticket.text());
        assertEquals("T001", ticket.json().get("number").asText());
    }

    @Test
    void refusesALetterAnotherServiceHasAndAnUnknownService() {
        TestServer.Response taken = server.put("/api/v1/services/tea", server.adminToken(), Map.of("hub", "wutong66",
                "letter", "A", "nameZh", "茶歇", "nameEn", "Tea corner", "typicalMinutes", 5));
        assertEquals(422, taken.status(), taken.text());
        TestServer.Response unknown = server.put("/api/v1/counters/counter-3", server.adminToken(), Map.of(
                "hub", "wutong66", "nameZh", "3号窗口", "nameEn", "Counter 3", "services", List.of("nope")));
        assertEquals(400, unknown.status(), unknown.text());
        TestServer.Response lowerCase = server.put("/api/v1/services/tea", server.adminToken(), Map.of("hub",
                "wutong66", "letter", "t", "nameZh", "茶歇", "nameEn", "Tea corner", "typicalMinutes", 5));
        assertEquals(400, lowerCase.status(), lowerCase.text());
        assertTrue(!hub().get("services").toString().contains("\"tea\""), "nothing was stored");
    }

    @Test
    void movesAnActivityAndKeepsItWithinItsRoom() {
        String start = server.tomorrowAt(15, 0).toString();
        String end = server.tomorrowAt(16, 30).toString();
        TestServer.Response moved = server.put("/api/v1/activities/demo-festival-6", server.adminToken(), Map.of(
                "room", "activity-room", "titleZh", "邻里节", "titleEn", "Neighbours' festival", "start", start,
                "end", end, "capacity", 30));
        assertEquals(200, moved.status(), moved.text());
        String from = server.tomorrowAt(0, 0).toLocalDate().toString();
        String to = server.tomorrowAt(0, 0).toLocalDate().plusDays(1).toString();
        JsonNode activities = server.get("/api/v1/hubs/wutong66/activities?from=" + from + "&to=" + to,
                server.kioskKey()).json();
        assertTrue(activities.toString().contains("demo-festival-6"), activities.toString());

        TestServer.Response tooMany = server.put("/api/v1/activities/demo-festival-6", server.adminToken(), Map.of(
                "room", "studio", "titleZh", "邻里节", "titleEn", "Neighbours' festival", "start", start,
                "end", end, "capacity", 30));
        assertEquals(422, tooMany.status(), tooMany.text());
        TestServer.Response backwards = server.put("/api/v1/activities/demo-festival-6", server.adminToken(), Map.of(
                "room", "activity-room", "titleZh", "邻里节", "titleEn", "Neighbours' festival", "start", end,
                "end", start, "capacity", 30));
        assertEquals(400, backwards.status(), backwards.text());
    }

    @Test
    void refusesANewActivityThatIsAlreadyOverButLetsAnEndedOneBeCorrected() {
        String start = server.tomorrowAt(15, 0).minusDays(2).toString();
        String end = server.tomorrowAt(16, 0).minusDays(2).toString();
        Map<String, Object> yesterday = Map.of("room", "activity-room", "titleZh", "茶话会", "titleEn", "Tea party",
                "start", start, "end", end, "capacity", 20);
        TestServer.Response past = server.put("/api/v1/activities/tea-party", server.adminToken(), yesterday);
        assertEquals(400, past.status(), past.text());
        assertEquals("end", past.json().get("errors").get(0).get("field").asText(), past.text());
        assertTrue(past.json().get("errors").get(0).get("message").asText().contains("already passed"), past.text());

        // one that was held (stored while it was ahead) may still have its title put right afterwards
        TestServer.Response ahead = server.put("/api/v1/activities/tea-party", server.adminToken(), Map.of("room",
                "activity-room", "titleZh", "茶话会", "titleEn", "Tea party", "start", server.tomorrowAt(15, 0)
                        .toString(), "end", server.tomorrowAt(16, 0).toString(), "capacity", 20));
        assertEquals(200, ahead.status(), ahead.text());
        TestServer.Response corrected = server.put("/api/v1/activities/tea-party", server.adminToken(), yesterday);
        assertEquals(200, corrected.status(), corrected.text());
    }

    @Test
    void anAdminCallsAnActivityOffItsPlacesGoAndItsFeedSaysCancelled() {
        TestServer.Response made = server.put("/api/v1/activities/book-club", server.adminToken(), Map.of("room",
                "activity-room", "titleZh", "读书会", "titleEn", "Book club", "start", server.tomorrowAt(15, 0)
                        .toString(), "end", server.tomorrowAt(16, 0).toString(), "capacity", 1));
        assertEquals(200, made.status(), made.text());
        assertEquals("confirmed", server.post("/api/v1/activities/book-club/signups", server.kioskKey(),
                Map.of("phone", "13800138301")).json().get("status").asText());
        assertEquals("waitlisted", server.post("/api/v1/activities/book-club/signups", server.kioskKey(),
                Map.of("phone", "13800138302")).json().get("status").asText());
        TestServer.Response feed = server.post("/api/v1/hubs/wutong66/calendar-feeds", server.adminToken(), Map.of());
        assertEquals(201, feed.status(), feed.text());
        String feedPath = feed.json().get("path").asText();
        String listed = "/api/v1/hubs/wutong66/activities?from=" + server.today() + "&to=" + server.today()
                .plusDays(3);
        assertTrue(server.get(listed, server.kioskKey()).text().contains("book-club"));

        assertEquals(403, server.post("/api/v1/activities/book-club/cancel", server.kioskKey(),
                Map.of("reason", "teacher ill")).status());
        assertEquals(403, server.post("/api/v1/activities/book-club/cancel", server.operatorToken(),
                Map.of("reason", "teacher ill")).status());
        TestServer.Response noReason = server.post("/api/v1/activities/book-club/cancel", server.adminToken(),
                Map.of());
        assertEquals(400, noReason.status(), noReason.text());
        assertEquals("reason", noReason.json().get("errors").get(0).get("field").asText(), noReason.text());
        assertEquals(404, server.post("/api/v1/activities/no-such-club/cancel", server.adminToken(),
                Map.of("reason", "teacher ill")).status());

        TestServer.Response cancelled = server.post("/api/v1/activities/book-club/cancel", server.adminToken(),
                Map.of("reason", "teacher ill"));
        assertEquals(200, cancelled.status(), cancelled.text());
        assertTrue(cancelled.json().get("cancelled").asBoolean(), cancelled.text());
        assertEquals(2, cancelled.json().get("signUpsCancelled").asInt(), "the place and the waitlist place");
        assertEquals(0, server.count("SELECT count(*) FROM activity_signup WHERE activity_id = 'book-club'"
                + " AND status <> 'cancelled'"));
        assertTrue(!server.get(listed, server.kioskKey()).text().contains("book-club"), "still listed as on");

        TestServer.Response late = server.post("/api/v1/activities/book-club/signups", server.kioskKey(),
                Map.of("phone", "13800138303"));
        assertEquals(422, late.status(), late.text());
        assertTrue(late.json().get("type").asText().endsWith("/activity-cancelled"), late.text());
        TestServer.Response edited = server.put("/api/v1/activities/book-club", server.adminToken(), Map.of("room",
                "activity-room", "titleZh", "读书会", "titleEn", "Book club", "start", server.tomorrowAt(17, 0)
                        .toString(), "end", server.tomorrowAt(18, 0).toString(), "capacity", 10));
        assertEquals(409, edited.status(), edited.text());
        TestServer.Response again = server.post("/api/v1/activities/book-club/cancel", server.adminToken(),
                Map.of("reason", "teacher ill"));
        assertEquals(200, again.status(), again.text());
        assertEquals(0, again.json().get("signUpsCancelled").asInt());

        String ics = server.get(feedPath, null).text().replace("\r\n ", "").replace("\r\n", "\n");
        String event = java.util.Arrays.stream(ics.split("BEGIN:VEVENT")).filter(e -> e.contains(
                "UID:activity-book-club@wutong66.linli")).findFirst().orElseThrow(() -> new AssertionError(ics));
        assertTrue(event.contains("STATUS:CANCELLED"), event);
        assertTrue(event.contains("SEQUENCE:1\n"), "one change, the cancellation, not two: " + event);
        assertTrue(server.get("/api/v1/audit?hub=wutong66", server.adminToken()).text().contains("teacher ill"),
                "the reason is in the audit log");
    }

    /** At noon, in a room an admin gave two hours' notice: 13:00 today is too soon, 14:30 can be booked. */
    @Test
    void aRoomsNoticeIsKeptAtBooking() {
        JsonNode studio = null;
        for (JsonNode room : hub().get("rooms")) {
            if (room.get("id").asText().equals("studio")) {
                studio = room;
            }
        }
        TestServer.Response notice = server.put("/api/v1/rooms/studio", server.adminToken(), Map.of("hub",
                "wutong66", "nameZh", studio.get("name").get("zh").asText(), "nameEn",
                studio.get("name").get("en").asText(), "capacity", studio.get("capacity").asInt(), "leadMinutes", 120));
        assertEquals(200, notice.status(), notice.text());
        Map<String, Object> booking = new java.util.HashMap<>(Map.of("room", "studio", "phone", "13800138031",
                "attendees", 2));
        booking.put("start", server.today().atTime(13, 0).atZone(server.zone()).toOffsetDateTime().toString());
        booking.put("end", server.today().atTime(13, 30).atZone(server.zone()).toOffsetDateTime().toString());
        TestServer.Response soon = server.post("/api/v1/bookings", server.kioskKey(), booking);
        assertEquals(422, soon.status(), soon.text());
        assertTrue(soon.json().get("type").asText().endsWith("too-soon"), soon.text());
        assertTrue(soon.json().get("detail").asText().contains("120"), soon.text());

        booking.put("start", server.today().atTime(14, 30).atZone(server.zone()).toOffsetDateTime().toString());
        booking.put("end", server.today().atTime(15, 0).atZone(server.zone()).toOffsetDateTime().toString());
        TestServer.Response later = server.post("/api/v1/bookings", server.kioskKey(), booking);
        assertEquals(201, later.status(), later.text());
    }

    @Test
    void refusesARoomWhoseSlotsWouldFallOffTheBookingGrid() {
        // wutong66 opens at 08:00, minute 480 of the day: 7-minute slots would start at 08:00, 08:07, … while
        // bookings must start on multiples of 7 minutes from midnight
        TestServer.Response odd = server.put("/api/v1/rooms/odd-room", server.adminToken(), Map.of("hub", "wutong66",
                "nameZh", "单间", "nameEn", "Odd room", "capacity", 4, "slotMinutes", 7));
        assertEquals(422, odd.status(), odd.text());
        assertEquals("https://linli.org/problems/off-the-grid", odd.json().get("type").asText());
        assertTrue(odd.json().get("detail").asText().contains("08:00"), odd.text());
        assertEquals(404, server.get("/api/v1/rooms/odd-room/availability?date=2030-01-01", server.kioskKey())
                .status(), "nothing was stored");

        // a hub stored with seconds in its hours before the seed refused them: its rooms cannot be edited until
        // the seed is fixed, and the answer says why
        server.server().components().catalogue().put(new org.linli.central.catalogue.Hub("old-hub", "street",
                "xuhui", new org.linli.central.catalogue.Name("旧", "Old"), server.zone(),
                java.time.LocalTime.of(8, 0, 3), java.time.LocalTime.of(21, 0)));
        TestServer.Response seconds = server.put("/api/v1/rooms/old-room", server.adminToken(), Map.of("hub",
                "old-hub", "nameZh", "旧房", "nameEn", "Old room", "capacity", 4));
        assertEquals(422, seconds.status(), seconds.text());
        assertTrue(seconds.json().get("detail").asText().contains("seconds"), seconds.text());
    }
}
