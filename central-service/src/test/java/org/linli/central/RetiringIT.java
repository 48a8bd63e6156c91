package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub closes a room for good, stops a service, removes a counter desk (issue 14): retired, it is offered nowhere
 * and refused where still asked for, but not while in use, and never deleted; brought back, it is offered again.
 */
class RetiringIT {
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
        return server.get("/api/v1/hubs/" + TestServer.HUB, server.kioskKey()).json();
    }

    private TestServer.Response act(String kind, String id, String action) {
        return server.post("/api/v1/" + kind + "/" + id + "/" + action, server.adminToken(), null);
    }

    private static List<String> ids(JsonNode list) {
        return list.findValuesAsText("id");
    }

    private static void refused(TestServer.Response answer, int status, String type) {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.json().path("type").asText().endsWith("/" + type), answer.text());
    }

    @Test
    void aRoomWithABookingToComeIsRetiredOnlyOnceItIsCancelled() {
        assertEquals(200, server.put("/api/v1/rooms/tea-room", server.adminToken(), Map.of("hub", TestServer.HUB,
                "nameZh", "茶室", "nameEn", "Tea room", "capacity", 8)).status());
        TestServer.Response booked = server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "tea-room", 10, "13800138000"));
        assertEquals(201, booked.status(), booked.text());

        TestServer.Response inUse = act("rooms", "tea-room", "retire");
        refused(inUse, 409, "room-in-use");
        assertEquals(1, inUse.json().path("bookings").asInt(), inUse.text());
        assertEquals(0, inUse.json().path("activities").asInt(), inUse.text());
        String until = server.tomorrowAt(11, 0).toString().substring(0, 16);
        assertTrue(inUse.json().path("until").asText().startsWith(until), inUse.text() + " until " + until);
        assertTrue(ids(hub().path("rooms")).contains("tea-room"), "refused, it stays in use");

        assertEquals(200, server.delete("/api/v1/bookings/" + booked.json().path("id").asText(),
                server.operatorToken()).status());
        TestServer.Response retired = act("rooms", "tea-room", "retire");
        assertEquals(200, retired.status(), retired.text());
        assertTrue(retired.json().path("retired").asBoolean());
        assertFalse(ids(hub().path("rooms")).contains("tea-room"), "the kiosk no longer offers it");
        assertEquals(List.of("tea-room"), ids(hub().path("retired").path("rooms")));
        refused(server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "tea-room", 14, "13800138001")), 422, "room-retired");
        assertFalse(ids(server.get("/api/v1/hubs/" + TestServer.HUB + "/bookings", server.operatorToken()).json()
                .path("rooms")).contains("tea-room"), "nor the desk");
        assertEquals(1, server.count("SELECT count(*) FROM booking WHERE room_id = 'tea-room'"),
                "its cancelled booking is kept");

        refused(server.get("/api/v1/rooms/tea-room/availability?date=" + server.tomorrowAt(10, 0).toLocalDate(),
                server.kioskKey()), 422, "room-retired"); // a kiosk that has not yet seen the catalogue asks
        refused(server.post("/api/v1/hubs/" + TestServer.HUB + "/calendar-feeds", server.operatorToken(),
                Map.of("room", "tea-room")), 422, "room-retired");
        String audit = server.get("/api/v1/audit?action=tea-room", server.adminToken()).json().toString();
        assertTrue(audit.contains("POST /api/v1/rooms/tea-room/retire"), audit);
        assertTrue(audit.contains("\"hub\":\"" + TestServer.HUB + "\""), audit);

        assertEquals(200, act("rooms", "tea-room", "unretire").status());
        assertTrue(ids(hub().path("rooms")).contains("tea-room"), "back in use");
        assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "tea-room", 14, "13800138001")).status());
    }

    @Test
    void aRoomWithAnActivityToComeIsNotRetiredAndNoActivityGoesIntoARetiredOne() {
        // the demo's studio has an activity within the week
        TestServer.Response inUse = act("rooms", "studio", "retire");
        refused(inUse, 409, "room-in-use");
        assertTrue(inUse.json().path("activities").asInt() >= 1, inUse.text());

        assertEquals(200, server.put("/api/v1/rooms/store-room", server.adminToken(), Map.of("hub", TestServer.HUB,
                "nameZh", "储藏室", "nameEn", "Store room", "capacity", 8)).status());
        assertEquals(200, act("rooms", "store-room", "retire").status());
        refused(server.put("/api/v1/activities/in-store", server.adminToken(), Map.of("room", "store-room",
                "titleZh", "课", "titleEn", "Class", "start", server.tomorrowAt(10, 0).toString(),
                "end", server.tomorrowAt(11, 0).toString(), "capacity", 5)), 422, "room-retired");
    }

    @Test
    void aServiceWithTicketsTodayIsRetiredOnceTheyAreServed() {
        assertEquals(200, server.put("/api/v1/services/tea", server.adminToken(), Map.of("hub", TestServer.HUB,
                "letter", "T", "nameZh", "茶歇", "nameEn", "Tea corner", "typicalMinutes", 5)).status());
        assertEquals(200, server.put("/api/v1/counters/counter-3", server.adminToken(), Map.of("hub", TestServer.HUB,
                "nameZh", "3号窗口", "nameEn", "Counter 3", "services", List.of("tea"))).status());
        assertEquals(201, server.post("/api/v1/services/tea/tickets", server.kioskKey(), Map.of()).status());

        TestServer.Response waiting = act("services", "tea", "retire");
        refused(waiting, 409, "service-in-use");
        assertEquals(1, waiting.json().path("tickets").asInt(), waiting.text());
        assertEquals(200, server.post("/api/v1/counters/counter-3/call-next", server.counterToken(), null).status());
        refused(act("services", "tea", "retire"), 409, "service-in-use"); // being served still counts
        assertEquals(200, server.post("/api/v1/counters/counter-3/complete", server.counterToken(), null).status());

        assertEquals(200, act("services", "tea", "retire").status());
        assertFalse(ids(hub().path("services")).contains("tea"), "no queue tile on the kiosk");
        assertEquals(List.of("tea"), ids(hub().path("retired").path("services")));
        assertFalse(server.get("/api/v1/hubs/" + TestServer.HUB + "/queues", null).text().contains("\"tea\""));
        refused(server.post("/api/v1/services/tea/tickets", server.kioskKey(), Map.of()), 422, "service-retired");
        assertFalse(server.get("/api/v1/counters/counter-1", server.counterToken()).json().path("transferTo")
                .toString().contains("\"tea\""), "no counter transfers to it");
        // it keeps its letter, so its past tickets (T001) stay its own
        refused(server.put("/api/v1/services/tea2", server.adminToken(), Map.of("hub", TestServer.HUB,
                "letter", "T", "nameZh", "茶", "nameEn", "Tea", "typicalMinutes", 5)), 422, "letter-taken");

        assertEquals(200, act("services", "tea", "unretire").status());
        assertEquals(201, server.post("/api/v1/services/tea/tickets", server.kioskKey(), Map.of()).status());
    }

    /**
     * A kiosk that was offline sends the visits it kept: one made while the service was offered is a visit like any
     * other, one made after the retiring comes from a kiosk still showing the old list and is refused.
     */
    @Test
    void aVisitForARetiredServiceIsKeptOnlyWhenItCameBeforeTheRetiring() {
        assertEquals(200, server.put("/api/v1/services/tea", server.adminToken(), Map.of("hub", TestServer.HUB,
                "letter", "T", "nameZh", "茶歇", "nameEn", "Tea corner", "typicalMinutes", 5)).status());
        ZonedDateTime before = server.clock().hubNow();
        server.clock().advance(Duration.ofMinutes(10));
        assertEquals(200, act("services", "tea", "retire").status());

        refused(server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", "13800138000",
                "service", "tea")), 422, "service-retired");
        refused(server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", "13800138000",
                "service", "tea", "at", server.clock().hubNow().toOffsetDateTime().toString())), 422,
                "service-retired");
        TestServer.Response kept = server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", "13800138000",
                "service", "tea", "at", before.plusMinutes(2).toOffsetDateTime().toString()));
        assertEquals(201, kept.status(), kept.text());
        assertEquals(1, server.count("SELECT count(*) FROM checkin WHERE service_id = 'tea'"));
    }

    @Test
    void aCounterIsRetiredOnceClosedAndThenCallsNobody() {
        // never opened nor closed: open
        refused(act("counters", "salon", "retire"), 409, "counter-in-use");
        assertEquals(200, server.post("/api/v1/counters/salon/close", server.counterToken(), null).status());

        assertEquals(200, act("counters", "salon", "retire").status());
        assertFalse(ids(hub().path("counters")).contains("salon"), "the board and consoles no longer list it");
        assertEquals(List.of("salon"), ids(hub().path("retired").path("counters")));
        assertEquals(201, server.post("/api/v1/services/haircut/tickets", server.kioskKey(), Map.of()).status());
        refused(server.post("/api/v1/counters/salon/call-next", server.counterToken(), null), 409, "counter-retired");
        refused(server.post("/api/v1/counters/salon/open", server.counterToken(), null), 409, "counter-retired");

        assertEquals(200, act("counters", "salon", "unretire").status());
        assertEquals(200, server.post("/api/v1/counters/salon/open", server.counterToken(), null).status());
        assertEquals(200, server.post("/api/v1/counters/salon/call-next", server.counterToken(), null).status());
        refused(act("counters", "salon", "retire"), 409, "counter-in-use"); // serving
        assertEquals(404, act("counters", "no-such-counter", "retire").status());
    }

    /**
     * Retired elsewhere (another replica, or a retiring committed while this request was on its way) while this
     * replica's catalogue still has the room in use, for up to its cache's ten seconds: the booking's own transaction
     * refuses it.
     */
    @Test
    void aRoomRetiredBehindTheCataloguesBackIsRefusedByTheBookingsTransaction() {
        assertEquals(200, server.put("/api/v1/rooms/tea-room", server.adminToken(), Map.of("hub", TestServer.HUB,
                "nameZh", "茶室", "nameEn", "Tea room", "capacity", 8)).status());
        TestServer.Response first = server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "tea-room", 10, "13800138000"));
        assertEquals(201, first.status(), first.text()); // the room is now in this replica's catalogue cache
        assertEquals(1, (int) server.components().db().write(c -> org.linli.central.store.Sql.update(c,
                "UPDATE room SET retired_ts = ? WHERE id = 'tea-room'", server.clock().instant().getEpochSecond())));

        refused(server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "tea-room", 14, "13800138001")), 422, "room-retired");
        assertEquals(1, server.count("SELECT count(*) FROM booking WHERE room_id = 'tea-room'"));
    }
}
