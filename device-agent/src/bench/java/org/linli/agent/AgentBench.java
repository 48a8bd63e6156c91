package org.linli.agent;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.agent.sim.Simulation;
import org.linli.agent.telemetry.ProcessStats;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;

/**
 * {@code ./linli bench agent [--full]}: the agent in simulation (PIR, beam pair, door contact, lock) against a real
 * Mosquitto; measures reader-to-relay latency over 1,000 valid scans, then idle CPU and RSS over a quiet period
 * (60 s, or the 10 minutes with {@code --full}). Run it with the systemd unit's flags:
 * {@code LINLI_JAVA_OPTS="-Xmx48m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ./linli bench agent}.
 */
public final class AgentBench {
    private static final String HUB = "bench-hub";
    private static final String ROOM = "bench-room";
    private static final int SCANS = 1000;

    private AgentBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration idle = Arrays.asList(args).contains("--full") ? Duration.ofMinutes(10) : Duration.ofSeconds(60);
        Path dir = Files.createTempDirectory("linli-agent-bench");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestSubscriber central = new TestSubscriber(broker.url(), "bench-central");
                Pi4jBoard board = Pi4jBoard.mock()) {
            SigningKey key = new SigningKey(1, Ed25519Keys.generate());
            PayloadCodec codec = new PayloadCodec();
            central.publish(Topics.accessKeys(HUB), codec.encode(TokenVerifier.publish(System.currentTimeMillis(),
                    java.util.List.of(key))), true);
            String yaml = TestAgents.yaml("bench-door", HUB, ROOM, broker.url(), dir.resolve("data"))
                    .replace("pulse-ms: 300", "pulse-ms: 5000");
            AgentConfig config = TestAgents.config(dir, yaml);
            Agent agent = new Agent(config, board, Clock.systemUTC(), ClockTrust.fixed(true, "bench"));
            AtomicReference<CountDownLatch> opened = new AtomicReference<>(new CountDownLatch(1));
            board.context().registry().get(Pi4jBoard.pinId(TestAgents.RELAY_PIN), DigitalOutput.class)
                    .addListener(e -> {
                        if (e.state() == DigitalState.HIGH) {
                            opened.get().countDown();
                        }
                    });
            agent.start();
            Simulation simulation = new Simulation(config, board);
            simulation.start();
            while (!Files.exists(dir.resolve("data/access-keys.json"))) {
                Thread.onSpinWait();
            }
            Instant now = Instant.now();
            String token = new TokenSigner(key).sign(AccessToken.booking(1, 4711, HUB, ROOM,
                    now.minusSeconds(600), now.plusSeconds(7200)));
            long[] micros = new long[SCANS];
            for (int i = 0; i < SCANS + 100; i++) {
                CountDownLatch latch = new CountDownLatch(1);
                opened.set(latch);
                long start = System.nanoTime();
                agent.scan(ROOM, token);
                if (!latch.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("scan " + i + " did not open the door");
                }
                long took = (System.nanoTime() - start) / 1000;
                if (i >= 100) {
                    micros[i - 100] = took; // the first 100 warm the JIT up
                }
                agent.lockAll();
            }
            Arrays.sort(micros);
            System.out.printf("reader-to-relay over %d valid scans: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", SCANS,
                    micros[SCANS / 2] / 1000.0, micros[SCANS * 99 / 100] / 1000.0, micros[SCANS - 1] / 1000.0);
            System.gc();
            long ticks0 = ProcessStats.cpuTicks();
            long t0 = System.nanoTime();
            long peakRss = 0;
            long deadline = t0 + idle.toNanos();
            while (System.nanoTime() < deadline) {
                peakRss = Math.max(peakRss, ProcessStats.rssBytes());
                Thread.sleep(1000); // sampling interval of the measurement, not a wait for an event
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (ProcessStats.cpuTicks() - ticks0) / 100.0 / seconds * 100;
            System.out.printf("simulation running %.0f s: CPU %.2f %% of one core, RSS now %d MB, peak %d MB,"
                    + " heap used %d MB, outbox depth %d%n", seconds, cpu, ProcessStats.rssBytes() >> 20,
                    peakRss >> 20, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    agent.outbox().depth());
            System.out.println("JVM flags: " + java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getInputArguments());
            simulation.close();
            agent.close();
        }
    }
}
