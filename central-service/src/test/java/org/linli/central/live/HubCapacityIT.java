package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.alerts.Alert;
import org.linli.central.events.AlertEvent;
import org.linli.central.events.HubEvent;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * A hub's fire certificate fixes how many people may be in it: the door counters' people over the hub's capacity
 * raise one hub_over_capacity alert while it lasts (more counts while over, or staff acknowledging it, raise no other),
 * and back within it the alert is resolved; the next time over raises a new one. With a room in use that no counter
 * counts, the count is a lower bound, the alert says so, and a lower bound over the capacity is over. Real Mosquitto,
 * real service, the counters' messages as the devices send them.
 */
class HubCapacityIT {
    static final String HUB = TestServer.HUB;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int CAPACITY = 10;

    @TempDir
    Path dir;
    final AtomicLong seq = new AtomicLong();
    // each sample later than the last: a room keeps the state of its latest sample
    final AtomicLong ts = new AtomicLong(System.currentTimeMillis());

    @Test
    void peopleOverTheHubsCapacityRaiseOneAlertWhileOverAndItIsResolvedBackWithin() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.onMachineClock(dir.resolve("data"), Map.of(
                        "mqtt.url", broker.url(), "live.client-id", "central-hub-capacity-it"))) {
            for (String[] device : List.of(new String[] {"studio-counter", "studio"},
                    new String[] {"reading-counter", "reading-room"}, new String[] {"activity-pir", "activity-room"})) {
                assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                        Map.of("id", device[0], "hub", HUB, "rooms", List.of(device[1]))).status());
            }
            List<AlertEvent> sent = new CopyOnWriteArrayList<>();
            Runnable unsubscribe = server.components().events().subscribe(event -> {
                if (event instanceof AlertEvent alert && alert.kind().equals(Alert.HUB_OVER_CAPACITY)) {
                    sent.add(alert);
                }
            });
            setCapacity(server, CAPACITY);
            await().atMost(WAIT).until(() -> server.components().mqttConnected());

            try (TestPublisher studio = new TestPublisher(broker.url(), "studio-counter");
                    TestPublisher reading = new TestPublisher(broker.url(), "reading-counter");
                    TestPublisher activity = new TestPublisher(broker.url(), "activity-pir")) {
                // 6 + 4: at the capacity, not over it
                count(studio, "studio", 6);
                count(reading, "reading-room", 4);
                awaitPeople(server, 10);
                checkNow(server);
                assertEquals(List.of(), hubAlerts(server), "10 of 10 is not over");

                count(reading, "reading-room", 5);
                await().atMost(WAIT).until(() -> hubAlerts(server).size() == 1);
                Alert first = hubAlerts(server).getFirst();
                assertTrue(first.message().en().startsWith("11 people counted in the rooms of "), first.toString());
                assertTrue(first.message().zh().contains("计数到 11 人，超过消防核定的 10 人"), first.toString());
                JsonNode live = live(server);
                assertEquals(11, live.get("peopleInHub").asInt(), live.toString());
                assertEquals(CAPACITY, live.get("capacity").asInt(), live.toString());
                assertTrue(live.get("overCapacity").asBoolean(), live.toString());
                assertTrue(kinds(live).contains(Alert.HUB_OVER_CAPACITY), live.toString());

                // more people while over, and staff acknowledging it while over: still the one alert
                count(reading, "reading-room", 6);
                awaitPeople(server, 12);
                TestServer.Response ack = server.post("/api/v1/alerts/" + first.id() + "/ack",
                        server.token("operator"), Map.of());
                assertEquals(200, ack.status(), ack.text());
                assertTrue(ack.json().get("acknowledged").asBoolean(), ack.text());
                assertFalse(ack.json().get("resolved").asBoolean(), "closed by staff, not by itself: " + ack.text());
                count(studio, "studio", 7);
                awaitPeople(server, 13);
                count(reading, "reading-room", 7);
                awaitPeople(server, 14);
                checkNow(server);
                assertEquals(1, stored(server), "one alert while over");

                // back within: resolved, and over again is a new alert
                count(reading, "reading-room", 2);
                awaitPeople(server, 9);
                await().atMost(WAIT).until(() -> lastAckBy(server).equals("operator (resolved)"));
                assertFalse(live(server).get("overCapacity").asBoolean());
                // sent again, so that a screen that said "acknowledged" says "resolved"
                JsonNode afterAck = await().atMost(WAIT).until(() -> lastSent(sent, first.id()),
                        e -> e != null && e.get("resolved").asBoolean());
                assertTrue(afterAck.get("acknowledged").asBoolean(), afterAck.toString());
                count(reading, "reading-room", 4);
                await().atMost(WAIT).until(() -> hubAlerts(server).size() == 1);
                assertEquals(2, stored(server));
                long second = hubAlerts(server).getFirst().id();
                // sent just after it is stored
                JsonNode raised = await().atMost(WAIT).until(() -> lastSent(sent, second), java.util.Objects::nonNull);
                assertFalse(raised.get("acknowledged").asBoolean() || raised.get("resolved").asBoolean(),
                        raised.toString());
                count(reading, "reading-room", 0);
                await().atMost(WAIT).until(() -> hubAlerts(server).isEmpty());
                assertEquals("(resolved)", lastAckBy(server), "resolved by itself, not by staff");
                JsonNode closed = await().atMost(WAIT).until(() -> lastSent(sent, second),
                        e -> e != null && e.get("resolved").asBoolean());
                assertTrue(closed.get("acknowledged").asBoolean(), "kept for older screens: " + closed);
                // staff pressing "acknowledge" after it closed by itself are told so
                TestServer.Response late = server.post("/api/v1/alerts/" + second + "/ack", server.token("operator"),
                        Map.of());
                assertEquals(200, late.status(), late.text());
                assertTrue(late.json().get("resolved").asBoolean(), late.text());
                assertEquals("(resolved)", lastAckBy(server), "not taken over by the late acknowledgement");

                // a room in use that no counter counts: "at least", and the lower bound alone is over
                activity.publish("linli/v1/devices/activity-pir/occupancy", "{\"ts\":" + ts.incrementAndGet()
                        + ",\"seq\":" + seq.incrementAndGet() + ",\"room\":\"activity-room\",\"occupied\":true,"
                        + "\"count\":null,\"source\":\"pir\"}");
                activity.flush();
                await().atMost(WAIT).until(() -> live(server).get("uncountedOccupiedRooms").asInt() == 1);
                checkNow(server);
                assertEquals(List.of(), hubAlerts(server), "7 and someone uncounted: not known to be over");
                count(reading, "reading-room", 5);
                await().atMost(WAIT).until(() -> hubAlerts(server).size() == 1);
                Alert lowerBound = hubAlerts(server).getFirst();
                assertTrue(lowerBound.message().en().startsWith("At least 12 people in the rooms of "),
                        lowerBound.toString());
                assertTrue(lowerBound.message().en().contains("1 more in use, not counted"), lowerBound.toString());
                assertTrue(lowerBound.message().zh().contains("至少有 12 人（另有 1 间有人，未计数）"),
                        lowerBound.toString());
                assertEquals(3, stored(server));
            } finally {
                unsubscribe.run();
            }
        }
    }

    private static List<String> fieldsOf(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The last alert event sent about an alert, as its JSON (the SSE data), or null. */
    private static JsonNode lastSent(List<AlertEvent> sent, long id) throws java.io.IOException {
        AlertEvent last = null;
        for (AlertEvent event : sent) {
            if (event.id() == id) {
                last = event;
            }
        }
        return last == null ? null : org.linli.central.web.Json.MAPPER.readTree(org.linli.central.web.Json.bytes(last));
    }

    /** A capacity set below the people already in raises the alert at once, not at the next count. */
    @Test
    void aCapacitySetBelowThePeopleAlreadyInRaisesTheAlertAtOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.onMachineClock(dir.resolve("data"), Map.of(
                        "mqtt.url", broker.url(), "live.client-id", "central-hub-capacity-set-it"))) {
            assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                    Map.of("id", "studio-counter", "hub", HUB, "rooms", List.of("studio"))).status());
            await().atMost(WAIT).until(() -> server.components().mqttConnected());
            try (TestPublisher studio = new TestPublisher(broker.url(), "studio-counter")) {
                count(studio, "studio", 5);
                awaitPeople(server, 5);
            }
            setCapacity(server, 400);
            assertEquals(List.of(), hubAlerts(server), "5 of 400 is not over");
            List<org.linli.central.events.Event> sent = new CopyOnWriteArrayList<>();
            Runnable unsubscribe = server.components().events().subscribe(sent::add);
            try {
                setCapacity(server, 4);
                assertEquals(1, hubAlerts(server).size(), "raised by the edit itself");
                long raised = hubAlerts(server).getFirst().id();
                setCapacity(server, 40);
                assertEquals(List.of(), hubAlerts(server), "resolved by the edit itself");
                assertTrue(sent.stream().anyMatch(e -> e instanceof AlertEvent a && a.id() == raised && a.resolved()
                        && a.acknowledged()), sent.toString());
                // screens are told the hub's capacity at each edit, in the order made
                List<Integer> capacities = sent.stream().filter(HubEvent.class::isInstance).map(HubEvent.class::cast)
                        .map(HubEvent::capacity).toList();
                assertEquals(List.of(4, 40), capacities, sent.toString());
                JsonNode json = org.linli.central.web.Json.MAPPER.readTree(org.linli.central.web.Json.bytes(
                        sent.stream().filter(HubEvent.class::isInstance).findFirst().orElseThrow()));
                assertEquals(List.of("hub", "name", "capacity"), fieldsOf(json));
                assertEquals(HUB, json.get("hub").asText());
            } finally {
                unsubscribe.run();
            }
        }
    }

    /**
     * The hub's people are checked against its capacity at most once a second after the counts change, and at once
     * when the hub is saved: saved as it is, so that what a test asserts next follows a check of the counts it saw.
     */
    private static void checkNow(TestServer server) {
        setCapacity(server, CAPACITY);
    }

    /** The demo hub as it is, with a capacity, through the catalogue API as the catalogue page does it. */
    private static void setCapacity(TestServer server, int capacity) {
        JsonNode hub = server.get("/api/v1/hubs/" + HUB, null).json();
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("level", hub.get("level").asText());
        body.put("parent", hub.path("parent").isMissingNode() ? null : hub.get("parent").asText());
        body.put("nameZh", hub.get("name").get("zh").asText());
        body.put("nameEn", hub.get("name").get("en").asText());
        body.put("timezone", hub.get("timezone").asText());
        body.put("week", new ObjectMapper().convertValue(hub.get("week"), Map.class));
        body.put("closures", List.of());
        body.put("capacity", capacity);
        TestServer.Response r = server.put("/api/v1/hubs/" + HUB, server.adminToken(), body);
        assertEquals(200, r.status(), r.text());
    }

    private void count(TestPublisher counter, String room, int people) throws InterruptedException {
        counter.publish("linli/v1/devices/" + counter.client().getClientId() + "/occupancy",
                Fuzz.occupancy(ts.incrementAndGet(), seq.incrementAndGet(), room, people > 0, people));
        counter.flush();
    }

    private static void awaitPeople(TestServer server, int people) {
        await().atMost(WAIT).until(() -> live(server).get("peopleInHub").asInt() == people);
    }

    private static JsonNode live(TestServer server) {
        return server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
    }

    private static List<String> kinds(JsonNode live) {
        return java.util.stream.StreamSupport.stream(live.get("alerts").spliterator(), false)
                .map(a -> a.get("kind").asText()).toList();
    }

    private static List<Alert> hubAlerts(TestServer server) {
        return server.components().alerts().open(HUB).stream()
                .filter(a -> a.kind().equals(Alert.HUB_OVER_CAPACITY)).toList();
    }

    private static int stored(TestServer server) {
        return query(server, "SELECT count(*) FROM alert WHERE kind = 'hub_over_capacity'", rs -> rs.getInt(1));
    }

    private static String lastAckBy(TestServer server) {
        return query(server, "SELECT ack_by FROM alert WHERE kind = 'hub_over_capacity' ORDER BY id DESC LIMIT 1",
                rs -> String.valueOf(rs.getString(1)));
    }

    private static <T> T query(TestServer server, String sql, org.linli.central.store.Sql.Row<T> row) {
        return server.components().db().read(c -> {
            try (var st = c.prepareStatement(sql); var rs = st.executeQuery()) {
                rs.next();
                return row.read(rs);
            }
        });
    }
}
