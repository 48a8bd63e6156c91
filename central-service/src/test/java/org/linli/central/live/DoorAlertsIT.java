package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.alerts.Alert;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * What a door says raises the operator's alerts, named by the room in the staff's words: held open, a clock it does
 * not trust, a room counting more people than it holds. An event replayed from an agent's outbox long after it
 * happened is stored but raises nothing: the moment has passed.
 */
class DoorAlertsIT {
    static final String HUB = TestServer.HUB;
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void heldOpenUntrustedClockAndOverCapacityRaiseAlertsAndAStaleEventDoesNot() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.onMachineClock(dir.resolve("data"), Map.of(
                        "mqtt.url", broker.url(), "live.client-id", "central-door-alerts-it"))) {
            for (String[] door : List.of(new String[] {"studio-door", "studio"},
                    new String[] {"reading-door", "reading-room"})) {
                assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                        Map.of("id", door[0], "hub", HUB, "rooms", List.of(door[1]))).status());
            }
            await().atMost(WAIT).until(() -> server.components().mqttConnected());
            JsonNode hub = server.get("/api/v1/hubs/" + HUB, server.token("operator")).json();
            JsonNode studio = StreamSupport.stream(hub.get("rooms").spliterator(), false)
                    .filter(r -> r.get("id").asText().equals("studio")).findFirst().orElseThrow();
            int capacity = studio.get("capacity").asInt();
            String studioZh = studio.get("name").get("zh").asText();

            try (TestPublisher studioDoor = new TestPublisher(broker.url(), "studio-door");
                    TestPublisher readingDoor = new TestPublisher(broker.url(), "reading-door")) {
                long now = System.currentTimeMillis();
                // the reading room's door was held open eleven minutes ago, sent only now from its outbox
                readingDoor.publish("linli/v1/devices/reading-door/events",
                        Fuzz.event(now - Duration.ofMinutes(11).toMillis(), 1, "reading-room", "door.held_open", null));
                studioDoor.publish("linli/v1/devices/studio-door/events",
                        Fuzz.event(now, 1, "studio", "door.held_open", null));
                studioDoor.publish("linli/v1/devices/studio-door/events",
                        Fuzz.event(now, 2, "studio", "clock.untrusted", null));
                studioDoor.publish("linli/v1/devices/studio-door/occupancy",
                        Fuzz.occupancy(now, 3, "studio", true, capacity + 2));
                studioDoor.flush();
                readingDoor.flush();

                await().atMost(WAIT).until(() -> kinds(server).containsAll(
                        List.of(Alert.DOOR_HELD_OPEN, Alert.CLOCK_UNTRUSTED, Alert.OVER_CAPACITY)));
                // stored, so the stale event was not merely lost on the way
                await().atMost(WAIT).until(() -> server.components().db().read(c -> {
                    try (var st = c.prepareStatement(
                            "SELECT count(*) FROM device_event WHERE device_id = 'reading-door'");
                            var rs = st.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }) == 1);
            }

            JsonNode alerts = server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json()
                    .get("alerts");
            List<String> rooms = new ArrayList<>();
            for (JsonNode alert : alerts) {
                rooms.add(alert.get("kind").asText() + " " + alert.path("room").asText());
                if (alert.get("kind").asText().equals(Alert.DOOR_HELD_OPEN)) {
                    assertTrue(alert.get("message").get("zh").asText().startsWith(studioZh), alert.toString());
                }
                if (alert.get("kind").asText().equals(Alert.OVER_CAPACITY)) {
                    assertTrue(alert.get("message").get("en").asText().startsWith((capacity + 2) + " people in "),
                            alert.toString());
                }
            }
            assertEquals(3, alerts.size(), "one alert each, none for the stale event: " + rooms);
            assertTrue(rooms.stream().noneMatch(r -> r.endsWith(" reading-room")), rooms.toString());
        }
    }

    /**
     * A door's telemetry shows on the dashboard (CPU temperature, memory, uptime) and survives a restart; at 80 °C,
     * where a Pi slows itself down, it raises one alert however often it says so (the telemetry was dropped but for
     * the outbox depth and the version).
     */
    @Test
    void aDoorsTelemetryIsShownAndAHotOneRaisesOneAlert() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true")) {
            Map<String, String> config = Map.of("mqtt.url", broker.url(), "live.client-id", "central-door-health-it");
            try (TestServer server = TestServer.onMachineClock(dir.resolve("data"), config)) {
                assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                        Map.of("id", "studio-door", "hub", HUB, "rooms", List.of("studio"))).status());
                await().atMost(WAIT).until(() -> server.components().mqttConnected());
                try (TestPublisher door = new TestPublisher(broker.url(), "studio-door")) {
                    String online = "{\"state\":\"online\",\"ts\":" + System.currentTimeMillis() + "}";
                    door.publish("linli/v1/devices/studio-door/status",
                            online.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
                    for (int seq = 1; seq <= 3; seq++) {
                        door.publish("linli/v1/devices/studio-door/telemetry", "{\"ts\":" + System.currentTimeMillis()
                                + ",\"seq\":" + seq + ",\"uptimeS\":" + (3600 + seq) + ",\"heapBytes\":9000000,"
                                + "\"rssBytes\":" + 70L * 1024 * 1024 + ",\"cpuTempC\":83.5,\"outboxDepth\":0,"
                                + "\"outboxDropped\":0,\"version\":\"0.1.0\"}");
                    }
                    door.flush();
                    await().atMost(WAIT).until(() -> server.components().registry().view("studio-door")
                            .map(v -> Long.valueOf(3603).equals(v.health().uptimeS())).orElse(false));
                }
                JsonNode device = live(server).get("devices").get(0);
                assertEquals(83.5, device.get("cpuTempC").asDouble(), device.toString());
                assertEquals(70, device.get("memoryMb").asInt(), device.toString());
                assertEquals(3603, device.get("uptimeS").asLong(), device.toString());
                await().atMost(WAIT).until(() -> kinds(server).contains(Alert.DEVICE_HOT));
                assertEquals(List.of(Alert.DEVICE_HOT), kinds(server), "one alert for three hot reports");
                assertTrue(live(server).get("alerts").get(0).get("message").get("zh").asText().contains("84°C"));
            }
            try (TestServer again = TestServer.onMachineClock(dir.resolve("data"), config)) {
                JsonNode device = live(again).get("devices").get(0);
                assertEquals(83.5, device.get("cpuTempC").asDouble(), "kept across a restart: " + device);
            }
        }
    }

    private static JsonNode live(TestServer server) {
        return server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
    }

    private static List<String> kinds(TestServer server) {
        return server.components().alerts().open(HUB).stream().map(Alert::kind).toList();
    }
}
