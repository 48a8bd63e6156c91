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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.alerts.Alert;
import org.linli.central.events.AlertEvent;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.StatusPayload;
import org.linli.protocol.payload.TelemetryPayload;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Alerts whose condition ends by itself are resolved when the devices say it ended: a room's counter back under its
 * capacity, a device online again, the door closed, the CPU cooler. Staff acknowledging one while it goes on raises
 * no other; it is resolved all the same, with who had handled it kept. Back within ten minutes of resolving, the
 * condition opens the same alert again; later, a new one. The hub's live snapshot lists today's alerts in every
 * state, and tomorrow only the open ones. Real Mosquitto, real service, the devices' messages as they send them, the
 * service on an injected clock.
 */
class AlertResolveIT {
    static final String HUB = TestServer.HUB;
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    final HubClock clock = new HubClock(HubTime.noon().local().toLocalDate().atTime(10, 0)
            .atZone(HubTime.SHANGHAI).toInstant(), HubTime.SHANGHAI);
    final PayloadCodec codec = new PayloadCodec();
    final AtomicLong seq = new AtomicLong();
    final List<AlertEvent> sent = new CopyOnWriteArrayList<>();
    MosquittoBroker broker;
    TestServer server;
    Runnable unsubscribe;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                "live.offline-after-seconds", "1", "live.client-id", "central-alert-resolve-it"), clock);
        for (String[] device : List.of(new String[] {"studio-counter", "studio"},
                new String[] {"studio-door", "studio"})) {
            assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                    Map.of("id", device[0], "hub", HUB, "rooms", List.of(device[1]))).status());
        }
        unsubscribe = server.components().events().subscribe(event -> {
            if (event instanceof AlertEvent alert) {
                sent.add(alert);
            }
        });
        await().atMost(WAIT).until(() -> server.components().mqttConnected());
    }

    @AfterEach
    void stop() {
        unsubscribe.run();
        server.close();
        broker.close();
    }

    @Test
    void aRoomBackUnderItsCapacityResolvesItsAlertAndAFlappingCountIsOneAlert() throws Exception {
        try (TestPublisher counter = new TestPublisher(broker.url(), "studio-counter")) {
            // the studio holds 8
            count(counter, 9);
            JsonNode raised = awaitAlert(Alert.OVER_CAPACITY, "open");
            long id = raised.get("id").asLong();
            assertEquals("studio", raised.get("room").asText());
            assertTrue(raised.get("acknowledgedBy").isNull() && raised.get("resolvedAt").isNull(), raised.toString());

            // staff on it while the room is still over: one alert, however the count goes on
            clock.advance(Duration.ofMinutes(2));
            TestServer.Response ack = server.post("/api/v1/alerts/" + id + "/ack", server.token("operator"), null);
            assertEquals(200, ack.status(), ack.text());
            assertEquals("acknowledged", ack.json().get("state").asText(), ack.text());
            assertEquals("operator", ack.json().get("acknowledgedBy").asText(), ack.text());
            assertEquals(at(clock.millis()), ack.json().get("acknowledgedAt").asText(), ack.text());
            count(counter, 10);
            count(counter, 11);
            await().atMost(WAIT).until(() -> roomCount(server) == 11);
            assertEquals(1, stored(Alert.OVER_CAPACITY), "acknowledged, still over: no second alert");

            // the room empties: resolved, who handled it kept, sent to the screens
            clock.advance(Duration.ofMinutes(3));
            long emptied = clock.millis();
            count(counter, 3);
            JsonNode resolved = awaitAlert(Alert.OVER_CAPACITY, "resolved");
            assertEquals(id, resolved.get("id").asLong());
            assertEquals(at(emptied), resolved.get("resolvedAt").asText(), resolved.toString());
            assertEquals("operator", resolved.get("acknowledgedBy").asText(), "who handled it, kept");
            assertTrue(resolved.get("acknowledged").asBoolean() && resolved.get("resolved").asBoolean());
            AlertEvent event = await().atMost(WAIT).until(() -> lastSent(id), e -> e != null && e.resolved());
            assertEquals(Alert.RESOLVED, event.state());
            assertTrue(server.components().alerts().open(HUB).isEmpty());
            // a late acknowledgement changes nothing
            TestServer.Response late = server.post("/api/v1/alerts/" + id + "/ack", server.token("counter"), null);
            assertEquals(200, late.status(), late.text());
            assertEquals("operator", late.json().get("acknowledgedBy").asText(), late.text());
            assertEquals("resolved", late.json().get("state").asText(), late.text());

            // over again five minutes later: the same alert, open again (its acknowledgement was for before)
            clock.advance(Duration.ofMinutes(5));
            count(counter, 9);
            JsonNode reopened = await().atMost(WAIT).until(() -> alertById(id),
                    a -> a != null && a.get("state").asText().equals("open"));
            assertTrue(reopened.get("acknowledgedBy").isNull() && reopened.get("resolvedAt").isNull(),
                    reopened.toString());
            assertTrue(reopened.get("message").get("en").asText().startsWith("9 people in Studio"),
                    reopened.toString());
            assertEquals(1, stored(Alert.OVER_CAPACITY), "a flapping count is one alert");
            count(counter, 8);
            awaitAlert(Alert.OVER_CAPACITY, "resolved");

            // over again eleven minutes after it resolved: a new alert; the old one stays listed today, resolved
            clock.advance(Duration.ofMinutes(11));
            count(counter, 12);
            JsonNode second = await().atMost(WAIT).until(() -> latest(Alert.OVER_CAPACITY),
                    a -> a != null && a.get("id").asLong() != id);
            assertEquals("open", second.get("state").asText(), second.toString());
            assertEquals(2, stored(Alert.OVER_CAPACITY));
            assertEquals("resolved", alertById(id).get("state").asText());

            // the next morning: yesterday's resolved alert is gone from the list, the one still open is there
            clock.set(HubTime.noon().local().toLocalDate().plusDays(1).atTime(8, 0)
                    .atZone(HubTime.SHANGHAI).toInstant());
            // (what the snapshot lists, asked directly: the staff's session did not last the night)
            List<Long> listed = server.components().alerts().today(HUB).stream().map(Alert::id).toList();
            assertEquals(List.of(second.get("id").asLong()), listed, "the open one only");
        }
    }

    @Test
    void aDeviceBackOnlineADoorClosedAndACoolerCpuResolveTheirAlerts() throws Exception {
        try (TestPublisher door = new TestPublisher(broker.url(), "studio-door")) {
            door.publish(Topics.deviceStatus("studio-door"), codec.encode(new StatusPayload("online", clock.millis(),
                    "test")), true);
            await().atMost(WAIT).until(() -> server.components().registry().view("studio-door")
                    .map(v -> v.online()).orElse(false));

            // offline for longer than the second it may be: the alert; online again: resolved
            door.publish(Topics.deviceStatus("studio-door"), codec.encode(new StatusPayload("offline", clock.millis(),
                    "test")), true);
            JsonNode offline = awaitAlert(Alert.DEVICE_OFFLINE, "open");
            assertEquals("studio-door", offline.get("device").asText());
            clock.advance(Duration.ofMinutes(1));
            door.publish(Topics.deviceStatus("studio-door"), codec.encode(new StatusPayload("online", clock.millis(),
                    "test")), true);
            JsonNode online = awaitAlert(Alert.DEVICE_OFFLINE, "resolved");
            assertEquals(at(clock.millis()), online.get("resolvedAt").asText());
            assertTrue(online.get("acknowledgedBy").isNull(), "resolved by itself, nobody acknowledged it");

            // the door held open, then closed
            event(door, EventType.DOOR_HELD_OPEN);
            awaitAlert(Alert.DOOR_HELD_OPEN, "open");
            event(door, EventType.DOOR_CLOSED);
            awaitAlert(Alert.DOOR_HELD_OPEN, "resolved");

            // the CPU at 84 °C, then 61 °C
            telemetry(door, 84.0);
            awaitAlert(Alert.DEVICE_HOT, "open");
            telemetry(door, 61.0);
            awaitAlert(Alert.DEVICE_HOT, "resolved");

            // a clock the door does not trust: nothing says it ended, so it waits for staff, door closed or not
            event(door, EventType.CLOCK_UNTRUSTED);
            JsonNode untrusted = awaitAlert(Alert.CLOCK_UNTRUSTED, "open");
            event(door, EventType.DOOR_CLOSED);
            // held open again within minutes: its alert open again; by then the door.closed before it was taken
            event(door, EventType.DOOR_HELD_OPEN);
            awaitAlert(Alert.DOOR_HELD_OPEN, "open");
            assertEquals(1, stored(Alert.DOOR_HELD_OPEN));
            assertEquals("open", alertById(untrusted.get("id").asLong()).get("state").asText());

            // the day's list: every one of them, newest first (the last three raised at the same minute)
            List<String> kinds = new ArrayList<>();
            live().get("alerts").forEach(a -> kinds.add(a.get("kind").asText() + " " + a.get("state").asText()));
            assertEquals(List.of("clock_untrusted open", "device_hot resolved", "door_held_open open",
                    "device_offline resolved"), kinds);
        }
    }

    /**
     * A door whose lock says it is open while the relay locks it (a relay wired the wrong way round, a forced lock):
     * an alert that names the room in both languages, resolved when the door says the lock holds again.
     */
    @Test
    void aLockThatDoesNotDoWhatItsRelayTellsItIsAnAlertUntilItDoesAgain() throws Exception {
        try (TestPublisher door = new TestPublisher(broker.url(), "studio-door")) {
            event(door, EventType.LOCK_FAULT, "open: the lock reports open 1000 ms after the relay locked it");
            JsonNode fault = awaitAlert(Alert.LOCK_FAULT, "open");
            assertTrue(fault.get("message").toString().contains("的门锁没有按指令锁上"), fault.toString());
            assertTrue(fault.get("message").toString().contains("did not lock when told to"), fault.toString());
            assertEquals("studio-door", fault.get("device").asText());

            event(door, EventType.LOCK_OK, "the lock holds as the relay told it again");
            awaitAlert(Alert.LOCK_FAULT, "resolved");

            clock.advance(Duration.ofMinutes(11)); // a new episode: a new alert, the other way round
            event(door, EventType.LOCK_FAULT, "shut: the lock reports locked 1000 ms after the relay opened it");
            JsonNode shut = await().atMost(WAIT).until(() -> latest(Alert.LOCK_FAULT),
                    a -> a != null && a.get("id").asLong() != fault.get("id").asLong());
            assertTrue(shut.get("message").toString().contains("did not open when told to"), shut.toString());
        }
    }

    /** A device that came back while no replica ran: its offline alert is resolved when the service starts. */
    @Test
    void anOfflineAlertOfADeviceOnlineWhenTheServiceStartsIsResolved() throws Exception {
        try (TestPublisher door = new TestPublisher(broker.url(), "studio-door")) {
            door.publish(Topics.deviceStatus("studio-door"), codec.encode(new StatusPayload("online", clock.millis(),
                    "test")), true);
            door.flush();
            await().atMost(WAIT).until(() -> server.components().registry().view("studio-door")
                    .map(v -> v.online()).orElse(false));
        }
        // as a replica stopped while the device was away had left it
        long id = server.components().alerts().raise(HUB, Alert.DEVICE_OFFLINE, null, "studio-door",
                new org.linli.central.catalogue.Name("离线", "offline")).orElseThrow().id();
        unsubscribe.run();
        unsubscribe = () -> { };
        server.restart(Duration.ofMinutes(3));
        Alert after = server.components().alerts().today(HUB).stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow();
        assertEquals(Alert.RESOLVED, after.state(), after.toString());
        assertEquals(clock.millis(), after.resolvedTs());
    }

    private JsonNode awaitAlert(String kind, String state) {
        return await().atMost(WAIT).until(() -> latest(kind), a -> a != null && a.get("state").asText().equals(state));
    }

    /** The hub's newest alert of a kind in its live snapshot, or null. */
    private JsonNode latest(String kind) {
        for (JsonNode alert : live().get("alerts")) {
            if (alert.get("kind").asText().equals(kind)) {
                return alert;
            }
        }
        return null;
    }

    private JsonNode alertById(long id) {
        for (JsonNode alert : live().get("alerts")) {
            if (alert.get("id").asLong() == id) {
                return alert;
            }
        }
        return null;
    }

    private JsonNode live() {
        return server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
    }

    private static int roomCount(TestServer server) {
        JsonNode live = server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
        for (JsonNode room : live.get("rooms")) {
            if (room.get("room").asText().equals("studio")) {
                return room.path("count").asInt(-1);
            }
        }
        return -1;
    }

    private AlertEvent lastSent(long id) {
        AlertEvent last = null;
        for (AlertEvent event : sent) {
            if (event.id() == id) {
                last = event;
            }
        }
        return last;
    }

    /** A time as the API writes it, in the hub's zone. */
    private static String at(long epochMs) {
        return org.linli.central.web.Times.format(java.time.Instant.ofEpochMilli(epochMs), HubTime.SHANGHAI);
    }

    private int stored(String kind) {
        return server.components().db().read(c -> org.linli.central.store.Sql.number(c,
                "SELECT count(*) FROM alert WHERE kind = ?", kind));
    }

    private void count(TestPublisher counter, int people) throws InterruptedException {
        counter.publish(Topics.deviceOccupancy("studio-counter"), codec.encode(new OccupancyPayload(clock.millis(),
                seq.incrementAndGet(), "studio", people > 0, people, "beam")), false);
        counter.flush();
    }

    private void event(TestPublisher door, EventType type) throws InterruptedException {
        event(door, type, null);
    }

    private void event(TestPublisher door, EventType type, String reason) throws InterruptedException {
        door.publish(Topics.deviceEvents("studio-door"), codec.encode(new EventPayload(clock.millis(),
                seq.incrementAndGet(), "studio", type.wire(), null, reason)), false);
        door.flush();
    }

    private void telemetry(TestPublisher device, double cpuTempC) throws InterruptedException {
        device.publish(Topics.deviceTelemetry("studio-door"), codec.encode(new TelemetryPayload(clock.millis(),
                seq.incrementAndGet(), 60, 1, 50_000_000, cpuTempC, 0, 0, "test")), false);
        device.flush();
    }
}
