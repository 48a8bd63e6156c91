package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.ingest.IngestCounters;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.payload.RoomStatePayload;
import org.linli.protocol.testing.MosquittoBroker;

/** Ingestion through a real Mosquitto into a real SQLite file, with the HTTP API of a real server. */
class IngestionIT {
    static final String HUB = TestServer.HUB;
    @TempDir
    static Path dir;
    static MosquittoBroker broker;
    static TestServer server;
    static TestPublisher device;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        server = TestServer.onMachineClock(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                "live.client-id", "central-ingest-it"));
        register("dev-a", "studio", "classroom");
        register("dev-b", "reading-room");
        awaitSubscribed(broker, HUB);
        device = new TestPublisher(broker.url(), "test-devices");
    }

    static void register(String id, String... rooms) {
        TestServer.Response r = server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", id, "hub", HUB, "rooms", List.of(rooms)));
        assertEquals(201, r.status(), r.text());
    }

    /** The service subscribes before it publishes the keys, so once the keys arrive, its subscription is in place. */
    static void awaitSubscribed(MosquittoBroker broker, String hub) throws Exception {
        try (TestPublisher watcher = new TestPublisher(broker.url(), "keys-watcher")) {
            CompletableFuture<byte[]> keys = new CompletableFuture<>();
            watcher.client().setCallback(new MessageCallback((topic, message) -> keys.complete(message)));
            watcher.client().subscribe(new MqttSubscription[] {
                    new MqttSubscription("linli/v1/hubs/" + hub + "/access/keys", 1)}).waitForCompletion(5000);
            byte[] published = keys.get(20, TimeUnit.SECONDS);
            JsonNode array = org.linli.central.web.Json.MAPPER.readTree(published);
            assertTrue(array.isArray() && array.get(0).get("alg").asText().equals("Ed25519"),
                    new String(published, StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static long count(String sql) {
        return server.components().db().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void storesEveryValidMessageAndNoneOfTenThousandFuzzedOnes() throws Exception {
        IngestCounters counters = server.components().ingestion().counters();
        long storedBefore = counters.stored();
        long droppedBefore = counters.malformed() + counters.unauthorised();
        long unauthorisedBefore = counters.unauthorised();
        long now = System.currentTimeMillis();
        record Out(String topic, byte[] payload) {
        }
        List<Out> messages = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (long seq = 1; seq <= 3000; seq++) {
            String dev = seq % 3 == 0 ? "dev-b" : "dev-a";
            String room = dev.equals("dev-b") ? "reading-room" : (seq % 2 == 0 ? "studio" : "classroom");
            boolean event = seq % 5 == 0;
            String body = event ? Fuzz.event(now, 10_000 + seq, room, "door.opened", null)
                    : Fuzz.occupancy(now, 10_000 + seq, room, seq % 4 != 0, (int) (seq % 7));
            messages.add(new Out("linli/v1/devices/" + dev + (event ? "/events" : "/occupancy"),
                    body.getBytes(StandardCharsets.UTF_8)));
            expected.add(dev + "/" + (10_000 + seq));
        }
        Fuzz fuzz = new Fuzz(42, "dev-a", "studio", "roof-terrace");
        int unauthorised = 0;
        for (int i = 0; i < 10_500; i++) {
            Fuzz.Bad bad = fuzz.next(now);
            unauthorised += bad.unauthorised() ? 1 : 0;
            messages.add(new Out(bad.topic(), bad.payload()));
        }
        Collections.shuffle(messages, new Random(7));
        for (Out m : messages) {
            device.publish(m.topic(), m.payload(), false);
        }
        device.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> counters.stored() - storedBefore
                + counters.malformed() + counters.unauthorised() - droppedBefore >= messages.size());
        assertEquals(3000, counters.stored() - storedBefore);
        assertEquals(10_500, counters.malformed() + counters.unauthorised() - droppedBefore);
        assertEquals(unauthorised, counters.unauthorised() - unauthorisedBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedKeys().size() >= expected.size());
        assertEquals(expected, storedKeys());
        assertEquals(0, count("SELECT count(*) FROM occupancy_sample WHERE seq >= " + Fuzz.BAD_SEQ + " OR room_id"
                + " NOT IN ('studio', 'classroom', 'reading-room')"));
        assertEquals(0, count("SELECT count(*) FROM device_event WHERE seq >= " + Fuzz.BAD_SEQ));

        DeviceRegistry.DeviceView a = server.components().registry().view("dev-a").orElseThrow();
        assertTrue(a.malformed() > 0 && a.dropped() > 0, a.toString());

        // still alive: the next valid message is stored
        device.publish("linli/v1/devices/dev-b/occupancy", Fuzz.occupancy(System.currentTimeMillis(), 20_000,
                "reading-room", false, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM occupancy_sample WHERE device_id = 'dev-b' AND seq = 20000") == 1);

        String metrics = server.get("/observe/metrics", null).text();
        assertTrue(metrics.contains("linli_ingest_malformed_total"), metrics);
        assertTrue(metrics.contains("linli_device_dropped_total{device=\"dev-a\""), metrics);
    }

    @Test
    void storesARedeliveredMessageOnce() throws Exception {
        IngestCounters counters = server.components().ingestion().counters();
        long duplicatesBefore = counters.duplicates();
        String sample = Fuzz.occupancy(System.currentTimeMillis(), 50_000, "classroom", true, 2);
        String event = Fuzz.event(System.currentTimeMillis(), 50_001, "classroom", "door.closed", null);
        for (int i = 0; i < 3; i++) {
            device.publish("linli/v1/devices/dev-a/occupancy", sample);
            device.publish("linli/v1/devices/dev-a/events", event);
        }
        device.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.duplicates() - duplicatesBefore == 4);
        assertEquals(1, count("SELECT count(*) FROM occupancy_sample WHERE device_id = 'dev-a' AND seq = 50000"));
        assertEquals(1, count("SELECT count(*) FROM device_event WHERE device_id = 'dev-a' AND seq = 50001"));
    }

    /**
     * The receipts the agents delete their outbox by: every seq stored (or stored before), and what is dropped for
     * good, acknowledged after the commit, at most one receipt per device and batch (those of 100 ms go together);
     * nothing for a device that is not registered (it keeps its messages until it is), and nothing for the service
     * itself to read back.
     */
    @Test
    void sendsEachDeviceReceiptsForWhatItStoredAndWhatIsDroppedForGood() throws Exception {
        IngestCounters counters = server.components().ingestion().counters();
        Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger receipts = new java.util.concurrent.atomic.AtomicInteger();
        PayloadCodec codec = new PayloadCodec();
        try (TestPublisher watcher = new TestPublisher(broker.url(), "receipt-watcher")) {
            watcher.client().setCallback(new MessageCallback((topic, message) -> {
                receipts.incrementAndGet();
                try {
                    for (AckPayload.Range range : codec.decodeAck(message).seqs()) {
                        for (long seq = range.from(); seq <= range.to(); seq++) {
                            acknowledged.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(seq);
                        }
                    }
                } catch (PayloadException e) {
                    throw new AssertionError("central sent a receipt its own codec refuses", e);
                }
            }));
            watcher.client().subscribe(new MqttSubscription[] {new MqttSubscription("linli/v1/devices/+/ack", 1)})
                    .waitForCompletion(5000);
            long batchesBefore = counters.batches();
            long receivedBefore = counters.received();
            long now = System.currentTimeMillis();
            for (long seq = 70_000; seq < 70_300; seq++) {
                device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(now, seq, "studio", true, 1));
            }
            // sent again (an agent that got no receipt), about another room, and an unreadable clock
            device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(now, 70_000, "studio", true, 1));
            device.publish("linli/v1/devices/dev-b/occupancy", Fuzz.occupancy(now, 80_000, "studio", true, 1));
            device.publish("linli/v1/devices/dev-b/events", "{\"ts\":12,\"seq\":80001,\"type\":\"door.opened\"}");
            device.publish("linli/v1/devices/dev-b/events", Fuzz.event(now, 80_002, "reading-room", "door.closed",
                    null));
            device.publish("linli/v1/devices/dev-unknown/occupancy", Fuzz.occupancy(now, 90_000, "studio", true, 1));
            device.flush();

            Set<Long> devA = new HashSet<>();
            for (long seq = 70_000; seq < 70_300; seq++) {
                devA.add(seq);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.getOrDefault(
                    "linli/v1/devices/dev-a/ack", Set.of()).size() == 300 && acknowledged.getOrDefault(
                    "linli/v1/devices/dev-b/ack", Set.of()).size() == 3);
            assertEquals(devA, acknowledged.get("linli/v1/devices/dev-a/ack"));
            assertEquals(Set.of(80_000L, 80_001L, 80_002L), acknowledged.get("linli/v1/devices/dev-b/ack"));
            assertEquals(1, count("SELECT count(*) FROM device_event WHERE device_id = 'dev-b' AND seq = 80002"));
            assertTrue(receipts.get() <= 2 * (counters.batches() - batchesBefore),
                    receipts + " receipts for " + (counters.batches() - batchesBefore) + " batches of two devices");
            assertTrue(receipts.get() < 300, "batched, not one per message: " + receipts);

            // a last message, acknowledged: by then the unknown device would have had its receipt too
            device.publish("linli/v1/devices/dev-b/occupancy", Fuzz.occupancy(now, 80_003, "reading-room", false, 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get("linli/v1/devices/dev-b/ack")
                    .contains(80_003L));
            assertTrue(!acknowledged.containsKey("linli/v1/devices/dev-unknown/ack"), acknowledged.keySet()::toString);

            // The broker hands the service messages in the order it took them: once this one is stored, any receipt
            // sent before it would have come back already, had the service subscribed to them.
            device.publish("linli/v1/devices/dev-b/occupancy", Fuzz.occupancy(now, 80_004, "reading-room", true, 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> count(
                    "SELECT count(*) FROM occupancy_sample WHERE device_id = 'dev-b' AND seq = 80004") == 1);
            assertEquals(307, counters.received() - receivedBefore,
                    "what the devices sent and nothing else: the service does not read its own receipts back");
        }
    }

    @Test
    void showsAnOccupiedRoomOnTheSnapshotAndAsRetainedState() throws Exception {
        long ts = System.currentTimeMillis() + 1000;
        device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(ts, 60_000, "studio", true, 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode live = server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
            for (JsonNode room : live.get("rooms")) {
                if (room.get("room").asText().equals("studio")) {
                    return room.get("status").asText().equals("occupied") && room.get("count").asInt() == 5;
                }
            }
            return false;
        });
        try (TestPublisher watcher = new TestPublisher(broker.url(), "state-watcher")) {
            CompletableFuture<RoomStatePayload> state = new CompletableFuture<>();
            PayloadCodec codec = new PayloadCodec();
            watcher.client().setCallback(new MessageCallback((topic, message) -> {
                try {
                    RoomStatePayload payload = codec.decodeRoomState(message);
                    if (payload.count() != null && payload.count() == 5) {
                        state.complete(payload);
                    }
                } catch (Exception e) {
                    state.completeExceptionally(e);
                }
            }));
            watcher.client().subscribe(new MqttSubscription[] {
                    new MqttSubscription("linli/v1/hubs/" + HUB + "/rooms/studio/state", 1)}).waitForCompletion(5000);
            RoomStatePayload retained = state.get(10, TimeUnit.SECONDS);
            assertEquals("occupied", retained.status());
            assertEquals(8, retained.capacity());
        }
        TestServer.Response evacuation = server.get("/api/v1/hubs/" + HUB + "/evacuation",
                server.token("operator"));
        assertEquals(200, evacuation.status(), evacuation.text());
        assertTrue(evacuation.json().get("total").asInt() >= 5, evacuation.text());
    }

    /**
     * A room whose state changes with every batch is sent to screens and doors at most every few milliseconds: the
     * states in between may be skipped, the last one never is.
     */
    @Test
    void aRoomThatKeepsChangingEndsInItsLastStateOnScreensAndAsRetainedState() throws Exception {
        int last = 20;
        CompletableFuture<org.linli.central.events.RoomEvent> onScreens = new CompletableFuture<>();
        Runnable unsubscribe = server.components().events().subscribe(event -> {
            if (event instanceof org.linli.central.events.RoomEvent room && room.room().equals("classroom")
                    && room.count() != null && room.count() == last) {
                onScreens.complete(room);
            }
        });
        try {
            long ts = System.currentTimeMillis() + 2000;
            // seqs of their own, far from the other tests'; counts 1..9 and then the last one, all in a burst
            for (int i = 1; i <= 40; i++) {
                device.publish("linli/v1/devices/dev-a/occupancy",
                        Fuzz.occupancy(ts + i, 90_000 + i, "classroom", true, 1 + i % 9));
            }
            device.publish("linli/v1/devices/dev-a/occupancy",
                    Fuzz.occupancy(ts + 41, 90_041, "classroom", true, last));
            assertEquals(true, onScreens.get(10, TimeUnit.SECONDS).occupied());
        } finally {
            unsubscribe.run();
        }
        // the retained state a door gets on subscribing is the last one, whatever was skipped before it
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (TestPublisher watcher = new TestPublisher(broker.url(), "burst-watcher")) {
                CompletableFuture<RoomStatePayload> state = new CompletableFuture<>();
                PayloadCodec codec = new PayloadCodec();
                watcher.client().setCallback(new MessageCallback((topic, message) -> {
                    try {
                        state.complete(codec.decodeRoomState(message));
                    } catch (PayloadException e) {
                        state.completeExceptionally(e);
                    }
                }));
                watcher.client().subscribe(new MqttSubscription[] {new MqttSubscription(
                        "linli/v1/hubs/" + HUB + "/rooms/classroom/state", 1)}).waitForCompletion(5000);
                RoomStatePayload retained = state.get(5, TimeUnit.SECONDS);
                return retained.count() != null && retained.count() == last;
            }
        });
    }

    /** The (device, seq) keys of the fuzz run's rows, as stored. */
    private Set<String> storedKeys() {
        return new HashSet<>(server.components().db().read(c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT device_id || '/' || seq FROM occupancy_sample WHERE seq BETWEEN 10001 AND 13000
                    UNION ALL SELECT device_id || '/' || seq FROM device_event WHERE seq BETWEEN 10001 AND 13000""");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }));
    }
}
