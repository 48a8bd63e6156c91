package org.linli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.linli.protocol.qr.QrFrameDecoder;

/**
 * {@code ./linli demo}: the whole hub on one machine. An embedded MQTT 5 broker, the central service with the demo
 * hub, a simulated door agent for every room, and the kiosk where a display exists — each program its own JVM from
 * its own jar, as on the Pis. Data stays under {@code ./data}, so a second run carries on where the first stopped.
 * Ctrl-C stops everything, agents and kiosk first.
 */
public final class Demo {
    static final String HUB = "wutong66";
    private static final PrintStream OUT = System.out;

    private final Path home;
    private final Path data;
    private final int httpPort;
    private final int mqttPort;
    private final boolean kiosk;
    private final List<ChildProgram> programs = new ArrayList<>();
    private final Map<String, ChildProgram> agentsByRoom = new LinkedHashMap<>();
    private EmbeddedBroker broker;
    private CentralClient central;
    /** Central's broker password: made anew on every run, handed over in its environment, never written down. */
    private final String centralMqttPassword = randomPassword();

    Demo(Path home, Path data, int httpPort, int mqttPort, boolean kiosk) {
        this.home = home;
        this.data = data;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
        this.kiosk = kiosk;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args,
                    System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null);
        } catch (IllegalArgumentException e) {
            System.err.println("linli demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        int httpPort = options.httpPort();
        int mqttPort = options.mqttPort();
        for (String option : List.of("--port", "--mqtt-port")) {
            int port = option.equals("--port") ? httpPort : mqttPort;
            if (!free(port)) {
                System.err.println("Port " + port + " (" + option + ") is in use by another program. Stop it, or"
                        + " choose another: ./linli demo " + option + " " + (port == 65535 ? 1024 : port + 1));
                System.exit(2);
            }
        }
        Demo demo = new Demo(home(), options.data().toAbsolutePath(), httpPort, mqttPort, options.kiosk());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.stop();
            stopped.countDown();
        }, "demo-stop"));
        try {
            demo.start();
        } catch (Exception e) {
            System.err.println("The demo could not start: " + e.getMessage());
            System.exit(1);
        }
        demo.console(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        stopped.await();
    }

    void start() throws Exception {
        Files.createDirectories(data);
        OUT.println("Starting the MQTT broker on port " + mqttPort + " …");
        broker = EmbeddedBroker.start(data.resolve("broker"), mqttPort, new BrokerAccess(credentialsFile(), HUB,
                centralMqttPassword));
        startCentral();
        JsonNode hub = central.get("/api/v1/hubs/" + HUB);
        for (JsonNode room : hub.get("rooms")) {
            startAgent(room.get("id").asText(), hub.get("timezone").asText());
        }
        // written with or without a display: the banner tells how to start a kiosk elsewhere with it
        Path kioskConfig = writeKioskConfig();
        if (kiosk) {
            programs.add(ChildProgram.start("kiosk", jar("kiosk-app"), List.of("-Xmx256m"),
                    List.of("--config", kioskConfig.toString()), Map.of(), OUT));
        }
        banner(hub, kioskConfig);
    }

    private void startCentral() throws Exception {
        OUT.println("Starting the central service on port " + httpPort + " …");
        programs.add(ChildProgram.start("central", jar("central-service"), List.of("-Xmx384m"),
                List.of("--demo", "--data", data.resolve("central").toString(), "--port", Integer.toString(httpPort)),
                Map.of("LINLI_MQTT_URL", broker.url(), "LINLI_MQTT_USERNAME", BrokerAccess.CENTRAL,
                        "LINLI_MQTT_PASSWORD", centralMqttPassword, "LINLI_LIVE_CLIENT_ID", BrokerAccess.CENTRAL),
                OUT));
        central = new CentralClient("http://127.0.0.1:" + httpPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!central.healthy()) {
            if (System.nanoTime() > deadline || !programs.get(0).alive()) {
                throw new IOException("the central service did not come up; see its output above");
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling a starting server; nothing to wait on instead
        }
        Properties credentials = credentials();
        central.login("admin", credentials.getProperty("staff.admin.password"));
    }

    private void startAgent(String room, String zone) throws IOException, InterruptedException {
        String device = room + "-door";
        try {
            central.post("/api/v1/devices", Map.of("id", device, "hub", HUB, "rooms", List.of(room)));
        } catch (IOException e) {
            // The agent runs all the same; the central service drops what an unregistered device says.
            OUT.println("Device " + device + " could not be registered: " + e.getMessage());
        }
        Path dir = Files.createDirectories(data.resolve("agents").resolve(device));
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, AgentConfigs.simulated(device, HUB, zone, room, broker.url(), dir));
        // the device's password as central generated it: in the agent's environment, not in its file
        String password = credentials().getProperty("device." + device + ".password", "");
        ChildProgram agent = ChildProgram.start(device, jar("device-agent"),
                List.of("-Xmx48m", "-Xss256k", "-XX:+UseSerialGC"), List.of("--simulate", "--config", config.toString()),
                Map.of("LINLI_MQTT_USERNAME", device, "LINLI_MQTT_PASSWORD", password), OUT);
        programs.add(agent);
        agentsByRoom.put(room, agent);
    }

    /**
     * The kiosk's configuration under {@code <data>/kiosk/kiosk.yaml}. It holds the kiosk key, so only its owner
     * may read it (600); it is written aside and moved in, so it is never seen half written or readable by others.
     */
    Path writeKioskConfig() throws IOException {
        Path dir = Files.createDirectories(data.resolve("kiosk"));
        Path config = dir.resolve("kiosk.yaml");
        String key = credentials().getProperty("kiosk.kiosk-lobby.key");
        Path written = Files.createTempFile(dir, "kiosk", ".yaml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(written, """
                central:
                  url: http://127.0.0.1:%d
                kiosk:
                  key: %s
                hub:
                  id: %s
                data:
                  dir: %s
                """.formatted(httpPort, key, HUB, dir));
        Files.move(written, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return config;
    }

    private void banner(JsonNode hub, Path kioskConfig) throws IOException {
        Properties credentials = credentials();
        OUT.println();
        OUT.println("══════════════════════════════════════════════════════════════════════");
        OUT.println(" Linli demo: " + hub.get("name").get("zh").asText() + " / " + hub.get("name").get("en").asText());
        OUT.println(" Dashboard      http://localhost:" + httpPort + "/");
        OUT.println(" Counter        http://localhost:" + httpPort + "/counter/counter-1");
        OUT.println(" Board          http://localhost:" + httpPort + "/board/" + HUB);
        OUT.println(" Evacuation     http://localhost:" + httpPort + "/evacuation/" + HUB);
        // passwords stay in the credentials file (mode 600): a terminal's scrollback and logs are read by others
        OUT.println(" Staff logins   admin, operator, counter; their passwords: staff.<login>.password in");
        OUT.println(" Credentials    " + credentialsFile());
        if (!kiosk) {
            OUT.println(" Kiosk          no display here; on a desktop run: " + kioskCommand(kioskConfig)
                    + "  (or: xvfb-run ./linli kiosk …)");
        }
        OUT.println(" At a door      type: open <booking id>   (shows the booking's QR to its room's door)");
        OUT.println(" Stop           Ctrl-C");
        OUT.println("══════════════════════════════════════════════════════════════════════");
    }

    /** The command that starts a kiosk on this demo, as it can be typed where the demo was started. */
    String kioskCommand(Path kioskConfig) {
        Path here = Path.of("").toAbsolutePath();
        String linli = here.equals(home.toAbsolutePath().normalize()) ? "./linli" : home.resolve("linli").toString();
        return linli + " kiosk --config " + kioskConfig;
    }

    /** Reads commands typed into the demo: {@code open <booking id>}. */
    void console(Reader input) throws IOException {
        BufferedReader lines = new BufferedReader(input);
        String line;
        while ((line = lines.readLine()) != null) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 2 && words[0].equals("open")) {
                try {
                    presentBooking(words[1]);
                } catch (IOException | InterruptedException e) {
                    OUT.println("Could not show booking " + words[1] + " at its door: " + e.getMessage());
                }
            } else if (!line.isBlank()) {
                OUT.println("Commands: open <booking id>");
            }
        }
    }

    /** Fetches the booking's QR image, reads it as a camera would, and hands the text to the room's door. */
    void presentBooking(String bookingId) throws IOException, InterruptedException {
        JsonNode booking = central.get("/api/v1/bookings/" + bookingId);
        String room = booking.get("room").asText();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(central.getBytes("/api/v1/bookings/" + bookingId
                + "/qr.png")));
        byte[] luma = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                luma[y * image.getWidth() + x] = (byte) (image.getRGB(x, y) & 0xff);
            }
        }
        Optional<String> text = new QrFrameDecoder().decode(luma, image.getWidth(), image.getHeight());
        ChildProgram door = agentsByRoom.get(room);
        if (text.isEmpty() || door == null) {
            throw new IOException(text.isEmpty() ? "its QR code could not be read" : "no door for room " + room);
        }
        door.send("scan " + room + " " + text.get());
        OUT.println("Booking " + bookingId + " shown at the door of " + room);
    }

    void stop() {
        OUT.println("Stopping …");
        for (int i = programs.size() - 1; i >= 0; i--) {
            programs.get(i).close();
        }
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                OUT.println("The broker did not stop cleanly: " + e.getMessage());
            }
        }
        OUT.println("Stopped. Your data is in " + data + "; ./linli demo carries on from it.");
    }

    private Path credentialsFile() {
        return data.resolve("central").resolve("demo-credentials.properties");
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Properties credentials() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(credentialsFile())) {
            properties.load(reader);
        }
        return properties;
    }

    private Path jar(String module) {
        return home.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** The repository: this jar is {@code <home>/demo/target/demo.jar}. */
    private static Path home() throws URISyntaxException {
        String override = System.getProperty("linli.home");
        if (override != null) {
            return Path.of(override);
        }
        Path jar = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent();
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
