package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.linli.e2e.TlsCentral.java;
import static org.linli.e2e.TlsCentral.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.broker.ProductionBroker;
import org.linli.e2e.TlsCentral.Run;
import org.linli.kiosk.KioskConfig;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralTrust;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Model;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * A site set up the way deploy-pi/README.md says, through its commands only: the project's CA and certificates
 * (tls.sh), the broker's device credential (credential.sh), a central over HTTPS started without the demo, its first
 * administrator ({@code central admin add}), then {@code provision-device door} and {@code provision-device kiosk}.
 * What they write is used as written (only the GPIO provider becomes the mock board and the data directory a
 * temporary one): the door joins the TLS broker, and a booking made with the kiosk's provisioned key opens it.
 */
class ProvisioningIT {
    static final Path HOME = EndToEndIT.HOME;
    static final String HUB = "wutong66";
    static final String ROOM = "activity-room";
    static final String DEVICE = "activity-room-door";

    @TempDir
    static Path dir;
    static ProductionBroker broker;
    static Process central;
    static int port;
    static TlsCentral api;
    static Path token;
    static Pi4jBoard board;
    static Agent agent;
    static OutputStream reader;

    @BeforeAll
    static void setUpTheSite() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        broker = ProductionBroker.prepare(dir.resolve("broker"));
        String centralPassword = broker.credential("central");
        Files.writeString(dir.resolve("door.pass"), broker.credential("device", DEVICE, HUB));
        broker.start();

        // the central: the broker host's certificate (localhost, 127.0.0.1), the site's own catalogue, no demo
        Path seed = Files.writeString(dir.resolve("hub.yaml"), Hubs.openNowDemoHub(HOME));
        port = MosquittoBroker.freePort();
        api = new TlsCentral(broker.tls().resolve("ca.crt"), port);
        Path config = Files.writeString(dir.resolve("central.yaml"), """
                server:
                  host: 127.0.0.1
                  port: %d
                  tls: {certificate: %s, private-key: %s}
                  public-url: https://linli.example
                data: {dir: %s}
                catalogue: {seed: %s}
                mqtt: {url: %s, username: svc.central, password: "%s"}
                live: {client-id: svc.central}
                """.formatted(port, broker.tls().resolve("server.crt"), broker.tls().resolve("server.key"),
                dir.resolve("central"), seed, broker.plainUrl(), centralPassword));
        central = java(List.of("--config", config.toString())).redirectOutput(dir.resolve("central.log").toFile())
                .start();
        await("the central answers over HTTPS").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.status("GET", "/observe/health", null, null) == 200);

        // its first administrator, by the command, with the password from standard input
        Process add = java(List.of("admin", "add", "chen", "--role", "admin", "--password-stdin", "--config",
                config.toString())).redirectOutput(dir.resolve("admin.out").toFile()).start();
        try (OutputStream in = add.getOutputStream()) {
            in.write("a first admin's password\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(add.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), Files.readString(dir.resolve("admin.out")));
        JsonNode session = api.call("POST", "/api/v1/auth/login", null,
                Map.of("username", "chen", "password", "a first admin's password"));
        token = Files.writeString(dir.resolve("staff.token"), session.get("token").asText() + "\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (board != null) {
            board.close();
        }
        if (central != null) {
            central.destroy();
            central.waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aProvisionedDoorAndKioskWorkOverTlsAndTheKiosksBookingOpensTheDoor() throws Exception {
        Path door = dir.resolve("door-pi");
        Path fifo = dir.resolve("scanner");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run provisioned = provision(dir, door, List.of("door", "--central", "https://localhost:" + port,
                "--ca-file", broker.tls().resolve("ca.crt").toString(), "--token-file", token.toString(),
                "--device", DEVICE, "--hub", HUB, "--room", ROOM, "--mqtt-url", broker.tlsUrl(),
                "--mqtt-password-file", dir.resolve("door.pass").toString(), "--lock", ROOM,
                "--relay-input", "active-high", "--reader", "serial:" + fifo, "--sensor", "pir:" + ROOM));
        assertEquals(0, provisioned.status(), provisioned.output());

        // the agent's own loader reads what was written; only the board and the data directory are the test's
        Map<String, String> onThisMachine = Map.of("LINLI_HARDWARE_PROVIDER", "mock",
                "LINLI_DATA_DIR", dir.resolve("agent-data").toString());
        AgentConfig config = new ConfigLoader(onThisMachine).load(door.resolve("etc/agent.yaml"), false);
        assertEquals(List.of(ROOM), config.rooms());
        assertEquals(door.resolve("etc/tls/ca.crt"), config.mqtt().caFile());
        assertEquals(Hubs.ZONE, config.occupancy().zone());
        assertEquals(1, config.sensors().size());
        AgentConfig.Lock lock = config.locks().getFirst();
        assertTrue(lock.activeHigh() && lock.failSecure() && lock.doorContactPin() != null, lock.toString());

        board = Pi4jBoard.mock();
        AtomicInteger unlocks = new AtomicInteger();
        agent = new Agent(config, board, Clock.systemUTC(), ClockTrust.fixed(true, "the test machine's clock"));
        board.context().registry().get(Pi4jBoard.pinId(lock.relayPin()), DigitalOutput.class).addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                unlocks.incrementAndGet();
            }
        });
        agent.start();
        reader = new FileOutputStream(fifo.toFile());
        await("the door, over TLS, gets the hub's keys").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(dir.resolve("agent-data/access-keys.json")));
        await("the central sees the door online").atMost(Duration.ofSeconds(30)).until(() ->
                api.call("GET", "/api/v1/hubs/" + HUB + "/live", Files.readString(token).strip(), null).get("devices")
                        .toString().matches("(?s).*\"" + DEVICE + "\"[^}]*\"online\":true.*"));

        Path kioskPi = dir.resolve("kiosk-pi");
        Run kiosk = provision(dir, kioskPi, List.of("kiosk", "--central", "https://localhost:" + port,
                "--ca-file", broker.tls().resolve("ca.crt").toString(), "--token-file", token.toString(),
                "--hub", HUB, "--label", "Lobby"));
        assertEquals(0, kiosk.status(), kiosk.output());
        KioskConfig kioskConfig = KioskConfig.load(kioskPi.resolve("etc/kiosk.yaml"),
                Map.of("LINLI_DATA_DIR", dir.resolve("kiosk-data").toString()));
        assertEquals(HUB, kioskConfig.hubId());
        assertEquals("https", kioskConfig.centralUrl().getScheme());
        CentralTrust.trustOnly(kioskConfig.centralCaFile());
        CentralClient client = new CentralClient(kioskConfig.centralUrl(), kioskConfig.kioskKey(),
                kioskConfig.hubId(), new Connectivity(Runnable::run));
        assertEquals(HUB, client.hub().id());

        // the next 15-minute slot starts within the door's grace (Hubs), so the QR opens the door now
        ZonedDateTime now = ZonedDateTime.now(Hubs.ZONE);
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS)
                .plusMinutes((now.getMinute() / 15 + 1) * 15L);
        Model.Booking booking = client.book(new Model.BookingRequest(ROOM, start.toOffsetDateTime(),
                start.plusMinutes(30).toOffsetDateTime(), "13800138031", null, 3, "provisioning test"),
                UUID.randomUUID().toString());
        assertNotNull(booking.token());
        reader.write((booking.token() + "\n").getBytes(StandardCharsets.US_ASCII));
        reader.flush();
        await("the door opens for the kiosk's booking").atMost(Duration.ofSeconds(20))
                .until(() -> unlocks.get() == 1);
    }

    @Test
    void provisioningRefusesPlainHttpAndAnUnknownRoom() throws Exception {
        Run plain = provision(dir, dir.resolve("plain-pi"), List.of("kiosk", "--central", "http://central.example:8080",
                "--token-file", token.toString(), "--hub", HUB, "--label", "Lobby"));
        assertEquals(1, plain.status(), plain.output());
        assertTrue(plain.output().contains("https://"), plain.output());
        Run room = provision(dir, dir.resolve("room-pi"), List.of("door", "--central", "https://localhost:" + port,
                "--ca-file", broker.tls().resolve("ca.crt").toString(), "--token-file", token.toString(),
                "--device", "nowhere-door", "--hub", HUB, "--room", "no-such-room", "--mqtt-url", broker.tlsUrl(),
                "--mqtt-password-file", dir.resolve("door.pass").toString(), "--sensor", "pir:no-such-room"));
        assertEquals(1, room.status(), room.output());
        assertTrue(room.output().contains("no room 'no-such-room'"), room.output());
        assertTrue(!Files.exists(dir.resolve("room-pi/etc/agent.yaml")));
    }
}
