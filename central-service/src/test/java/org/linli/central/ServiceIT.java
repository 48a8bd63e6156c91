package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Catalogue, check-ins, activities, feedback, events and the ops endpoints. */
class ServiceIT extends CentralIT {
    @Test
    void demoHubHasRoomsServicesCountersInBothLanguages() {
        JsonNode hub = server.get("/api/v1/hubs/wutong66", null).json();
        assertTrue(hub.get("rooms").size() >= 6);
        assertTrue(hub.get("services").size() >= 6);
        assertTrue(hub.get("counters").size() >= 3);
        assertEquals("08:00", hub.get("openingHours").get("open").asText());
        assertEquals("为老服务", hub.get("services").get(1).get("name").get("zh").asText());
        assertEquals(2, server.get("/api/v1/hubs", null).json().size());
        JsonNode week = server.get("/api/v1/hubs/wutong66/activities?from="
                + server.today() + "&to=" + server.today()
                .plusDays(7), null).json();
        assertEquals(7, week.size(), week.toString());
    }

    @Test
    void visitsAreCountedAndABookingTokenOutsideItsWindowIsRefused() {
        TestServer.Response card = server.post("/api/v1/residents/card", server.kioskKey(),
                Map.of("phone", "13600000001"));
        TestServer.Response visit = server.post("/api/v1/checkins", server.kioskKey(),
                Map.of("token", card.json().get("token").asText(), "service", "health"));
        assertEquals(201, visit.status(), visit.text());
        assertEquals("resident", visit.json().get("kind").asText());
        assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(),
                Map.of("phone", "13600000002", "activity", "demo-festival-6")).status());
        TestServer.Response booked = server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "classroom", 18, "13600000003"));
        TestServer.Response early = server.post("/api/v1/checkins", server.kioskKey(),
                Map.of("token", booked.json().get("token").asText()));
        assertEquals(422, early.status(), early.text());
        JsonNode figures = server.get("/api/v1/hubs/wutong66/checkins?date=" + server.today(),
                server.operatorToken()).json();
        assertEquals(2, figures.get("total").asInt(), figures.toString());
        assertEquals(1, figures.get("byService").get("health").asInt());
    }

    @Test
    void activityFillsUpThenWaitlistsAndMovesUpOnCancel() {
        // the studio crafts class holds 8
        String path = "/api/v1/activities/demo-kids-5/signups";
        long first = 0;
        for (int i = 0; i < 8; i++) {
            TestServer.Response r = server.post(path, server.kioskKey(), Map.of("phone", "1350000000" + i));
            assertEquals("confirmed", r.json().get("status").asText());
            if (i == 0) {
                first = r.json().get("id").asLong();
            }
        }
        TestServer.Response late = server.post(path, server.kioskKey(), Map.of("phone", "13500000009"));
        assertEquals("waitlisted", late.json().get("status").asText());
        assertEquals(1, late.json().get("position").asInt());
        TestServer.Response again = server.post(path, server.kioskKey(), Map.of("phone", "13500000009"));
        assertEquals(late.json().get("id"), again.json().get("id"));
        assertEquals(200, server.delete(path + "/" + first, server.operatorToken()).status());
        JsonNode list = server.get("/api/v1/hubs/wutong66/activities?to="
                + server.today().plusDays(8), null).json();
        for (JsonNode a : list) {
            if (a.get("id").asText().equals("demo-kids-5")) {
                assertEquals(8, a.get("signedUp").asInt());
                assertEquals(0, a.get("waitlisted").asInt());
            }
        }
    }

    @Test
    void feedbackOncePerItem() {
        TestServer.Response ticket = server.post("/api/v1/services/repairs/tickets", server.kioskKey(), Map.of());
        Map<String, Object> rating = Map.of("rating", 5, "ticket", ticket.json().get("id").asText(),
                "comment", "很好 👍");
        assertEquals(201, server.post("/api/v1/feedback", server.kioskKey(), rating).status());
        assertEquals(409, server.post("/api/v1/feedback", server.kioskKey(), rating).status());
    }

    @Test
    void queueCallsArriveAsServerSentEvents() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(server.uri("/api/v1/events"))
                .header("Authorization", "Bearer " + server.kioskKey())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        Iterator<String> lines = stream.body().iterator();
        assertEquals("event:open", lines.next(), "the stream opens with an event once subscribed");
        server.post("/api/v1/services/jobs/tickets", server.kioskKey(), Map.of());
        server.post("/api/v1/counters/counter-2/call-next", server.counterToken(), null);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                if (lines.next().equals("event:call")) {
                    return lines.next();
                }
            }
            return null;
        });
        String dataLine = call.get(20, TimeUnit.SECONDS);
        assertTrue(dataLine.startsWith("data:") && dataLine.contains("\"counter\":\"counter-2\""), dataLine);
        stream.body().close();
    }

    @Test
    void healthAndMetricsAreServed() {
        TestServer.Response health = server.get("/observe/health", null);
        assertEquals(200, health.status());
        assertTrue(health.text().contains("UP"), health.text());
        TestServer.Response metrics = server.get("/observe/metrics", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.text().contains("# TYPE"), metrics.text());
    }

    @Test
    void retentionDeletesResidentsNotSeenForTheRetentionPeriod() throws Exception {
        long residentsBefore = server.count("SELECT count(*) FROM resident");
        try (var c = server.openDatabase()) {
            c.createStatement().execute("""
                    INSERT INTO resident (phone_hmac, phone_last4, created_ts, last_seen_ts)
                    VALUES ('old-resident', '0000', 0, 0)""");
        }
        assertEquals(residentsBefore + 1, server.count("SELECT count(*) FROM resident"));
        try (var c = server.openDatabase()) {
            c.createStatement().execute("""
                    INSERT INTO booking (hub_id, room_id, start_ts, end_ts, phone_last4, attendees, purpose, status,
                        created_ts, changed_ts) VALUES ('wutong66', 'studio', 0, 3600, '1234', 2, 'Zhang family',
                        'used', 0, 0)""");
            // reasons staff typed are free text too, and may name the resident
            c.createStatement().execute("""
                    INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, purpose, status, cancel_reason,
                        created_ts, changed_ts) VALUES ('wutong66', 'studio', 7200, 10800, 1, '', 'cancelled',
                        'Mr Wang called in sick', 0, 0)""");
            c.createStatement().execute("""
                    INSERT INTO device_command (id, device_id, hub_id, cmd, room_id, duration_s, reason, actor,
                        source, sent_ts) VALUES ('old-command', 'studio-door', 'wutong66', 'unlock', 'studio', 5,
                        'let Mr Wang in', 'operator', '127.0.0.1', 0)""");
        }
        assertTrue(server.server().components().retention().run() >= 1);
        // finding L4: a booking's purpose (free text) goes with its phone digits
        assertEquals(0, server.count("SELECT count(*) FROM booking WHERE purpose = 'Zhang family'"
                + " OR phone_last4 = '1234'"));
        assertEquals(0, server.count("SELECT count(*) FROM booking WHERE cancel_reason LIKE '%Wang%'"));
        assertEquals(0, server.count("SELECT count(*) FROM device_command WHERE reason LIKE '%Wang%'"));
        assertEquals(1, server.count("SELECT count(*) FROM device_command WHERE id = 'old-command'"),
                "the command itself is kept: who opened which door when");
        assertEquals(0, server.count("SELECT count(*) FROM resident WHERE phone_hmac = 'old-resident'"));
        assertEquals(residentsBefore, server.count("SELECT count(*) FROM resident"));
    }
}
