package org.linli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;

/**
 * {@code java -jar device-agent.jar --simulate --config …} as its own process against a real Mosquitto: a QR text
 * typed on its stdin opens the door (the simulation prints the relay pin's moves) and is reported on MQTT; a forged
 * one does not; SIGTERM locks the door that was still open and exits 0.
 */
class SimulateIT {
    private static final String DEVICE = "sim-it-door";
    private static final String HUB = "hub-it";
    private static final String ROOM = "room-it";

    @TempDir
    Path dir;

    private Process agent;

    @AfterEach
    void kill() {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
        }
    }

    @Test
    void scanOnStdinOpensTheDoorAndSigtermLocksItAndExitsZero() throws Exception {
        Path jar = Path.of("target/device-agent.jar");
        assertTrue(Files.exists(jar), "the package phase builds " + jar.toAbsolutePath());
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestSubscriber central = new TestSubscriber(broker.url(), "central",
                        "linli/v1/devices/" + DEVICE + "/#")) {
            SigningKey key = new SigningKey(1, Ed25519Keys.generate());
            central.publish(Topics.accessKeys(HUB), new PayloadCodec().encode(TokenVerifier.publish(
                    System.currentTimeMillis(), List.of(key))), true);
            Path config = dir.resolve("agent.yaml");
            // a long pulse, so the door is still unlocked when SIGTERM comes
            Files.writeString(config, TestAgents.yaml(DEVICE, HUB, ROOM, broker.url(), dir.resolve("data"))
                    .replace("pulse-ms: 300", "pulse-ms: 60000"));
            agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--simulate",
                    "--config", config.toString())
                    .redirectError(dir.resolve("agent.log").toFile()).start();
            List<String> out = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> collect(agent, out), "agent-stdout");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("data/access-keys.json")));

            Instant now = Instant.now();
            String token = new TokenSigner(key).sign(AccessToken.booking(1, 4711, HUB, ROOM, now.minusSeconds(60),
                    now.plusSeconds(3600)));
            String forged = new TokenSigner(new SigningKey(1, Ed25519Keys.generate())).sign(AccessToken.booking(1,
                    4711, HUB, ROOM, now.minusSeconds(60), now.plusSeconds(3600)));
            OutputStream stdin = agent.getOutputStream();
            stdin.write(("scan " + ROOM + " " + forged + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> events(central).stream().anyMatch(
                    e -> e.contains("access.denied") && e.contains("BAD_SIGNATURE")));
            assertTrue(out.stream().noneMatch(l -> l.equals("relay " + ROOM + " unlocked")), "forged: " + out);

            stdin.write(("scan " + ROOM + " " + token + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> out.contains("relay " + ROOM + " unlocked"));
            await().atMost(Duration.ofSeconds(20)).until(() -> events(central).stream().anyMatch(
                    e -> e.contains("access.granted") && e.contains("\"bookingId\":\"4711\"")));

            // SIGTERM through the handle: Process.destroy() would also close our end of its stdout
            agent.toHandle().destroy();
            assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "the agent stops after SIGTERM");
            assertEquals(0, agent.exitValue(), Files.readString(dir.resolve("agent.log")));
            reader.join(5000);
            List<String> relay = out.stream().filter(l -> l.startsWith("relay ")).toList();
            assertEquals(List.of("relay " + ROOM + " unlocked", "relay " + ROOM + " locked"), relay,
                    "the open door was locked on the way out; agent log:\n" + Files.readString(dir.resolve("agent.log")));
            await().atMost(Duration.ofSeconds(10)).until(() -> central.payloads(Topics.deviceStatus(DEVICE))
                    .stream().reduce((a, b) -> b).orElse("").contains("\"state\":\"offline\""));
        }
    }

    /**
     * As under a service manager, or {@code ./linli agent --simulate < /dev/null}, or with standard input closed
     * ({@code <&-}, where the Java runtime's first own file takes descriptor 0): nothing to type, which is no fault.
     * The end of the input is said once; nothing is retried or read as typed lines, and the agent goes on reporting.
     */
    @ParameterizedTest
    @ValueSource(strings = {"< /dev/null", "<&-"})
    void anEndedOrClosedStandardInputIsSaidOnceAndTheAgentGoesOn(String stdin) throws Exception {
        Path jar = Path.of("target/device-agent.jar");
        assertTrue(Files.exists(jar), "the package phase builds " + jar.toAbsolutePath());
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestSubscriber central = new TestSubscriber(broker.url(), "central",
                        "linli/v1/devices/" + DEVICE + "/#")) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, TestAgents.yaml(DEVICE, HUB, ROOM, broker.url(), dir.resolve("data"))
                    + "telemetry: {interval-s: 1}\n");
            Path log = dir.resolve("agent.log");
            // through the shell, as typed: Java can give a child /dev/null but not a closed descriptor 0
            agent = new ProcessBuilder("bash", "-c", "exec \"$0\" \"$@\" " + stdin,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--simulate", "--config",
                    config.toString())
                    .redirectOutput(dir.resolve("agent.out").toFile()).redirectError(log.toFile()).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> central.payloads(Topics.deviceStatus(DEVICE)).stream()
                    .anyMatch(p -> p.contains("\"state\":\"online\"")));
            await("the end of standard input is said").atMost(Duration.ofSeconds(30))
                    .until(() -> !readerLines(log).isEmpty());
            // it used to retry every second ("reader stdin: Stream closed; reopening"), or, closed, to read the
            // runtime's lib/modules as typed lines: it stays one line while the agent reports its telemetry
            int reports = central.payloads(Topics.deviceTelemetry(DEVICE)).size();
            await("telemetry goes on").atMost(Duration.ofSeconds(20))
                    .until(() -> central.payloads(Topics.deviceTelemetry(DEVICE)).size() >= reports + 3);
            List<String> lines = Files.readAllLines(log);
            String shown = "the agent's log: " + lines.subList(0, Math.min(lines.size(), 20));
            assertTrue(agent.isAlive(), shown);
            assertEquals(List.of("INFO org.linli.agent.hardware.LineQrReader: reader stdin ended; nothing more is read"
                    + " from it"), readerLines(log), shown);
            assertEquals(lines.size(), lines.stream().distinct().count(), "a line said again; " + shown);
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("WARNING") || l.startsWith("SEVERE")), shown);
        }
    }

    private static List<String> readerLines(Path log) throws java.io.IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("stdin") || l.contains("simulation input"))
                .toList();
    }

    private static List<String> events(TestSubscriber central) {
        return central.payloads(Topics.deviceEvents(DEVICE));
    }

    private static void collect(Process process, List<String> out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.add(line);
            }
        } catch (java.io.IOException e) {
            // the process ended
        }
    }
}
