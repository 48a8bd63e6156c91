package org.linli.agent;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.qr.HardFrames;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenVerifier;

/**
 * {@code ./linli bench agent [--full | --idle-s N] [--scans N] [--camera] [--jvm "FLAGS"] [--env K=V] [--nice N]
 * [--jar FILE]}: the agent as the Pi runs it, in a JVM of its own
 * ({@code java FLAGS -jar device-agent.jar --simulate --config …}: PIR, beam pair, door contact, lock), against a real
 * Mosquitto. This process only plays the central service and the resident at the door, and measures the child:
 * <ul>
 * <li>reader-to-relay for 1,000 valid scans (after 100 to warm up), two ways: <em>outside</em>, from writing
 * {@code scan <room> <token>} to the child's stdin to reading the {@code relay <room> unlocked} line that the
 * simulation prints from Pi4J's listener on the relay pin (so it includes both pipes and this process's scheduling);
 * <em>inside</em>, the agent's own histogram from the reader thread having the line to the relay write
 * (its {@code stats} console command);</li>
 * <li>CPU (utime+stime of /proc/PID/stat) of the child during the scans and while the simulation runs with no scans
 * (60 s, or the 10 minutes with {@code --full});</li>
 * <li>its RSS from the start to the end, in three phases: starting (until it has the hub's keys), the scans, idle. The
 * peak of each is the kernel's own high-water mark ({@code VmHWM} of /proc/PID/status, reset between phases through
 * /proc/PID/clear_refs), so no peak between two samples is missed; the overall peak is the highest of the three.</li>
 * </ul>
 * With {@code --camera} the door also has a camera reader, fed 640×480 YUV420 frames at 10 a second (a shell loop
 * over a file of {@link HardFrames}: half without a code, half with a tilted, blurred, noisy forged token that the
 * door refuses), so the RSS includes QR decoding and verifying.
 * The child's JVM flags are {@code --jvm}, else {@code LINLI_AGENT_JAVA_OPTS}, else those of the systemd unit's
 * {@code ExecStart=} (read from {@code deploy-pi/rootfs/etc/systemd/system/linli-agent.service}, so the benchmark
 * measures what the Pi runs); its environment is the unit's {@code Environment=} lines, plus {@code --env K=V}.
 * Build the jar first: {@code ./mvnw -pl device-agent -am package -DskipTests}.
 */
public final class AgentBench {
    private static final String HUB = "bench-hub";
    private static final String ROOM = "bench-room";
    private static final int WARMUP = 100;
    /** The agent's systemd unit, relative to the repository root ({@code ./linli bench} runs there). */
    static final Path UNIT = Path.of("deploy-pi/rootfs/etc/systemd/system/linli-agent.service");

    private AgentBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argv = Arrays.asList(args);
        Duration idle = argv.contains("--full") ? Duration.ofMinutes(10)
                : Duration.ofSeconds(Long.parseLong(option(argv, "--idle-s", "60")));
        List<String> unit = Files.readAllLines(UNIT);
        String flags = option(argv, "--jvm", System.getenv().getOrDefault("LINLI_AGENT_JAVA_OPTS", unitFlags(unit)));
        int scans = Integer.parseInt(option(argv, "--scans", "1000"));
        Path jar = Path.of(option(argv, "--jar", "device-agent/target/device-agent.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -pl device-agent -am package -DskipTests");
        }
        Path dir = Files.createTempDirectory("linli-agent-bench");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestSubscriber central = new TestSubscriber(broker.url(), "bench-central",
                        "linli/v1/devices/bench-door/events")) {
            SigningKey key = new SigningKey(1, Ed25519Keys.generate());
            central.publish(Topics.accessKeys(HUB), new PayloadCodec().encode(TokenVerifier.publish(
                    System.currentTimeMillis(), List.of(key))), true);
            Path config = dir.resolve("agent.yaml");
            String reader = argv.contains("--camera") ? "\n    reader: " + cameraReader(dir) : "";
            Files.writeString(config, TestAgents.yaml("bench-door", HUB, ROOM, broker.url(), dir.resolve("data"))
                    .replace("pulse-ms: 300", "pulse-ms: 100" + reader) + "simulation: {speed: 120}\n");
            List<String> command = new ArrayList<>();
            String nice = option(argv, "--nice", null);
            if (nice != null) {
                // e.g. -10: the agent ahead of other work, as on a Pi that runs nothing else (needs root)
                command.addAll(List.of("nice", "-n", nice));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(flags.trim().split("\\s+")));
            command.addAll(List.of("-jar", jar.toString(), "--simulate", "--config", config.toString()));
            System.out.println("agent: " + String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command);
            List<String> env = new ArrayList<>(unitEnvironment(unit));
            String extra = option(argv, "--env", null);
            if (extra != null) {
                env.add(extra);
            }
            for (String pair : env) {
                builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            System.out.println("agent environment: " + env);
            Process agent = builder.redirectError(dir.resolve("agent.log").toFile()).start();
            try {
                run(agent, dir, key, central, idle, scans);
            } finally {
                agent.destroy();
                System.out.println("agent exit status after SIGTERM: " + agent.waitFor() + " (log: "
                        + dir.resolve("agent.log") + ")");
            }
        }
    }

    private static void run(Process agent, Path dir, SigningKey key, TestSubscriber central, Duration idle,
            int scans) throws Exception {
        BlockingQueue<Long> unlocked = new LinkedBlockingQueue<>();
        BlockingQueue<Long> locked = new LinkedBlockingQueue<>();
        BlockingQueue<String> stats = new LinkedBlockingQueue<>();
        Thread lines = new Thread(() -> readLines(agent, unlocked, locked, stats), "agent-stdout");
        lines.setDaemon(true);
        lines.start();
        long pid = agent.pid();
        System.out.println("agent pid: " + pid);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("data/access-keys.json")));
        long startupRss = status(pid, "VmRSS:");
        long startupPeak = nextPhase(pid);
        Instant now = Instant.now();
        String token = new TokenSigner(key).sign(AccessToken.booking(1, 4711, HUB, ROOM, now.minusSeconds(600),
                now.plusSeconds(7200)));
        OutputStream stdin = agent.getOutputStream();
        long[] micros = new long[scans];
        long ticks0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        for (int i = 0; i < WARMUP + scans; i++) {
            if (i == WARMUP) {
                send(stdin, "stats");
                stats.take();
            }
            long start = System.nanoTime();
            send(stdin, "scan " + ROOM + " " + token);
            Long at = unlocked.poll(5, TimeUnit.SECONDS);
            if (at == null) {
                throw new IllegalStateException("scan " + i + " did not open the door");
            }
            if (i >= WARMUP) {
                micros[i - WARMUP] = (at - start) / 1000;
            }
            if (locked.poll(5, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("the relay did not lock again after scan " + i);
            }
        }
        double scanSeconds = (System.nanoTime() - t0) / 1e9;
        double scanCpu = (cpuTicks(pid) - ticks0) / 100.0 / scanSeconds * 100;
        send(stdin, "stats");
        String inside = stats.take();
        Arrays.sort(micros);
        System.out.printf("reader-to-relay, outside (stdin line -> relay pin line) over %d valid scans: p50 %.2f ms,"
                + " p99 %.2f ms, max %.2f ms%n", scans, micros[scans / 2] / 1000.0, micros[scans * 99 / 100] / 1000.0,
                micros[scans - 1] / 1000.0);
        System.out.println("reader-to-relay, inside the agent (reader thread -> relay write): " + inside);
        System.out.printf("during the scans: CPU %.1f %% of one core%n", scanCpu);
        await().atMost(Duration.ofSeconds(30)).until(() -> central.payloads(
                Topics.deviceEvents("bench-door")).stream().filter(p -> p.contains("access.granted")).count()
                == WARMUP + scans);
        long scansPeak = nextPhase(pid);
        long ticks1 = cpuTicks(pid);
        long t1 = System.nanoTime();
        Thread.sleep(idle.toMillis()); // the measurement's window, not a wait for an event
        double seconds = (System.nanoTime() - t1) / 1e9;
        double cpu = (cpuTicks(pid) - ticks1) / 100.0 / seconds * 100;
        long idleRss = status(pid, "VmRSS:");
        long idlePeak = nextPhase(pid);
        System.out.printf("simulation running, no scans, %.0f s: CPU %.2f %% of one core (every access.granted of the"
                + " %d scans arrived on MQTT)%n", seconds, cpu, WARMUP + scans);
        // MB of 1,024 kB with a decimal: whole MB cut off below hid whether 64.9 or 64.0 (issue 19's target is 64)
        System.out.printf("RSS: after startup %.1f MB (peak while starting %.1f), peak during the scans %.1f, idle at the"
                + " end %.1f (peak while idle %.1f); overall peak %.1f MB%n", mb(startupRss), mb(startupPeak),
                mb(scansPeak), mb(idleRss), mb(idlePeak), mb(Math.max(startupPeak, Math.max(scansPeak, idlePeak))));
        System.out.println("load while measuring: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static void readLines(Process agent, BlockingQueue<Long> unlocked, BlockingQueue<Long> locked,
            BlockingQueue<String> stats) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long at = System.nanoTime();
                if (line.equals("relay " + ROOM + " unlocked")) {
                    unlocked.add(at);
                } else if (line.equals("relay " + ROOM + " locked")) {
                    locked.add(at);
                } else if (line.startsWith("stats ")) {
                    stats.add(line.substring("stats ".length()));
                }
            }
        } catch (IOException e) {
            System.err.println("agent output: " + e.getMessage());
        }
    }

    private static void send(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * A camera reader's configuration whose command loops over ten frames a second. The codes in them are tokens
     * signed with another key than the published one: each is decoded and verified, and refused without a relay
     * pulse, so the scan latencies stay those of the resident's scans.
     */
    static String cameraReader(Path dir) throws IOException {
        Instant now = Instant.now();
        String forged = new TokenSigner(new SigningKey(1, Ed25519Keys.generate())).sign(AccessToken.booking(1, 4712,
                HUB, ROOM, now.minusSeconds(600), now.plusSeconds(86_400)));
        Path file = dir.resolve("camera.yuv");
        HardFrames frames = new HardFrames(20261204);
        HardFrames.Group vga = HardFrames.GROUPS.getFirst();
        byte[] chroma = new byte[vga.width() * vga.height() / 2];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 10; i++) {
                out.write(i % 2 == 0 ? frames.empty(vga) : frames.frame(forged, vga));
                out.write(chroma);
            }
        }
        return "{type: camera, width: %d, height: %d, command: 'while :; do cat \"%s\"; sleep 1; done'}"
                .formatted(vga.width(), vga.height(), file);
    }

    /** The JVM flags of the unit's {@code ExecStart=}: what stands between {@code java} and {@code -jar}. */
    static String unitFlags(List<String> unit) {
        for (String line : unit) {
            if (line.startsWith("ExecStart=")) {
                List<String> words = Arrays.asList(line.substring("ExecStart=".length()).trim().split("\\s+"));
                int jar = words.indexOf("-jar");
                if (!words.get(0).endsWith("/java") || jar < 0) {
                    throw new IllegalStateException(UNIT + ": ExecStart= is not 'java FLAGS -jar …': " + line);
                }
                return String.join(" ", words.subList(1, jar));
            }
        }
        throw new IllegalStateException(UNIT + " has no ExecStart=");
    }

    /** The unit's {@code Environment=K=V} settings (one per line, unquoted, as ours are written). */
    static List<String> unitEnvironment(List<String> unit) {
        return unit.stream().filter(line -> line.startsWith("Environment="))
                .map(line -> line.substring("Environment=".length()).trim())
                .filter(pair -> pair.indexOf('=') > 0)
                .toList();
    }

    private static String option(List<String> argv, String name, String fallback) {
        int i = argv.indexOf(name);
        return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : fallback;
    }

    /** A kB figure of /proc/PID/status ({@code VmRSS:}, {@code VmHWM:}). */
    static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
    }

    /**
     * The child's peak RSS since it started or since the last call, in kB, and the start of the next phase: writing 5
     * to clear_refs sets the high-water mark back to the RSS of the moment (Linux 4.0 and later).
     */
    static long nextPhase(long pid) throws IOException {
        long peak = status(pid, "VmHWM:");
        Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
        return peak;
    }

    private static double mb(long kb) {
        return kb / 1024.0;
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
