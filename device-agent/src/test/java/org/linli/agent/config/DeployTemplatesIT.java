package org.linli.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.hardware.Pi4jRelay;

/**
 * What deploy-pi writes for a door agrees with what the agent reads: the template's lock block and the file
 * {@code provision-device --lock} writes both load, with the relay polarity of the board deploy-pi/README.md
 * recommends (active-low input: locked at rest with the input high).
 */
class DeployTemplatesIT {
    static final Path DEPLOY_PI = Path.of("..", "deploy-pi").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theTemplatesLockBlockLoadsWithTheRecommendedBoardsPolarity() throws Exception {
        String template = Files.readString(DEPLOY_PI.resolve("rootfs/etc/linli/agent.yaml.example"));
        int locks = template.indexOf("# locks:");
        assertTrue(locks > 0, "the template shows a lock block");
        StringBuilder yaml = new StringBuilder(template.substring(0, locks));
        for (String line : template.substring(locks).split("\n")) {
            String body = line.substring(2);
            if (!body.stripLeading().startsWith("#")) {
                yaml.append(body).append('\n');
            }
        }
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml.toString().replace("zone: CHANGE-ME", "zone: Pacific/Kiritimati")
                .replace("CHANGE-ME", "r101"));
        AgentConfig config = new ConfigLoader(Map.of()).load(file, false);
        AgentConfig.Lock lock = config.locks().getFirst();
        assertFalse(lock.activeHigh());
        assertEquals(DigitalState.HIGH, Pi4jRelay.lockedLevel(lock.activeHigh(), lock.failSecure()));
        assertEquals(new AgentConfig.Indicator(24, true, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(10)), config.indicator(), "the template's indicator block loads too");
    }

    /** What provision-device asks of the central: the hub, its rooms, its zone and hours; the registration. */
    private static HttpServer central(AtomicReference<String> registered) throws IOException {
        HttpServer central = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        central.createContext("/api/v1/devices", exchange -> {
            registered.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        central.createContext("/api/v1/hubs/wutong66", exchange -> {
            byte[] hub = """
                    {"id":"wutong66","timezone":"Asia/Shanghai","openingHours":{"open":"08:00","close":"21:00"},\
                    "rooms":[{"id":"r101"}]}""".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, hub.length);
            exchange.getResponseBody().write(hub);
            exchange.close();
        });
        central.start();
        return central;
    }

    /** provision-device for door-a of wutong66 with a lock on r101, then {@code more}. */
    private List<String> provisionDoor(HttpServer central, String... more) throws IOException {
        Path token = Files.writeString(dir.resolve("staff.token"), "t0k3n\n");
        Path password = Files.writeString(dir.resolve("door.pass"), "pw\n");
        String url = "http://127.0.0.1:" + central.getAddress().getPort();
        List<String> command = new java.util.ArrayList<>(List.of(DEPLOY_PI.resolve("provision-device").toString(),
                "--central", url, "--token-file", token.toString(), "--device", "door-a", "--hub", "wutong66",
                "--room", "r101", "--mqtt-url", "ssl://broker:8883", "--mqtt-password-file", password.toString(),
                "--lock", "r101"));
        command.addAll(List.of(more));
        return command;
    }

    @Test
    void provisionDeviceWritesALockWithTheRelayInputItWasTold() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        AtomicReference<String> registered = new AtomicReference<>();
        HttpServer central = central(registered);
        try {
            Path yaml = dir.resolve("etc/agent.yaml");
            List<String> common = provisionDoor(central);

            Run refused = run(yaml, common);
            assertEquals(1, refused.status(), "a lock without its relay polarity is refused: " + refused.output());
            assertTrue(refused.output().contains("--relay-input"), refused.output());
            assertFalse(Files.exists(yaml));

            List<String> withPolarity = new java.util.ArrayList<>(common);
            withPolarity.addAll(List.of("--relay-input", "active-low"));
            Run done = run(yaml, withPolarity);
            assertEquals(0, done.status(), done.output());
            assertTrue(registered.get().contains("\"rooms\":[\"r101\"]"), registered.get());
            AgentConfig config = new ConfigLoader(Map.of()).load(yaml, false);
            AgentConfig.Lock lock = config.locks().getFirst();
            assertEquals("r101", lock.room());
            assertFalse(lock.activeHigh());
            assertEquals(DigitalState.HIGH, Pi4jRelay.lockedLevel(lock.activeHigh(), lock.failSecure()));
            assertEquals(java.time.ZoneId.of("Asia/Shanghai"), config.occupancy().zone());
            assertEquals(java.time.LocalTime.of(21, 0), config.occupancy().closingTime());
            assertNull(config.indicator(), "no indicator unless asked for");
        } finally {
            central.stop(0);
        }
    }

    @Test
    void provisionDeviceWritesTheIndicatorItWasToldAndTheAgentLoadsIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        HttpServer central = central(new AtomicReference<>());
        try {
            refused(central, "--indicator must be active-high", "--indicator", "sideways");
            AgentConfig config = provisioned(central, "--indicator", "active-low");
            assertEquals(new AgentConfig.Indicator(24, false, java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(10)), config.indicator());
            assertEquals(17, config.locks().getFirst().relayPin(), "beside the lock, on a pin of its own");
            assertTrue(provisioned(central, "--indicator", "active-high").indicator().activeHigh());
        } finally {
            central.stop(0);
        }
    }

    @Test
    void provisionDeviceWritesTheLockSenseItWasToldAndTheAgentLoadsIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        HttpServer central = central(new AtomicReference<>());
        try {
            refused(central, "--lock-sense must be locked-low", "--lock-sense", "closed");
            assertEquals(new AgentConfig.LockSense(25, false, java.time.Duration.ofSeconds(1)),
                    provisioned(central, "--lock-sense", "locked-low").locks().getFirst().lockSense());
            assertNull(provisioned(central).locks().getFirst().lockSense(), "no lock sense unless asked for");
        } finally {
            central.stop(0);
        }
    }

    /** A door with the recommended relay board and {@code options}, refused with {@code why}: nothing written. */
    private void refused(HttpServer central, String why, String... options) throws Exception {
        Path yaml = dir.resolve("etc/agent.yaml");
        Run refused = run(yaml, provisionDoor(central, withRelayInput(options)));
        assertEquals(1, refused.status(), refused.output());
        assertTrue(refused.output().contains(why), refused.output());
        assertFalse(Files.exists(yaml));
    }

    /** A door with the recommended relay board and {@code options}, provisioned: what the agent loads from it. */
    private AgentConfig provisioned(HttpServer central, String... options) throws Exception {
        Path yaml = dir.resolve("etc/agent.yaml");
        Run done = run(yaml, provisionDoor(central, withRelayInput(options)));
        assertEquals(0, done.status(), done.output());
        return new ConfigLoader(Map.of()).load(yaml, false);
    }

    private static String[] withRelayInput(String... options) {
        List<String> all = new java.util.ArrayList<>(List.of("--relay-input", "active-low"));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    record Run(int status, String output) {
    }

    private Run run(Path yaml, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("LINLI_AGENT_YAML", yaml.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "provision-device finished");
        return new Run(process.exitValue(), Files.readString(out));
    }
}
