package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.alerts.Alert;
import org.linli.central.catalogue.Name;
import org.linli.central.web.Json;

/**
 * Finding M3: the live stream shows a caller only its own hubs' events, and a key revoked (or a session ended) while
 * its stream is open gets nothing more: the stream ends.
 */
class EventStreamIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** The stream's lines as they come, and whether it ended. */
    record Stream_(List<String> lines, AtomicBoolean ended) {
        boolean has(String text) {
            return lines.stream().anyMatch(line -> line.contains(text));
        }
    }

    private static Stream_ open(TestServer server, String bearer, String query) throws Exception {
        return open(server, bearer, query, null);
    }

    private static Stream_ open(TestServer server, String bearer, String query, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1/events" + query))
                .header("Authorization", "Bearer " + bearer).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Stream_ stream = new Stream_(new CopyOnWriteArrayList<>(), new AtomicBoolean());
        Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = response.body()) {
                lines.forEach(stream.lines()::add);
            } catch (RuntimeException e) {
                // the connection was cut: ended as well
            }
            stream.ended().set(true);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.has("event:open"));
        return stream;
    }

    @Test
    void aKioskSeesOnlyItsHubAndARevokedKeyIsCutOff() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            TestServer.Response issued = server.post("/api/v1/hubs/wutong66/kiosk-keys", server.adminToken(),
                    Map.of("label", "lobby 2"));
            assertEquals(201, issued.status(), issued.text());
            String key = issued.json().get("key").asText();
            Stream_ kiosk = open(server, key, "");
            Stream_ district = open(server, server.adminToken(), "");
            assertEquals(403, server.get("/api/v1/events?hub=xuhui", key).status());

            server.components().alerts().raise("xuhui", Alert.DEVICE_OFFLINE, null, "d1", new Name("区里的", "district-only"));
            server.components().alerts().raise("wutong66", Alert.DEVICE_OFFLINE, null, "d2", new Name("本汇的", "own-hub"));
            await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.has("own-hub") && district.has("own-hub"));
            assertTrue(district.has("district-only"));
            assertFalse(kiosk.has("district-only"), "a kiosk of wutong66 saw an event of xuhui");

            assertEquals(204, server.delete("/api/v1/hubs/wutong66/kiosk-keys/" + issued.json().get("id").asText(),
                    server.adminToken()).status());
            server.components().alerts().raise("wutong66", Alert.DEVICE_OFFLINE, null, "d3", new Name("撤销后", "after-revoking"));
            await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.ended().get());
            assertFalse(kiosk.has("after-revoking"), "a revoked key still got events");
            await().atMost(Duration.ofSeconds(10)).until(() -> district.has("after-revoking"));
            assertFalse(district.ended().get());
        }
    }

    /**
     * On a quiet hub no event comes to check the caller again: the keep-alive does, so a session signed out while its
     * stream is open is cut off at the next keep-alive (every 15 s) even when nothing happens.
     */
    @Test
    void aSessionSignedOutIsCutOffAtTheNextKeepAliveWhenNothingHappens() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String operator = server.login("operator", server.password("operator"));
            // resuming after an id beyond the journal: no snapshot, no replay, only what happens from now on
            Stream_ staff = open(server, operator, "", "999999999999999999");
            assertEquals(204, server.post("/api/v1/auth/logout", operator, null).status());
            await().atMost(Duration.ofSeconds(25)).until(() -> staff.ended().get());
            assertTrue(staff.lines().stream().filter(line -> line.startsWith("event:"))
                    .allMatch(line -> line.equals("event:open") || line.equals("event:ping")),
                    "ended by the keep-alive's check, not by an event: " + staff.lines());
        }
    }

    /**
     * A kiosk that starts (or a dashboard opened) before any sensor speaks shows each room as it is now rather than
     * nothing until the next change; one that resumes gets what it missed instead, not the whole state again.
     */
    @Test
    void aStreamStartedAfreshBeginsWithEachRoomOfItsHubsAsItIsNow() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertEquals(200, server.put("/api/v1/rooms/district-hall", server.adminToken(), Map.of("hub", "xuhui",
                    "nameZh", "区会议室", "nameEn", "District hall", "capacity", 50)).status());
            TestServer.Response issued = server.post("/api/v1/hubs/wutong66/kiosk-keys", server.adminToken(),
                    Map.of("label", "lobby 3"));
            assertEquals(201, issued.status(), issued.text());
            String key = issued.json().get("key").asText();

            Stream_ kiosk = open(server, key, "");
            await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.has("\"room\":\"council-hall\"")
                    && kiosk.has("\"room\":\"roof-terrace\""));
            assertTrue(kiosk.has("event:room"));
            Stream_ district = open(server, server.adminToken(), "");
            await().atMost(Duration.ofSeconds(10)).until(() -> district.has("\"room\":\"district-hall\"")
                    && district.has("\"room\":\"council-hall\""));

            Stream_ resumed = open(server, key, "", "999999999999999999");
            server.components().alerts().raise("wutong66", Alert.DEVICE_OFFLINE, null, "d4", new Name("续上的", "resumed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.has("resumed") && kiosk.has("resumed"));
            assertFalse(kiosk.has("district-hall"), "a kiosk of wutong66 was shown a room of xuhui");
            assertFalse(resumed.has("event:room"), "a resumed stream was sent the whole state again");
        }
    }

    /**
     * An activity called off leaves the hub's list: the kiosks of that hub learn it from an {@code activity} event on
     * their stream (with what they need to show it marked so), and those of another hub do not.
     */
    @Test
    void anActivityCalledOffReachesTheKiosksOfItsHubOnly() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertEquals(200, server.put("/api/v1/activities/tea-talk", server.adminToken(), Map.of("room",
                    "activity-room", "titleZh", "茶话会", "titleEn", "Tea talk", "start", server.tomorrowAt(15, 0)
                            .toString(), "end", server.tomorrowAt(16, 0).toString(), "capacity", 8)).status());
            server.components().catalogue().put(new org.linli.central.catalogue.Hub("yongkang", "street", "xuhui",
                    new Name("永康邻里汇", "Yongkang Hub"), java.time.ZoneId.of("Asia/Shanghai"),
                    java.time.LocalTime.of(8, 0), java.time.LocalTime.of(21, 0)));
            String own = kioskKey(server, "wutong66");
            String other = kioskKey(server, "yongkang");
            Stream_ kiosk = open(server, own, "");
            Stream_ elsewhere = open(server, other, "");

            assertEquals(200, server.post("/api/v1/activities/tea-talk/cancel", server.adminToken(),
                    Map.of("reason", "teacher ill")).status());
            await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.has("event:activity") && kiosk.has("tea-talk"));
            String data = kiosk.lines().stream().filter(line -> line.contains("tea-talk")).findFirst().orElseThrow();
            assertTrue(data.contains("\"id\":\"tea-talk\"") && data.contains("\"status\":\"cancelled\"")
                    && data.contains("\"hub\":\"wutong66\"") && data.contains("Tea talk"), data);

            // something of its own hub after it: had the other hub's kiosk been sent the activity, it would be there
            server.components().alerts().raise("yongkang", Alert.DEVICE_OFFLINE, null, "d5", new Name("永康", "after-it"));
            await().atMost(Duration.ofSeconds(10)).until(() -> elsewhere.has("after-it"));
            assertFalse(elsewhere.has("event:activity") || elsewhere.has("tea-talk"),
                    "a kiosk of yongkang was told of an activity of wutong66");
        }
    }

    /**
     * Issue 13: a ticket's id is its only permission (its page, its rating from the resident's phone) and a kiosk
     * rates check-ins and bookings by id. A kiosk key and a screen's display key are sent calls, check-ins and
     * bookings without those ids, so what they get rates nobody's visit before its resident; staff still get them.
     */
    @Test
    void kiosksAndScreensAreSentNoIdThatRatesOrReadsSomeoneElsesVisit() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String hub = TestServer.HUB;
            String screen = server.post("/api/v1/hubs/" + hub + "/display-keys", server.adminToken(),
                    Map.of("label", "Board", "scope", "screen")).json().get("key").asText();
            Stream_ kiosk = open(server, server.kioskKey(), "");
            Stream_ board = open(server, screen, "?hub=" + hub);
            Stream_ staff = open(server, server.operatorToken(), "?hub=" + hub);

            // the residents are served at the hub's other kiosk and at a counter
            String other = kioskKey(server, hub);
            // within the hour, so that the staff's session (12 hours) outlasts the clock moved to it
            java.time.ZonedDateTime one = server.today().atTime(13, 0).atZone(server.zone());
            TestServer.Response booked = server.post("/api/v1/bookings", other, Map.of("room", "studio",
                    "start", one.toOffsetDateTime().toString(), "end", one.plusHours(1).toOffsetDateTime().toString(),
                    "phone", "13800138041", "attendees", 4, "purpose", "reading group"));
            assertEquals(201, booked.status(), booked.text());
            String booking = booked.json().get("id").asText();
            server.clock().set(one.plusMinutes(5).toInstant());
            TestServer.Response visit = server.post("/api/v1/checkins", other,
                    Map.of("token", booked.json().get("token").asText()));
            assertEquals(201, visit.status(), visit.text());
            String checkin = visit.json().get("id").asText();
            JsonNode drawn = server.post("/api/v1/services/legal/tickets", other, Map.of()).json();
            String ticket = drawn.get("id").asText();
            assertEquals(200, server.post("/api/v1/counters/counter-3/call-next", server.counterToken(), null).status());
            assertEquals(200, server.post("/api/v1/counters/counter-3/complete", server.counterToken(), null).status());
            server.components().alerts().raise(hub, Alert.DEVICE_OFFLINE, null, "d6", new Name("之后", "after-all"));

            List<String> ids = List.of(booking, checkin, ticket);
            await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of(kiosk, board, staff)
                    .allMatch(stream -> stream.has("after-all")));
            assertTrue(ids.stream().allMatch(staff::has), "staff's stream lost the ids: " + staff.lines());
            for (Stream_ stream : List.of(kiosk, board)) {
                List<JsonNode> visits = data(stream, Set.of("call", "checkin", "booking", "room"));
                assertTrue(Set.of("call", "checkin", "booking").stream().allMatch(name -> stream.has("event:" + name)),
                        stream.lines().toString());
                for (String id : ids) {
                    assertFalse(stream.has(id), "a kiosk or screen was sent the id " + id + ": " + stream.lines());
                }
                for (String value : values(visits)) {
                    assertNotRated(server.post("/api/v1/tickets/" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                            + "/rating", null, Map.of("rating", 1)), value);
                    for (String kind : List.of("ticket", "checkin", "booking")) {
                        assertNotRated(server.post("/api/v1/feedback", server.kioskKey(), Map.of(kind, value,
                                "rating", 1)), value);
                    }
                }
                assertEquals(drawn.get("number").asText(), data(stream, Set.of("call")).get(0).get("number").asText(),
                        "the board's number");
            }
            // a board that starts mid-day reads the calls of before: their numbers, not their tickets
            TestServer.Response calls = server.get("/api/v1/hubs/" + hub + "/calls", screen);
            assertEquals(200, calls.status(), calls.text());
            assertTrue(calls.text().contains("\"number\"") && !calls.text().contains(ticket), calls.text());
            assertTrue(server.get("/api/v1/hubs/" + hub + "/calls", server.operatorToken()).text().contains(ticket));
            // nor the booking running now in its room, on the lobby's snapshot
            assertFalse(server.get("/api/v1/hubs/" + hub + "/live", screen).text().contains(booking));
            assertTrue(server.get("/api/v1/hubs/" + hub + "/live", server.operatorToken()).text().contains(booking));

            // so each resident still rates their own visit
            assertEquals(201, server.post("/api/v1/tickets/" + ticket + "/rating", null, Map.of("rating", 5)).status());
            assertEquals(201, server.post("/api/v1/feedback", other, Map.of("checkin", checkin, "rating", 5)).status());
            assertEquals(201, server.post("/api/v1/feedback", other, Map.of("booking", booking, "rating", 5)).status());
        }
    }

    /** The data of the stream's events of these names. */
    private static List<JsonNode> data(Stream_ stream, Set<String> names) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        String name = null;
        for (String line : stream.lines()) {
            if (line.startsWith("event:")) {
                name = line.substring("event:".length());
            } else if (line.startsWith("data:") && names.contains(name)) {
                found.add(Json.MAPPER.readTree(line.substring("data:".length())));
            } else if (line.isEmpty()) {
                name = null;
            }
        }
        return found;
    }

    /** Every value of the events' fields, as text: anything a caller could try as an id. */
    private static Set<String> values(List<JsonNode> events) {
        Set<String> values = new TreeSet<>();
        for (JsonNode event : events) {
            event.properties().forEach(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    values.add(field.getValue().asText());
                }
            });
        }
        return values;
    }

    private static void assertNotRated(TestServer.Response response, String tried) {
        assertTrue(response.status() >= 400 && response.status() < 500 && response.status() != 409,
                tried + ": " + response.status() + " " + response.text());
    }

    private static String kioskKey(TestServer server, String hub) {
        TestServer.Response issued = server.post("/api/v1/hubs/" + hub + "/kiosk-keys", server.adminToken(),
                Map.of("label", "lobby of " + hub));
        assertEquals(201, issued.status(), issued.text());
        return issued.json().get("key").asText();
    }
}
