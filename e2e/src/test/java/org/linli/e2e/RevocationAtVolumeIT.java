package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.broker.ProductionBroker;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.MessageCallback;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.RoomRevocations;
import org.linli.protocol.token.TokenFormat;

/**
 * Issue 13's first confirmed attack, finding H2: after thousands of bookings were made and cancelled in a hub, a
 * booking made for now and cancelled still opened the door, because the revocation list had outgrown what a door
 * takes; and the second, finding H3: a kiosk's key yielded any booking's door QR by its id. Here, with the real programs (Mosquitto configured from central-broker-config, the central service from its
 * jar, the door agent on Pi4J's mock board reading tokens from a FIFO as from a serial scanner): 10,000 cancellations
 * in the room's next 40 hours, then a booking for now is cancelled and its QR is refused at the door, while the valid
 * booking of a slot cancelled thousands of times opens it.
 */
class RevocationAtVolumeIT {
    static final String HUB = "wutong66";
    static final String ROOM = "activity-room";
    static final String DEVICE = "activity-room-door";
    static final int RELAY_PIN = 5;
    static final int CANCELLATIONS = 10_000;
    static final Path HOME = Path.of(System.getProperty("linli.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;
    final AtomicInteger unlocks = new AtomicInteger();
    /** The door's access events, as "type booking reason". */
    final Set<String> doorEvents = ConcurrentHashMap.newKeySet();

    @Test
    void aCancelledBookingIsRefusedAtItsDoorAfterTenThousandCancellations() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ProductionBroker broker = ProductionBroker.prepare(dir.resolve("broker"))) {
            String centralPassword = broker.credential("central");
            String devicePassword = broker.credential("device", DEVICE, HUB);
            broker.start();
            Path seed = dir.resolve("hub.yaml");
            Files.writeString(seed, Hubs.openNowDemoHub(HOME));
            Path config = dir.resolve("central.yaml");
            Files.writeString(config, "catalogue:\n  seed: " + seed + "\n");
            Map<String, String> environment = new HashMap<>(Map.of("LINLI_MQTT_URL", broker.plainUrl(),
                    "LINLI_MQTT_USERNAME", "svc.central", "LINLI_MQTT_PASSWORD", centralPassword));
            try (CentralProgram central = new CentralProgram(
                    HOME.resolve("central-service/target/central-service.jar"), dir.resolve("central"),
                    MosquittoBroker.freePort(), config, environment, HOME.resolve("e2e/target/e2e-revocation.log"))) {
                central.start();
                String admin = central.login("admin", central.credentials().getProperty("staff.admin.password"));
                central.call("POST", "/api/v1/devices", admin, Map.of("id", DEVICE, "hub", HUB,
                        "rooms", List.of(ROOM)));
                MqttClient listener = listen(broker.plainUrl(), centralPassword);
                Path fifo = dir.resolve("scanner");
                assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
                Path yaml = dir.resolve("agent.yaml");
                Files.writeString(yaml, """
                        device: {id: %s}
                        hub: {id: %s}
                        mqtt: {url: %s, username: %s, password: %s, reconnect-min-ms: 200, reconnect-max-ms: 2000}
                        data: {dir: %s}
                        hardware: {provider: mock}
                        occupancy: {zone: "%s"}
                        locks:
                          - room: %s
                            relay-pin: %d
                            active-high: true
                            pulse-ms: 500
                            grace-s: 1800
                            reader: {type: file, device: %s}
                        """.formatted(DEVICE, HUB, broker.plainUrl(), DEVICE, devicePassword, dir.resolve("agent"),
                        Hubs.ZONE.getId(), ROOM, RELAY_PIN, fifo));
                Pi4jBoard board = Pi4jBoard.mock();
                try (Agent agent = new Agent(new ConfigLoader(Map.of()).load(yaml, false), board,
                        Clock.systemUTC(), ClockTrust.fixed(true, "test machine clock"))) {
                    board.context().registry().get(Pi4jBoard.pinId(RELAY_PIN), DigitalOutput.class)
                            .addListener(e -> {
                                if (e.state() == DigitalState.HIGH) {
                                    unlocks.incrementAndGet();
                                }
                            });
                    agent.start();
                    try (OutputStream scanner = new FileOutputStream(fifo.toFile())) {
                        await("the door has the hub's keys").atMost(Duration.ofSeconds(30))
                                .until(() -> Files.exists(dir.resolve("agent/access-keys.json")));
                        story(central, admin, scanner);
                    }
                } finally {
                    board.close();
                    listener.disconnect();
                    listener.close();
                }
            }
        }
    }

    private void story(CentralProgram central, String admin, OutputStream scanner) throws Exception {
        // The room's next two 15-minute slots, both within the door's grace before their start.
        ZonedDateTime now = ZonedDateTime.now(Hubs.ZONE);
        ZonedDateTime next = now.truncatedTo(ChronoUnit.HOURS).plusMinutes((now.getMinute() / 15 + 1) * 15L);
        long first = next.toEpochSecond();
        // 10,000 bookings made and cancelled in the room, slot after slot over the next 40 hours (a kiosk key in a
        // loop, or a busy hub over weeks), written as the service stores them
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + central.database())) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, status, created_ts, changed_ts)
                    VALUES (?, ?, ?, ?, 1, 'cancelled', ?, ?)""")) {
                for (int i = 0; i < CANCELLATIONS; i++) {
                    long start = first + 900L * (i % 160);
                    st.setString(1, HUB);
                    st.setString(2, ROOM);
                    st.setLong(3, start);
                    st.setLong(4, start + 900);
                    st.setLong(5, Instant.now().getEpochSecond());
                    st.setLong(6, Instant.now().getEpochSecond());
                    st.addBatch();
                }
                st.executeBatch();
            }
            c.commit();
        }
        JsonNode cancelled = book(central, admin, next, "13800000001");
        JsonNode valid = book(central, admin, next.plusMinutes(15), "13800000002");
        central.call("DELETE", "/api/v1/bookings/" + cancelled.get("id").asLong(), admin, null);

        String cancelledToken = cancelled.get("token").asText();
        Path list = dir.resolve("agent/access-revoked-" + ROOM + ".json");
        PayloadCodec codec = new PayloadCodec(Clock.systemUTC());
        await("the door took the room's list with the cancellation").atMost(Duration.ofSeconds(30)).until(() -> {
            if (!Files.exists(list)) {
                return false;
            }
            try {
                return RoomRevocations.of(codec.decodeRoomRevoked(Files.readAllBytes(list)))
                        .revokes(TokenFormat.parse(cancelledToken));
            } catch (Exception e) {
                return false; // being replaced
            }
        });
        long listBytes = Files.size(list);
        System.out.println("room list after " + CANCELLATIONS + " cancellations: " + listBytes + " bytes");

        scan(scanner, cancelledToken);
        String cancelledId = Long.toString(cancelled.get("id").asLong());
        await("the door refuses the cancelled booking").atMost(Duration.ofSeconds(20))
                .until(() -> doorEvents.contains("access.denied " + cancelledId + " REVOKED"));
        assertEquals(0, unlocks.get(), "the relay moved for a cancelled booking");

        // Finding H3, the second confirmed attack: a lobby kiosk's key (on its SD card) yielded the door QR of any
        // booking of its hub by its id, and could read and cancel it. Against the running program: refused, and the
        // booking still opens its door below.
        String kioskKey = central.credentials().getProperty("kiosk.kiosk-lobby.key");
        long validId = valid.get("id").asLong();
        for (String[] attempt : new String[][] {{"GET", "/api/v1/bookings/" + validId + "/qr.png"},
                {"GET", "/api/v1/bookings/" + validId}, {"DELETE", "/api/v1/bookings/" + validId}}) {
            int status = central.send(attempt[0], attempt[1], kioskKey, null).statusCode();
            assertEquals(403, status, "a kiosk key, " + attempt[0] + " " + attempt[1]);
        }
        assertEquals("active", central.call("GET", "/api/v1/bookings/" + validId, admin, null).get("status").asText());

        scan(scanner, valid.get("token").asText());
        await("the valid booking of a slot cancelled thousands of times opens").atMost(Duration.ofSeconds(20))
                .until(() -> unlocks.get() == 1);
        assertTrue(doorEvents.contains("access.granted " + valid.get("id").asLong() + " null"), doorEvents.toString());
        assertTrue(doorEvents.stream().noneMatch(e -> e.startsWith("access.revocations_refused")), doorEvents.toString());
    }

    private static JsonNode book(CentralProgram central, String admin, ZonedDateTime start, String phone)
            throws Exception {
        return central.call("POST", "/api/v1/bookings", admin, Map.of("room", ROOM,
                "start", start.toOffsetDateTime().toString(), "end", start.plusMinutes(15).toOffsetDateTime().toString(),
                "phone", phone, "attendees", 1, "consentVersion", "2026-12")); // staff ticked that they agreed
    }

    private static void scan(OutputStream scanner, String token) throws Exception {
        scanner.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
        scanner.flush();
    }

    private MqttClient listen(String url, String password) throws MqttException {
        MqttClient client = new MqttClient(url, "svc.central.e2e-revocation", new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> {
            try {
                JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.getPayload());
                String type = event.path("type").asText();
                if (type.startsWith("access.")) {
                    doorEvents.add(type + " " + event.path("bookingId").asText("null") + " "
                            + event.path("reason").asText("null"));
                }
            } catch (java.io.IOException e) {
                // not an event
            }
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("svc.central");
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        client.subscribe(new MqttSubscription[] {new MqttSubscription("linli/v1/devices/" + DEVICE + "/events", 1)});
        return client;
    }
}
