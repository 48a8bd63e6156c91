package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.auth.Role;
import org.linli.protocol.testing.HubClock;

/**
 * Administrators make and edit hubs through {@code PUT /api/v1/hubs/{hub}}: the level's place in the network, hours
 * per weekday and closure days, which the rooms' availability and bookings keep, in the hub's own zone and date.
 */
class HubEditIT {
    /** A hub far from Shanghai, so the hub's date and UTC's differ at the hour the test runs at. */
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Wednesday 21:30 in New York: already Thursday in UTC; the closure is the hub's Thursday. */
    static final LocalDateTime WEDNESDAY_EVENING = LocalDateTime.of(2027, 3, 10, 21, 30);
    static final LocalDate THURSDAY = LocalDate.of(2027, 3, 11);

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private HubClock startInNewYork() {
        HubClock clock = new HubClock(WEDNESDAY_EVENING.atZone(NEW_YORK).toInstant(), NEW_YORK);
        server = TestServer.start(dir, Map.of(), clock);
        return clock;
    }

    static Map<String, Object> hub(String level, String parent, Map<String, Object> week, List<?> closures) {
        Map<String, Object> body = new HashMap<>(Map.of("level", level, "nameZh", "梧桐66邻里汇",
                "nameEn", "Wutong 66", "timezone", NEW_YORK.getId(), "week", week, "closures", closures));
        body.put("parent", parent);
        return body;
    }

    /** Weekdays 08:00-21:00, Saturday 09:00-17:00, Sunday closed. */
    static Map<String, Object> week() {
        Map<String, Object> week = new LinkedHashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            week.put(day, Map.of("open", "08:00", "close", "21:00"));
        }
        week.put("saturday", Map.of("open", "09:00", "close", "17:00"));
        week.put("sunday", null);
        return week;
    }

    private JsonNode slots(LocalDate date) {
        TestServer.Response r = server.get("/api/v1/rooms/studio/availability?date=" + date, server.kioskKey());
        assertEquals(200, r.status(), r.text());
        return r.json().get("slots");
    }

    private TestServer.Response book(LocalDate date, int hour) {
        Map<String, Object> body = new HashMap<>();
        body.put("room", "studio");
        body.put("start", date.atTime(hour, 0).atZone(NEW_YORK).toOffsetDateTime().toString());
        body.put("end", date.atTime(hour + 1, 0).atZone(NEW_YORK).toOffsetDateTime().toString());
        body.put("phone", "13800138077");
        body.put("attendees", 2);
        body.put("purpose", "choir");
        return server.post("/api/v1/bookings", server.kioskKey(), body);
    }

    @Test
    void aClosureOnTheHubsDateAndAClosedWeekdayHaveNoSlotsAndRefuseBookings() {
        HubClock clock = startInNewYork();
        TestServer.Response put = server.put("/api/v1/hubs/wutong66", server.adminToken(), hub("street", "xuhui",
                week(), List.of(Map.of("date", THURSDAY.toString(), "reason", "staff training"))));
        assertEquals(200, put.status(), put.text());

        JsonNode hub = server.get("/api/v1/hubs/wutong66", server.kioskKey()).json();
        assertFalse(hub.get("week").has("sunday"), "a closed day is left out: " + hub);
        assertEquals("09:00", hub.get("week").get("saturday").get("open").asText());
        assertEquals(THURSDAY.toString(), hub.get("closures").get(0).get("date").asText());
        // Wednesday evening in the hub, though Thursday already in UTC: today is open
        assertEquals("08:00", hub.get("openingHours").get("open").asText());
        assertFalse(hub.get("openingHours").has("closed"), hub.toString());

        assertEquals(0, slots(THURSDAY).size(), "the closure has no slots");
        assertEquals(0, slots(THURSDAY.plusDays(3)).size(), "Sunday is closed");
        JsonNode friday = slots(THURSDAY.plusDays(1));
        assertTrue(friday.get(0).get("start").asText().contains("T08:00"), friday.toString());
        JsonNode saturday = slots(THURSDAY.plusDays(2));
        assertTrue(saturday.get(0).get("start").asText().contains("T09:00"), saturday.toString());

        TestServer.Response closed = book(THURSDAY, 10);
        assertEquals(422, closed.status(), closed.text());
        assertTrue(closed.text().contains("hub-closed") && closed.text().contains("staff training"), closed.text());
        TestServer.Response late = book(THURSDAY.plusDays(2), 17);
        assertEquals(422, late.status(), late.text());
        assertTrue(late.text().contains("outside-opening-hours"), late.text());
        assertEquals(201, book(THURSDAY.plusDays(1), 10).status());

        // past the hub's midnight it is the closure day there
        clock.advance(Duration.ofHours(3));
        JsonNode thursday = server.get("/api/v1/hubs/wutong66", server.kioskKey()).json();
        assertTrue(thursday.get("openingHours").get("closed").asBoolean(), thursday.toString());
    }

    /**
     * A hub's capacity (the people its fire certificate allows in the building) is a whole number of at least 1, or
     * not set; anything else is a 400 naming the field, and leaves the hub as it was.
     */
    @Test
    void aHubsCapacityIsAWholeNumberOfPeopleOrNotSet() {
        startInNewYork();
        Map<String, Object> body = hub("street", "xuhui", week(), List.of());
        body.put("capacity", 120);
        TestServer.Response set = server.put("/api/v1/hubs/wutong66", server.adminToken(), body);
        assertEquals(200, set.status(), set.text());
        assertEquals(120, set.json().get("capacity").asInt(), set.text());
        for (Object wrong : List.of(0, -5, 2.5, "120", true, List.of(120), 1_000_000)) {
            body.put("capacity", wrong);
            TestServer.Response r = server.put("/api/v1/hubs/wutong66", server.adminToken(), body);
            assertEquals(400, r.status(), wrong + ": " + r.text());
            assertEquals("capacity", r.json().get("errors").get(0).get("field").asText(), r.text());
            assertEquals(1, r.json().get("errors").size(), r.text());
        }
        JsonNode hub = server.get("/api/v1/hubs/wutong66", null).json();
        assertEquals(120, hub.get("capacity").asInt(), "unchanged by the refusals: " + hub);
        assertEquals(120, server.get("/api/v1/hubs/" + TestServer.HUB + "/live", server.token("operator")).json()
                .get("capacity").asInt());

        body.put("capacity", null);
        assertEquals(200, server.put("/api/v1/hubs/wutong66", server.adminToken(), body).status());
        assertFalse(server.get("/api/v1/hubs/wutong66", null).json().has("capacity"), "not set any more");
        body.remove("capacity");
        body.put("capacity", 80);
        assertEquals(200, server.put("/api/v1/hubs/wutong66", server.adminToken(), body).status());
        body.remove("capacity");
        assertEquals(200, server.put("/api/v1/hubs/wutong66", server.adminToken(), body).status());
        assertFalse(server.get("/api/v1/hubs/wutong66", null).json().has("capacity"),
                "a PUT is the whole hub: left out is not set");
    }

    @Test
    void namesEveryWrongFieldInOneAnswer() {
        startInNewYork();
        Map<String, Object> week = new LinkedHashMap<>(week());
        week.put("monday", Map.of("open", "21:00", "close", "08:00"));
        week.put("tuesday", Map.of("open", "8 am", "close", "21:00"));
        Map<String, Object> body = hub("city", null, week, List.of(Map.of("date", "2027-02-30")));
        body.put("timezone", "Mars/Olympus");
        body.remove("nameZh");
        TestServer.Response r = server.put("/api/v1/hubs/new-hub", server.adminToken(), body);
        assertEquals(400, r.status(), r.text());
        List<String> fields = new java.util.ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("level", "nameZh", "timezone", "week.monday", "week.tuesday", "closures").stream()
                .sorted().toList(), fields.stream().sorted().toList(), r.text());

        TestServer.Response residential = server.put("/api/v1/hubs/new-hub", server.adminToken(),
                hub("residential", null, week(), List.of()));
        assertEquals(400, residential.status(), residential.text());
        assertEquals("parent", residential.json().get("errors").get(0).get("field").asText());
        TestServer.Response streetUnderStreet = server.put("/api/v1/hubs/new-hub", server.adminToken(),
                hub("street", "wutong66", week(), List.of()));
        assertEquals(400, streetUnderStreet.status(), streetUnderStreet.text());
        // the roof terrace's 60-minute grid: a day opening at 08:30 would put its slots off it
        Map<String, Object> offGrid = new LinkedHashMap<>(week());
        offGrid.put("friday", Map.of("open", "08:30", "close", "21:00"));
        TestServer.Response grid = server.put("/api/v1/hubs/wutong66", server.adminToken(),
                hub("street", "xuhui", offGrid, List.of()));
        assertEquals(400, grid.status(), grid.text());
        assertTrue(grid.text().contains("week.friday"), grid.text());
    }

    @Test
    void aHubAdminMakesAndEditsHubsBelowTheirOwnOnly() {
        startInNewYork();
        server.components().accounts().putStaff("wutong-admin", "wutong-password", Role.ADMIN, "wutong66");
        String wutong = server.post("/api/v1/auth/login", null, Map.of("username", "wutong-admin",
                "password", "wutong-password")).json().get("token").asText();

        TestServer.Response below = server.put("/api/v1/hubs/wutong-2", wutong,
                hub("residential", "wutong66", week(), List.of()));
        assertEquals(201, below.status(), below.text());
        assertEquals(200, server.put("/api/v1/hubs/wutong-2", wutong,
                hub("residential", "wutong66", week(), List.of(Map.of("date", "2027-05-01")))).status());
        // and the devices of the hub below, by the same rule
        assertEquals(200, server.put("/api/v1/rooms/w2-room", wutong, Map.of("hub", "wutong-2", "nameZh", "活动室",
                "nameEn", "Room", "capacity", 10)).status());
        assertEquals(201, server.post("/api/v1/devices", wutong, Map.of("id", "w2-door", "hub", "wutong-2",
                "rooms", List.of("w2-room"))).status());
        assertTrue(server.get("/api/v1/devices", wutong).text().contains("w2-door"));
        assertEquals(403, server.post("/api/v1/devices", wutong, Map.of("id", "x-door", "hub", "xuhui",
                "rooms", List.of("x-room"))).status());
        assertEquals(403, server.put("/api/v1/hubs/elsewhere", wutong, hub("street", "xuhui", week(), List.of()))
                .status(), "a street hub beside theirs");
        assertEquals(403, server.put("/api/v1/hubs/top", wutong, hub("district", null, week(), List.of()))
                .status(), "a top hub");
        assertEquals(403, server.put("/api/v1/hubs/wutong66", wutong, hub("district", null, week(), List.of()))
                .status(), "their own hub out of the district");
        assertEquals(200, server.put("/api/v1/hubs/wutong66", wutong, hub("street", "xuhui", week(), List.of()))
                .status(), "their own hub's hours");
        assertEquals(403, server.put("/api/v1/hubs/xuhui", wutong, hub("district", null, week(), List.of()))
                .status(), "the hub above");
    }
}
