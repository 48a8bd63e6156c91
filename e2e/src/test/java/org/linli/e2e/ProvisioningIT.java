package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ProductionBroker broker;
    static Process central;
    static int port;
    static HttpClient https;
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
        https = trusting(broker.tls().resolve("ca.crt"));

        // the central: the broker host's certificate (localhost, 127.0.0.1), the site's own catalogue, no demo
        Path seed = Files.writeString(dir.resolve("hub.yaml"), Hubs.openNowDemoHub(HOME));
        port = MosquittoBroker.freePort();
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
                .until(() -> status("GET", "/observe/health", null, null) == 200);

        // its first administrator, by the command, with the password from standard input
        Process add = java(List.of("admin", "add", "chen", "--role", "admin", "--password-stdin", "--config",
                config.toString())).redirectOutput(dir.resolve("admin.out").toFile()).start();
        try (OutputStream in = add.getOutputStream()) {
            in.write("a first admin's password\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(add.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), Files.readString(dir.resolve("admin.out")));
        JsonNode session = call("POST", "/api/v1/auth/login", null,
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
        Run provisioned = provision(door, List.of("door", "--central", "https://localhost:" + port,
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
                call("GET", "/api/v1/hubs/" + HUB + "/live", Files.readString(token).strip(), null).get("devices")
                        .toString().matches("(?s).*\"" + DEVICE + "\"[^}]*\"online\":true.*"));

        Path kioskPi = dir.resolve("kiosk-pi");
        Run kiosk = provision(kioskPi, List.of("kiosk", "--central", "https://localhost:" + port,
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
        Run plain = provision(dir.resolve("plain-pi"), List.of("kiosk", "--central", "http://central.example:8080",
                "--token-file", token.toString(), "--hub", HUB, "--label", "Lobby"));
        assertEquals(1, plain.status(), plain.output());
        assertTrue(plain.output().contains("https://"), plain.output());
        Run room = provision(dir.resolve("room-pi"), List.of("door", "--central", "https://localhost:" + port,
                "--ca-file", broker.tls().resolve("ca.crt").toString(), "--token-file", token.toString(),
                "--device", "nowhere-door", "--hub", HUB, "--room", "no-such-room", "--mqtt-url", broker.tlsUrl(),
                "--mqtt-password-file", dir.resolve("door.pass").toString(), "--sensor", "pir:no-such-room"));
        assertEquals(1, room.status(), room.output());
        assertTrue(room.output().contains("no room 'no-such-room'"), room.output());
        assertTrue(!Files.exists(dir.resolve("room-pi/etc/agent.yaml")));
    }

    // ---------------------------------------------------------------- helpers

    record Run(int status, String output) {
    }

    /** provision-device as root on a Pi whose /etc/linli is {@code pi}/etc. */
    static Run provision(Path pi, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("deploy-pi/provision-device").toString()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "provision", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("LINLI_ETC", pi.resolve("etc").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "provision-device finished");
        return new Run(process.exitValue(), Files.readString(out));
    }

    static ProcessBuilder java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-jar", HOME.resolve("central-service/target/central-service.jar").toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    static HttpClient trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static int status(String method, String path, String bearer, Object body) {
        try {
            return send(method, path, bearer, body).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static JsonNode call(String method, String path, String bearer, Object body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, bearer, body);
        assertTrue(response.statusCode() < 300, method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String bearer, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
