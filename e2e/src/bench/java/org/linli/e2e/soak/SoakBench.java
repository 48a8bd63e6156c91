package org.linli.e2e.soak;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./linli bench soak [hours=2] [sample-seconds=60] [seconds-between-residents=45]}: the whole demo for
 * hours, as a hub runs it, and what every program holds meanwhile.
 *
 * <p>It starts {@code demo.jar} (the embedded broker in the demo's own JVM, the central service and a simulated door
 * agent for every room, each a JVM of its own, exactly as {@code ./linli demo}), the kiosk in a JVM of its own with
 * the Pi unit's flags, used by {@link ResidentAtTheKiosk residents at a resident's pace}, the operator dashboard and
 * the now-serving board in headless Chromium, and a counter clerk who calls the next ticket every 90 s. Every
 * sample (each minute by default) records, per program: resident set, Java heap after a full collection, threads,
 * open files, CPU time and the size of its data (the central database, the agents' and the kiosk's outboxes, the
 * broker's store); for the two pages their JavaScript heap after a collection, DOM nodes and event listeners; what
 * the residents' bookings leave ({@link BookingRows}: central's {@code booking} rows and cancelled ones, each door's
 * revocation lists).
 * Everything goes to {@code soak.csv} in the run's directory as it is measured; at the end {@code summary.md} has the
 * table with each measure's trend per hour after the warm-up (the first quarter of the run, at most 15 minutes).
 * Without a display the kiosk draws headless (Monocle); under {@code xvfb-run} it opens a real window.
 *
 * <p>{@code ./linli bench soak --report DIR/soak.csv [warm-up minutes]} makes the table from a run's CSV, also while
 * the run is still going. How the kiosk's visits ended, by kind, is in {@code visits.txt} as they end
 * ({@link VisitCounts}) and at the end of the summary.
 */
public final class SoakBench {
    private static final String HUB = "wutong66";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path home;
    private final Path out;
    private final int secondsBetween;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StaffScreens screens;
    private ScheduledExecutorService clerk;

    private SoakBench(Path home, Path out, int secondsBetween) {
        this.home = home;
        this.out = out;
        this.secondsBetween = secondsBetween;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--report")) {
            Path csv = Path.of(args[1]);
            double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 15;
            System.out.print(SoakReport.read(csv).table(warmup));
            return;
        }
        if (System.getProperty("linli.soak.child") == null) {
            System.exit(again(args));
        }
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int sampleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int secondsBetween = args.length > 2 ? Integer.parseInt(args[2]) : 45;
        Path home = Path.of(System.getProperty("linli.home", "")).toAbsolutePath();
        Path out = Path.of(System.getProperty("linli.soak.dir", home.resolve("e2e").resolve("target")
                .resolve("soak-" + LocalDateTime.now().format(STAMP)).toString()));
        Files.createDirectories(out);
        SoakBench soak = new SoakBench(home, out, secondsBetween);
        Runtime.getRuntime().addShutdownHook(new Thread(soak::stop, "soak-stop"));
        try {
            soak.run(Duration.ofSeconds((long) (hours * 3600)), Duration.ofSeconds(sampleSeconds));
        } finally {
            soak.stop();
        }
        System.exit(0);
    }

    /** Runs the soak in a JVM of its own that may ask the others for their heap ({@link JvmHeaps#JVM_FLAG}). */
    private static int again(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), JvmHeaps.JVM_FLAG, "-Dlinli.soak.child=true"));
        for (String property : List.of("linli.home", "linli.soak.dir")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SoakBench.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private void run(Duration length, Duration every) throws Exception {
        double warmupMinutes = Math.min(15, length.toSeconds() / 60.0 / 4);
        System.out.printf(Locale.ROOT, "soak: %.2f h, a sample every %d s, warm-up %.1f min; output in %s%n",
                length.toSeconds() / 3600.0, every.toSeconds(), warmupMinutes, out);
        int httpPort = freePort();
        int mqttPort = freePort();
        URI central = URI.create("http://127.0.0.1:" + httpPort);
        Path data = out.resolve("data");
        Process demo = start("demo", List.of(java(), "-jar", jar("demo").toString(), "--no-kiosk", "--data",
                data.toString(), "--port", Integer.toString(httpPort), "--mqtt-port", Integer.toString(mqttPort)),
                Map.of());
        int rooms = awaitHub(central, demo);
        Map<String, ProcessHandle> children = awaitChildren(demo, rooms + 1);
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("central").resolve("demo-credentials.properties"))) {
            credentials.load(reader);
        }
        Process kiosk = start("kiosk", kioskCommand(central, credentials.getProperty("kiosk.kiosk-lobby.key")),
                Map.of("MALLOC_ARENA_MAX", "2"));
        screens = new StaffScreens(out.resolve("chrome"), central,
                login(central, "operator", credentials.getProperty("staff.operator.password")), HUB);
        AtomicInteger calls = startClerk(central, login(central, "counter",
                credentials.getProperty("staff.counter.password")));

        Map<String, Program> programs = new LinkedHashMap<>();
        programs.put("broker (demo JVM)", new Program(() -> List.of(demo.pid()), demo.pid(), List.of(data.resolve(
                "broker"))));
        children.forEach((name, process) -> programs.put(name, new Program(() -> List.of(process.pid()),
                process.pid(), List.of(name.equals("central") ? data.resolve("central")
                        : data.resolve("agents").resolve(name.substring("agent ".length()))))));
        programs.put("kiosk", new Program(() -> List.of(kiosk.pid()), kiosk.pid(), List.of(out.resolve("kiosk"))));
        programs.put("chromium", new Program(screens::browserPids, -1, List.of()));

        Path csv = out.resolve("soak.csv");
        DatabaseRows rows = new DatabaseRows(data.resolve("central").resolve("linli.db"), out.resolve("rows.csv"));
        BookingRows bookings = new BookingRows(data.resolve("central").resolve("linli.db"));
        long t0 = System.nanoTime();
        Instant end = Instant.now().plus(length);
        JvmHeaps heaps = new JvmHeaps();
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            writer.write(SoakReport.HEADER + "\n");
            for (int n = 0; ; n++) {
                double minute = (System.nanoTime() - t0) / 60e9;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.1f min", minute));
                long[] booked = bookings.bookings();
                for (var entry : programs.entrySet()) {
                    Program p = entry.getValue();
                    List<Long> pids = p.pids().get();
                    ProcessStats stats = ProcessStats.of(pids);
                    long heap = p.jvm() > 0 && ProcessHandle.of(p.jvm()).map(ProcessHandle::isAlive).orElse(false)
                            ? heaps.afterGcKb(p.jvm()) : -1;
                    long store = p.store().isEmpty() ? -1 : ProcessStats.sizeKb(p.store());
                    boolean isCentral = entry.getKey().equals("central");
                    long lists = entry.getKey().startsWith("agent") ? BookingRows.revocationBytes(p.store().get(0))
                            : -1;
                    writer.write(String.format(Locale.ROOT, "%s,%.2f,%s,%d,%d,%d,%d,%d,%d,%.2f,%d,-1,-1,%d,%d,%d%n",
                            Instant.now(), minute, entry.getKey(), pids.isEmpty() ? -1 : pids.get(0), stats.rssKb(),
                            stats.pssKb(), heap, stats.threads(), stats.fds(), stats.cpuSeconds(), store,
                            isCentral ? booked[0] : -1, isCentral ? booked[1] : -1, lists));
                    if (!entry.getKey().startsWith("agent") || entry.getKey().endsWith(firstAgent(programs))) {
                        line.append(String.format(Locale.ROOT, " | %s %d/%d MB", shortName(entry.getKey()),
                                stats.rssKb() / 1024, Math.max(-1, heap / 1024)));
                    }
                }
                for (String page : List.of("dashboard page", "board page")) {
                    StaffScreens.Page stats = page.startsWith("dashboard") ? screens.dashboard() : screens.board();
                    writer.write(String.format(Locale.ROOT, "%s,%.2f,%s,-1,-1,-1,%d,-1,-1,-1,-1,%d,%d,-1,-1,-1%n",
                            Instant.now(), minute, page, stats.jsHeapKb(), stats.domNodes(), stats.listeners()));
                    line.append(String.format(Locale.ROOT, " | %s %d kB %d nodes", shortName(page), stats.jsHeapKb(),
                            stats.domNodes()));
                }
                writer.flush();
                rows.sample(minute);
                System.out.println(line.append(" | ").append(calls.get()).append(" calls | ").append(booked[0])
                        .append(" bookings, ").append(booked[1]).append(" cancelled"));
                if (!demo.isAlive() || !kiosk.isAlive()) {
                    System.out.println("soak: " + (demo.isAlive() ? "the kiosk" : "the demo") + " ended early; see "
                            + out);
                    break;
                }
                long wait = t0 + (n + 1) * every.toNanos() - System.nanoTime();
                if (Instant.now().plusNanos(Math.max(0, wait)).isAfter(end)) {
                    break;
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, wait)); // the sampling period itself, not a wait for an event
            }
        }
        Path visits = out.resolve("visits.txt");
        String table = SoakReport.read(csv).table(warmupMinutes) + "\n" + rows.growth(warmupMinutes) + "\nKiosk: "
                + (Files.exists(visits) ? Files.readString(visits) : "no visit ended\n");
        Files.writeString(out.resolve("summary.md"), table);
        System.out.println();
        System.out.print(table);
        System.out.println("soak: " + csv + ", " + out.resolve("summary.md"));
    }

    /** How a program is found and what is its data. */
    private record Program(Supplier<List<Long>> pids, long jvm, List<Path> store) {
    }

    private static String firstAgent(Map<String, Program> programs) {
        return programs.keySet().stream().filter(k -> k.startsWith("agent")).findFirst().orElse("");
    }

    private static String shortName(String program) {
        return program.replace(" (demo JVM)", "").replace(" page", "");
    }

    /** The demo's central service and agents by name: "central", "agent activity-room-door", … */
    private Map<String, ProcessHandle> awaitChildren(Process demo, int count) throws InterruptedException {
        Pattern agentConfig = Pattern.compile("/agents/([^/]+)/agent\\.yaml");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            Map<String, ProcessHandle> named = new LinkedHashMap<>();
            demo.children().sorted(java.util.Comparator.comparing(p -> p.info().commandLine().orElse("")))
                    .forEach(child -> {
                        String line = child.info().commandLine().orElse("");
                        Matcher agent = agentConfig.matcher(line);
                        if (line.contains("central-service.jar")) {
                            named.put("central", child);
                        } else if (agent.find()) {
                            named.put("agent " + agent.group(1), child);
                        }
                    });
            if (named.size() >= count) {
                Map<String, ProcessHandle> ordered = new LinkedHashMap<>();
                ordered.put("central", named.remove("central"));
                ordered.putAll(named);
                return ordered;
            }
            if (System.nanoTime() > deadline || !demo.isAlive()) {
                throw new IllegalStateException("the demo started " + named.keySet() + " of " + count
                        + " programs; see " + out.resolve("demo.log"));
            }
            TimeUnit.MILLISECONDS.sleep(500); // the demo starts its programs one after another; nothing to wait on
        }
    }

    /** Waits until the demo's central service answers, and returns how many rooms (so agents) its hub has. */
    private int awaitHub(URI central, Process demo) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (true) {
            try {
                HttpResponse<String> hub = http.send(HttpRequest.newBuilder(central.resolve("/api/v1/hubs/" + HUB))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (hub.statusCode() == 200) {
                    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(hub.body()).get("rooms").size();
                }
            } catch (IOException starting) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !demo.isAlive()) {
                throw new IllegalStateException("the demo's central service did not come up; see "
                        + out.resolve("demo.log"));
            }
            TimeUnit.SECONDS.sleep(1); // polling a starting server, as the demo itself does
        }
    }

    private String login(URI central, String user, String password) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(central.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("login as " + user + " failed: " + answer.statusCode());
        }
        return token.group(1);
    }

    /** A counter clerk: every 90 s one of the three counters calls the next ticket (which ends the one before). */
    private AtomicInteger startClerk(URI central, String token) {
        AtomicInteger calls = new AtomicInteger();
        clerk = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("clerk").factory());
        clerk.scheduleWithFixedDelay(() -> {
            String counter = "counter-" + (1 + calls.get() % 3);
            try {
                http.send(HttpRequest.newBuilder(central.resolve("/api/v1/counters/" + counter + "/call-next"))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                calls.incrementAndGet();
            } catch (IOException | InterruptedException e) {
                System.out.println("clerk: " + counter + " could not call: " + e);
            }
        }, 90, 90, TimeUnit.SECONDS);
        return calls;
    }

    /**
     * The kiosk as the Pi runs it: the unit's JVM flags (without the class-data archive, which needs the jar) and
     * its class path from this benchmark's, which holds the kiosk and its libraries.
     */
    private List<String> kioskCommand(URI central, String key) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        Path unit = home.resolve("deploy-pi/rootfs/etc/systemd/system/linli-kiosk.service");
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("Environment=LINLI_JAVA_OPTS=")) {
                String flags = line.substring("Environment=LINLI_JAVA_OPTS=".length()).replace("\"", "");
                for (String flag : flags.split("\\s+")) {
                    if (!flag.startsWith("-XX:SharedArchiveFile=") && !flag.equals("-XX:+AutoCreateSharedArchive")) {
                        command.add(flag);
                    }
                }
            }
        }
        // flags to look inside, e.g. -XX:NativeMemoryTracking=summary to compare `jcmd PID VM.native_memory` over hours
        String extra = System.getenv().getOrDefault("LINLI_SOAK_KIOSK_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (System.getenv("DISPLAY") == null) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Dheadless.geometry=1920x1080-32"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ResidentAtTheKiosk.class.getName(),
                central.toString(), key, HUB, out.resolve("kiosk").toString(), "12", out.resolve("visits.txt").toString(),
                Integer.toString(secondsBetween)));
        return command;
    }

    private Process start(String name, List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private Path jar(String module) {
        Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -DskipTests package");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops what the soak started, the demo last (it stops its own programs, agents first). */
    private synchronized void stop() {
        if (clerk != null) {
            clerk.shutdownNow();
        }
        if (screens != null) {
            try {
                screens.close();
            } catch (RuntimeException e) {
                System.out.println("soak: Chromium did not stop cleanly: " + e);
            }
            screens = null;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Process process = started.get(i);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        started.clear();
    }
}
