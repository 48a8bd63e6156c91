package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.protocol.testing.MosquittoBroker;

/** The live-operations HTTP API: who may call it, what bad input gets, and the shapes of docs/api.md. */
class LiveApiIT {
    static final String HUB = TestServer.HUB;
    @TempDir
    static Path dir;
    static MosquittoBroker broker;
    static TestServer server;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        server = TestServer.onMachineClock(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                "live.client-id", "central-api-it"));
    }

    @AfterAll
    static void stop() {
        server.close();
        broker.close();
    }

    @Test
    void registersDevicesForAdminsOnlyAndRefusesBadInputWithProblems() {
        Map<String, Object> device = Map.of("id", "lobby-door", "hub", HUB, "rooms", List.of("studio"));
        assertEquals(401, server.post("/api/v1/devices", null, device).status());
        assertEquals(403, server.post("/api/v1/devices", server.token("operator"), device).status());
        assertEquals(403, server.post("/api/v1/devices", server.kioskKey(), device).status());
        String admin = server.token("admin");
        for (String bad : List.of("{", "[]", "{\"id\":\"x y\",\"hub\":\"" + HUB + "\",\"rooms\":[\"studio\"]}",
                "{\"id\":\"d1\",\"hub\":\"" + HUB + "\"}", "{\"id\":\"d1\",\"hub\":\"" + HUB + "\",\"rooms\":\"studio\"}",
                "{\"id\":\"d1\",\"hub\":\"" + HUB + "\",\"rooms\":[7]}", "{\"id\":5,\"hub\":\"" + HUB + "\",\"rooms\":[]}")) {
            TestServer.Response r = server.postRaw("/api/v1/devices", admin, bad);
            assertEquals(400, r.status(), bad + " -> " + r.text());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        }
        assertEquals(422, server.post("/api/v1/devices", admin,
                Map.of("id", "d1", "hub", HUB, "rooms", List.of("no-such-room"))).status());
        assertEquals(422, server.post("/api/v1/devices", admin,
                Map.of("id", "d1", "hub", "no-such-hub", "rooms", List.of("studio"))).status());

        assertEquals(201, server.post("/api/v1/devices", admin, device).status());
        TestServer.Response again = server.post("/api/v1/devices", admin,
                Map.of("id", "lobby-door", "hub", HUB, "rooms", List.of("studio", "classroom")));
        assertEquals(200, again.status(), again.text());
        JsonNode list = server.get("/api/v1/devices", server.token("operator")).json();
        assertEquals("lobby-door", list.get(0).get("id").asText());
        assertEquals(List.of("classroom", "studio"), Stream.of(list.get(0).get("rooms").get(0).asText(),
                list.get(0).get("rooms").get(1).asText()).toList());
    }

    @Test
    void givesTheSnapshotEvacuationAndCounterViewToStaffOnly() {
        assertEquals(401, server.get("/api/v1/hubs/" + HUB + "/live", null).status());
        assertEquals(403, server.get("/api/v1/hubs/" + HUB + "/live", server.kioskKey()).status());
        assertEquals(404, server.get("/api/v1/hubs/no-such-hub/live", server.token("operator")).status());
        JsonNode live = server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
        for (String field : List.of("hub", "ts", "peopleInHub", "rooms", "queues", "devices", "alerts", "figures")) {
            assertTrue(live.has(field), field + " missing in " + live);
        }
        JsonNode room = live.get("rooms").get(0);
        for (String field : List.of("hub", "room", "name", "status", "occupied", "capacity")) {
            assertTrue(room.has(field), field + " missing in " + room);
        }
        assertTrue(live.get("figures").has("visitsTotal"), live.get("figures").toString());

        JsonNode evacuation = server.get("/api/v1/hubs/" + HUB + "/evacuation", server.token("counter")).json();
        assertEquals(HUB, evacuation.get("hub").asText());
        assertTrue(evacuation.get("rooms").size() > 0);

        TestServer.Response counter = server.get("/api/v1/counters/counter-1", server.token("counter"));
        assertEquals(200, counter.status(), counter.text());
        assertTrue(counter.json().get("waiting").isArray());
        assertEquals(404, server.get("/api/v1/counters/no-such-counter", server.token("counter")).status());
        assertEquals(404, server.post("/api/v1/alerts/999999/ack", server.token("operator"), null).status());
        assertEquals(404, server.post("/api/v1/alerts/not-a-number/ack", server.token("operator"), null).status());
    }

    @Test
    void streamsARoomEventAfterAnMqttPublish() throws Exception {
        assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", "reading-sensor", "hub", HUB, "rooms", List.of("reading-room"))).status());
        Brokers.awaitRetained(broker, "linli/v1/hubs/" + HUB + "/access/keys", keys -> true);
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        var stream = http.sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/events"))
                .header("Authorization", "Bearer " + server.token("operator")).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the stream ends when the test is done with it
            }
        });
        try (TestPublisher sensor = new TestPublisher(broker.url(), "reading-sensor")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
            sensor.publish("linli/v1/devices/reading-sensor/occupancy",
                    Fuzz.occupancy(System.currentTimeMillis(), 1, "reading-room", true, 4));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (int i = 0; i + 1 < lines.size(); i++) {
                    if (lines.get(i).equals("event:room") || lines.get(i).equals("event: room")) {
                        String data = lines.get(i + 1);
                        if (data.contains("\"room\":\"reading-room\"") && data.contains("\"status\":\"occupied\"")) {
                            return true;
                        }
                    }
                }
                return false;
            });
        } finally {
            reader.interrupt();
            http.shutdownNow();
        }
    }
}
