package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.e2e.TlsCentral.java;
import static org.linli.e2e.TlsCentral.provision;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.FileOutputStream;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.agent.Agent;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.broker.ProductionBroker;
import org.linli.e2e.TlsCentral.Run;
import org.linli.kiosk.KioskConfig;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.CentralTrust;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Model;
import org.linli.kiosk.session.ConsentPrompt;

/**
 * A site set up by its commands, as ProvisioningIT and FromEmptyIT both need it: the project's CA and certificates
 * (tls.sh) and the door's broker credential (credential.sh), a central over HTTPS started from its jar without the
 * demo, and its first administrator by {@code central admin add}. Then a door and a kiosk by {@code provision-device}
 * on a Pi where {@code install.sh} left its role's template in {@code /etc/linli} (deploy-pi/README.md, steps 4 and
 * 5), used as written (only the GPIO provider becomes the mock board and the data directories temporary ones).
 */
final class ProvisionedSite implements AutoCloseable {
    static final String HUB = "wutong66";
    static final String ROOM = "activity-room";
    static final String DEVICE = "activity-room-door";
    static final String ADMIN = "chen";
    static final String PASSWORD = "a first admin's password";
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    private final Path dir;
    private final ProductionBroker broker;
    private int port;
    private TlsCentral api;
    private final AtomicInteger unlocks = new AtomicInteger();
    private Process central;
    private Pi4jBoard board;
    private int lockPin;
    private AgentConfig.LockSense lockSense;
    /** The strike gives way while the relay locks it (forced, or failed): its sense then says open. */
    private volatile boolean lockBroken;
    private Agent agent;
    private OutputStream reader;

    private ProvisionedSite(Path dir, ProductionBroker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    /**
     * The broker, the central on the broker host's certificate (localhost, 127.0.0.1) and its first administrator.
     *
     * @param seed the site's own catalogue file, or null for none: the central starts with no hub at all
     */
    static ProvisionedSite start(Path dir, Path seed) throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ProductionBroker broker = ProductionBroker.prepare(dir.resolve("broker"));
        ProvisionedSite site = new ProvisionedSite(dir, broker);
        try {
            site.startCentral(seed);
        } catch (Exception | AssertionError e) {
            site.close();
            throw e;
        }
        return site;
    }

    private void startCentral(Path seed) throws Exception {
        String centralPassword = broker.credential("central");
        Files.writeString(dir.resolve("door.pass"), broker.credential("device", DEVICE, HUB));
        broker.start();
        Path config = Files.writeString(dir.resolve("central.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                  tls: {certificate: %s, private-key: %s}
                  public-url: https://linli.example
                data: {dir: %s}
                %smqtt: {url: %s, username: svc.central, password: "%s"}
                live: {client-id: svc.central}
                """.formatted(broker.tls().resolve("server.crt"), broker.tls().resolve("server.key"),
                dir.resolve("central"), seed == null ? "" : "catalogue: {seed: " + seed + "}\n", broker.plainUrl(),
                centralPassword));
        // port 0 and the port read from the log: a free port chosen beforehand could be taken before the central binds
        Path log = dir.resolve("central.log");
        central = java(List.of("--config", config.toString())).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        port = await("the central listens").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> listeningPort(log), p -> p > 0);
        api = new TlsCentral(broker.tls().resolve("ca.crt"), port);
        await("the central answers over HTTPS").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.status("GET", "/observe/health", null, null) == 200);

        // its first administrator, by the command, with the password from standard input
        Process add = java(List.of("admin", "add", ADMIN, "--role", "admin", "--password-stdin", "--config",
                config.toString())).redirectOutput(dir.resolve("admin.out").toFile()).start();
        try (OutputStream in = add.getOutputStream()) {
            in.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(add.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), Files.readString(dir.resolve("admin.out")));
    }

    /** The port in the central's "listening on port N" line, 0 before it; a central that exited fails with its log. */
    private int listeningPort(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
        }
        if (!central.isAlive()) {
            throw new AssertionError("the central exited with " + central.exitValue() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        return 0;
    }

    TlsCentral api() {
        return api;
    }

    ProductionBroker broker() {
        return broker;
    }

    Path caFile() {
        return broker.tls().resolve("ca.crt");
    }

    String centralUrl() {
        return "https://localhost:" + port;
    }

    /** {@code provision-device door} for the activity room's door on the Pi {@code pi}, its QR reader a FIFO. */
    Run provisionDoor(Path pi, Path tokenFile, Path fifo) throws IOException, InterruptedException {
        installedTemplate(pi, "agent.yaml");
        return provision(dir, pi, List.of("door", "--central", centralUrl(), "--ca-file", caFile().toString(),
                "--token-file", tokenFile.toString(), "--device", DEVICE, "--hub", HUB, "--room", ROOM,
                "--mqtt-url", broker.tlsUrl(), "--mqtt-password-file", dir.resolve("door.pass").toString(),
                "--lock", ROOM, "--relay-input", "active-high", "--lock-sense", "locked-low", "--reader",
                "serial:" + fifo, "--sensor", "pir:" + ROOM));
    }

    /** What the agent's own loader reads from the written agent.yaml; only the board and data directory are ours. */
    AgentConfig doorConfig(Path pi) throws Exception {
        return new ConfigLoader(Map.of("LINLI_HARDWARE_PROVIDER", "mock", "LINLI_DATA_DIR",
                dir.resolve("agent-data").toString())).load(pi.resolve("etc/agent.yaml"), false);
    }

    /** The door agent on the mock board, counting its lock's openings, once it has the hub's keys over TLS. */
    void startDoor(AgentConfig config, Path fifo) throws Exception {
        AgentConfig.Lock lock = config.locks().getFirst();
        lockPin = lock.relayPin();
        board = Pi4jBoard.mock();
        agent = new Agent(config, board, Clock.systemUTC(), ClockTrust.fixed(true, "the test machine's clock"));
        lockSense = lock.lockSense();
        if (lockSense != null) {
            // a strike that works: it holds while the relay locks it and lets go when the relay opens it
            senseFollows(false);
            board.onRelayChange(lock.relayPin(), lock.activeHigh(), lock.failSecure(), this::senseFollows);
        }
        board.context().registry().get(Pi4jBoard.pinId(lock.relayPin()), DigitalOutput.class).addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                unlocks.incrementAndGet();
            }
        });
        agent.start();
        reader = new FileOutputStream(fifo.toFile());
        await("the door, over TLS, gets the hub's keys").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(dir.resolve("agent-data/access-keys.json")));
    }

    /** {@code provision-device kiosk} for the hub's lobby, and the configuration it wrote. */
    KioskConfig provisionKiosk(Path tokenFile) throws Exception {
        Path pi = dir.resolve("kiosk-pi");
        installedTemplate(pi, "kiosk.yaml");
        Run kiosk = provisionKiosk(pi, tokenFile);
        assertEquals(0, kiosk.status(), kiosk.output());
        return KioskConfig.load(pi.resolve("etc/kiosk.yaml"), Map.of("LINLI_DATA_DIR",
                dir.resolve("kiosk-data").toString()));
    }

    /** {@code provision-device kiosk} for the hub's lobby on the Pi {@code pi}. */
    Run provisionKiosk(Path pi, Path tokenFile) throws IOException, InterruptedException {
        return provision(dir, pi, List.of("kiosk", "--central", centralUrl(), "--ca-file", caFile().toString(),
                "--token-file", tokenFile.toString(), "--hub", HUB, "--label", "Lobby"));
    }

    /**
     * What {@code install.sh ROLE} leaves in /etc/linli before provisioning: the role's template, with its
     * placeholders (install_template; InstallScriptChrootIT checks that it does).
     */
    private static void installedTemplate(Path pi, String file) throws IOException {
        Path installed = Files.createDirectories(pi.resolve("etc")).resolve(file);
        if (!Files.exists(installed)) {
            Files.copy(EndToEndIT.HOME.resolve("deploy-pi/rootfs/etc/linli/" + file + ".example"), installed);
        }
    }

    /** The kiosk's client as the written configuration makes it: the provisioned key, trusting only its CA. */
    static CentralClient kioskClient(KioskConfig config) throws Exception {
        CentralTrust.trustOnly(config.centralCaFile());
        CentralClient client = new CentralClient(config.centralUrl(), config.kioskKey(), config.hubId(),
                new Connectivity(Runnable::run));
        assertEquals(HUB, client.hub().id());
        return client;
    }

    /**
     * Books the activity room at the kiosk for the next 15-minute slot, which starts within the door's grace
     * ({@link Hubs}), shows the booking's QR to the door's reader, and waits for the door to open once.
     */
    void bookAtTheKioskAndOpenTheDoor(CentralClient client, String phone, String purpose) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(Hubs.ZONE);
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS).plusMinutes((now.getMinute() / 15 + 1) * 15L);
        Model.BookingRequest request = new Model.BookingRequest(ROOM, start.toOffsetDateTime(),
                start.plusMinutes(30).toOffsetDateTime(), phone, null, 3, purpose);
        // a number new to the site: the central asks for the privacy notice first, as the kiosk shows it
        CentralRefusedException refused = assertThrows(CentralRefusedException.class,
                () -> client.book(request, null, UUID.randomUUID().toString()));
        assertEquals("consent-required", refused.type());
        Model.Booking booking = client.book(request, ConsentPrompt.VERSION, UUID.randomUUID().toString());
        assertNotNull(booking.token());
        showAtTheDoor(booking.token());
    }

    /** A booking's token at the door's reader, as its QR reads; waits for the door to open once. */
    void showAtTheDoor(String token) throws IOException {
        reader.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
        reader.flush();
        await("the door opens for the kiosk's booking").atMost(Duration.ofSeconds(20))
                .until(() -> unlocks.get() == 1);
    }

    /** How often the door's relay has opened. */
    int unlocks() {
        return unlocks.get();
    }

    private void senseFollows(boolean relayUnlocked) {
        boolean holds = !relayUnlocked && !lockBroken;
        board.mockInput(lockSense.pin(), holds == lockSense.lockedHigh());
    }

    /** The strike gives way while the relay keeps it locked ({@code true}), or holds again ({@code false}). */
    void lockGivesWay(boolean broken) {
        lockBroken = broken;
        senseFollows(!relayLocked());
    }

    /** Whether the door's relay holds the door locked now. */
    boolean relayLocked() {
        return board.context().registry().get(Pi4jBoard.pinId(lockPin), DigitalOutput.class).state()
                != DigitalState.HIGH;
    }

    @Override
    public void close() throws Exception {
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
        broker.close();
    }
}
