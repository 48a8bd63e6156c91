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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
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
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 14's "done when": a site from an empty data directory with no demo seed, set up through the commands and the
 * pages only. The project's CA and certificates and the door's broker credential (the broker host's scripts), a
 * central over HTTPS with no catalogue, its first administrator ({@code central admin add}); the administrator signs
 * in on the login page and, on the catalogue page in Chromium, makes the hub, its room, a service and a counter; then
 * {@code provision-device door} and {@code provision-device kiosk} with the token of that browser session, and a
 * booking made with the kiosk's provisioned key opens the door over TLS.
 */
class FromEmptyIT {
    static final Path HOME = EndToEndIT.HOME;
    static final String HUB = "wutong66";
    static final String ROOM = "activity-room";
    static final String DEVICE = "activity-room-door";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static ProductionBroker broker;
    static Process central;
    static int port;
    static TlsCentral api;
    static Pi4jBoard board;
    static Agent agent;
    static OutputStream reader;
    static ChromeDriver chrome;

    @BeforeAll
    static void setUpTheSite() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        broker = ProductionBroker.prepare(dir.resolve("broker"));
        String centralPassword = broker.credential("central");
        Files.writeString(dir.resolve("door.pass"), broker.credential("device", DEVICE, HUB));
        broker.start();

        // an empty data directory, no catalogue seed, no demo
        port = MosquittoBroker.freePort();
        api = new TlsCentral(broker.tls().resolve("ca.crt"), port);
        Path config = Files.writeString(dir.resolve("central.yaml"), """
                server:
                  host: 127.0.0.1
                  port: %d
                  tls: {certificate: %s, private-key: %s}
                  public-url: https://linli.example
                data: {dir: %s}
                mqtt: {url: %s, username: svc.central, password: "%s"}
                live: {client-id: svc.central}
                """.formatted(port, broker.tls().resolve("server.crt"), broker.tls().resolve("server.key"),
                dir.resolve("central"), broker.plainUrl(), centralPassword));
        central = java(List.of("--config", config.toString())).redirectOutput(dir.resolve("central.log").toFile())
                .start();
        await("the central answers over HTTPS").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.status("GET", "/observe/health", null, null) == 200);
        assertEquals("[]", api.call("GET", "/api/v1/hubs", null, null).toString(), "no hub yet");

        Process add = java(List.of("admin", "add", "chen", "--role", "admin", "--password-stdin", "--config",
                config.toString())).redirectOutput(dir.resolve("admin.out").toFile()).start();
        try (OutputStream in = add.getOutputStream()) {
            in.write("a first admin's password\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(add.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), Files.readString(dir.resolve("admin.out")));

        // the browser trusts the central's own certificate, and no other that a test machine does not know
        chrome = HeadlessChromium.start(dir.resolve("chrome"), 1600, 1400, "zh-CN,zh",
                List.of("--ignore-certificate-errors-spki-list=" + spki(broker.tls().resolve("server.crt"))));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (chrome != null) {
            chrome.quit();
        }
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
    void theFirstAdminSetsUpAHubInTheBrowserAndAProvisionedKiosksBookingOpensTheProvisionedDoor() throws Exception {
        String token = signInAndSetUpTheHub();
        JsonNode hub = api.call("GET", "/api/v1/hubs/" + HUB, null, null);
        assertEquals(ROOM, hub.get("rooms").get(0).get("id").asText(), hub.toString());
        assertEquals(15, hub.get("rooms").get(0).get("rules").get("slotMinutes").asInt());
        assertEquals("counter-1", hub.get("counters").get(0).get("id").asText(), hub.toString());
        Path tokenFile = Files.writeString(dir.resolve("staff.token"), token + "\n");

        Path door = dir.resolve("door-pi");
        Path fifo = dir.resolve("scanner");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run provisioned = provision(dir, door, List.of("door", "--central", "https://localhost:" + port,
                "--ca-file", broker.tls().resolve("ca.crt").toString(), "--token-file", tokenFile.toString(),
                "--device", DEVICE, "--hub", HUB, "--room", ROOM, "--mqtt-url", broker.tlsUrl(),
                "--mqtt-password-file", dir.resolve("door.pass").toString(), "--lock", ROOM,
                "--relay-input", "active-high", "--reader", "serial:" + fifo, "--sensor", "pir:" + ROOM));
        assertEquals(0, provisioned.status(), provisioned.output());
        AgentConfig config = new ConfigLoader(Map.of("LINLI_HARDWARE_PROVIDER", "mock",
                "LINLI_DATA_DIR", dir.resolve("agent-data").toString())).load(door.resolve("etc/agent.yaml"), false);
        AgentConfig.Lock lock = config.locks().getFirst();
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

        Path kioskPi = dir.resolve("kiosk-pi");
        Run kiosk = provision(dir, kioskPi, List.of("kiosk", "--central", "https://localhost:" + port,
                "--ca-file", broker.tls().resolve("ca.crt").toString(), "--token-file", tokenFile.toString(),
                "--hub", HUB, "--label", "Lobby"));
        assertEquals(0, kiosk.status(), kiosk.output());
        KioskConfig kioskConfig = KioskConfig.load(kioskPi.resolve("etc/kiosk.yaml"),
                Map.of("LINLI_DATA_DIR", dir.resolve("kiosk-data").toString()));
        CentralTrust.trustOnly(kioskConfig.centralCaFile());
        CentralClient client = new CentralClient(kioskConfig.centralUrl(), kioskConfig.kioskKey(),
                kioskConfig.hubId(), new Connectivity(Runnable::run));
        assertEquals(HUB, client.hub().id());

        // the page lists the kiosk the command made
        chrome.navigate().refresh();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("#kiosks tr[data-kiosk]")).isEmpty());

        ZonedDateTime now = ZonedDateTime.now(Hubs.ZONE);
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS).plusMinutes((now.getMinute() / 15 + 1) * 15L);
        Model.Booking booking = client.book(new Model.BookingRequest(ROOM, start.toOffsetDateTime(),
                start.plusMinutes(30).toOffsetDateTime(), "13800138032", null, 3, "from an empty site"),
                UUID.randomUUID().toString());
        assertNotNull(booking.token());
        reader.write((booking.token() + "\n").getBytes(StandardCharsets.US_ASCII));
        reader.flush();
        await("the door opens for the kiosk's booking").atMost(Duration.ofSeconds(20))
                .until(() -> unlocks.get() == 1);
    }

    /** On the login page and the catalogue page: the hub, open 09:00-15:00 every day, a room, a service, a counter. */
    private static String signInAndSetUpTheHub() {
        chrome.get("https://localhost:" + port + "/login?next=/catalogue");
        chrome.findElement(By.id("username")).sendKeys("chen");
        chrome.findElement(By.id("password")).sendKeys("a first admin's password");
        chrome.findElement(By.id("submit")).click();
        await().atMost(WAIT).until(() -> chrome.getCurrentUrl().endsWith("/catalogue")
                && chrome.findElements(By.cssSelector("#week tr")).size() == 7);
        type("hub-id", HUB);
        set("#hub-level", "street");
        type("hub-nameZh", "徐汇区湖南路街道梧桐66邻里汇");
        type("hub-nameEn", "Wutong 66 Neighbourhood Hub");
        type("hub-timezone", Hubs.ZONE.getId());
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            set("[data-open='" + day + "']", "09:00");
            set("[data-close='" + day + "']", "15:00");
        }
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-done")).isDisplayed());

        type("room-id", ROOM);
        type("room-nameZh", "多功能活动室");
        type("room-nameEn", "Activity room");
        type("room-capacity", "30");
        type("room-slotMinutes", "15");
        type("room-minMinutes", "15");
        chrome.findElement(By.id("room-submit")).click();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("tr[data-room='" + ROOM + "']")).isEmpty());
        type("service-id", "affairs");
        type("service-letter", "A");
        type("service-nameZh", "社区事务受理");
        type("service-nameEn", "Community affairs");
        chrome.findElement(By.id("service-submit")).click();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("#counter-services input")).isEmpty());
        type("counter-id", "counter-1");
        type("counter-nameZh", "1号窗口");
        type("counter-nameEn", "Counter 1");
        chrome.executeScript("document.querySelector(\"#counter-services input[value='affairs']\").checked = true;");
        chrome.findElement(By.id("counter-submit")).click();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("tr[data-counter='counter-1']")).isEmpty());
        chrome.executeScript("window.scrollTo(0, 0);");
        HeadlessChromium.screenshot(chrome, Path.of("target/screenshots/catalogue-first-hub.png"));
        return (String) chrome.executeScript("return Linli.token();");
    }

    private static void type(String id, String text) {
        WebElement input = chrome.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void set(String css, String value) {
        chrome.executeScript("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
    }

    /** The base64 SHA-256 of a certificate's public key, as Chromium's SPKI list takes it. */
    static String spki(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(cert.getPublicKey().getEncoded()));
        }
    }
}
