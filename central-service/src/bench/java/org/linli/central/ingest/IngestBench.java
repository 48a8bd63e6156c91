package org.linli.central.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.central.bench.Cpu;
import org.linli.central.bench.RawHttp;
import org.linli.central.bench.RawPublisher;
import org.linli.central.bench.Replicas;
import org.linli.central.bench.ServerProcess;
import org.linli.central.bench.ThreadCpu;
import org.linli.central.store.PostgresCluster;
import org.linli.central.web.Json;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * {@code ./linli bench ingest [--rate N[,N…]|max] [--devices K] [--seconds S] [--warmup S] [--inflight W]
 * [--connections C] [--postgresql [--replicas R]] [--jvm "FLAGS"] [--env K=V]…}: sustained QoS 1 ingestion from K
 * simulated devices (spread over C publishing connections) through a real Mosquitto into the central service, which
 * runs as a JVM of its own with the production unit's JVM flags and environment (its {@code LINLI_JAVA_OPTS} and its
 * other {@code Environment=} lines, such as {@code LD_PRELOAD}, read from {@code deploy-pi/…/linli-central.service}),
 * so that its CPU time and its RSS are its alone. {@code --jvm} replaces the unit's JVM flags, {@code --env} adds to
 * (or overrides) its environment; {@code LINLI_BENCH_SERVER_OPTS} adds JVM flags after either. The
 * devices publish at a fixed rate (a schedule per connection) or, with {@code max}, as fast as the broker takes them.
 * Without {@code --rate} it runs 500, 2,000 and 5,000 msg/s and unthrottled, a fresh broker and service for each.
 * Each starts with {@code warmup} seconds as fast as it goes (the JIT's warm-up: a paced service would still be
 * compiling after a minute), waits until that is stored, publishes at the rate for 5 s and then measures.
 *
 * <p>Per rate it prints the rows stored per second (counted in the database, not by the service: the SQLite file, or
 * with {@code --postgresql} a database of a throwaway durable PostgreSQL cluster), the service's CPU time per stored
 * message from /proc (all its threads: ingestion, Paho, the JIT, GC, HTTP) and by thread group,
 * its RSS, the CPU of the load generator and of Mosquitto, and the load average: on a shared machine the rate depends
 * on what else runs, the CPU per message much less. At the end, with the service stopped, it reconciles what was
 * published with what the database holds: per device, rows stored against seqs published, gaps and duplicates.
 *
 * <p>With {@code --replicas R} (PostgreSQL only) R services share the database and take the stream through one shared
 * subscription ({@code live.shared-group}), each with its own {@code live.client-id}, data directory and port, and the
 * same resident secret, signing key and demo credentials; CPU, RSS and batches are those of all of them together.
 *
 * <p>{@code inflight} is Mosquitto's {@code max_inflight_messages}, which it also gives MQTT 5 publishers as their
 * receive maximum, and the window of each publishing connection. A real device publishes a few messages a minute on
 * its own connection and never fills a window of 20 (the production setting); here one connection carries hundreds
 * of devices, so the default is 1000 to measure the service rather than the round trips of the load generator.
 */
public final class IngestBench {
    private static final String[] ROOMS = {"activity-room", "reading-room", "classroom", "council-hall", "studio",
        "roof-terrace"};
    private static final String HUB = "wutong66";
    private static final Path UNIT = Path.of("deploy-pi/rootfs/etc/systemd/system/linli-central.service");
    private static final Pattern UNIT_OPTS = Pattern.compile("^Environment=LINLI_JAVA_OPTS=\"([^\"]*)\"",
            Pattern.MULTILINE);

    private static final int SETTLE_SECONDS = 5;

    private IngestBench() {
    }

    record Options(List<Integer> rates, int devices, int seconds, int warmup, int inflight, int connections,
            boolean postgresql, int replicas, String jvm, Map<String, String> env) {
        static Options parse(String[] args) {
            List<Integer> rates = List.of(500, 2000, 5000, 0);
            int[] numbers = {100, 15, 1000, 4};
            int warmup = 8;
            boolean postgresql = false;
            int replicas = 1;
            String jvm = null;
            Map<String, String> env = new LinkedHashMap<>();
            int positional = 0;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--jvm" -> jvm = args[++i];
                    case "--env" -> {
                        String pair = args[++i];
                        if (pair.indexOf('=') <= 0) {
                            throw new IllegalArgumentException("--env " + pair + ": K=V expected");
                        }
                        env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                    case "--rate" -> rates = Arrays.stream(args[++i].split(","))
                            .map(r -> r.equals("max") ? 0 : Integer.parseInt(r)).toList();
                    case "--devices" -> numbers[0] = Integer.parseInt(args[++i]);
                    case "--seconds" -> numbers[1] = Integer.parseInt(args[++i]);
                    case "--inflight" -> numbers[2] = Integer.parseInt(args[++i]);
                    case "--connections" -> numbers[3] = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--postgresql" -> postgresql = true;
                    case "--replicas" -> replicas = Integer.parseInt(args[++i]);
                    // the older form: [devices] [seconds] [inflight] [connections]
                    default -> numbers[positional++] = Integer.parseInt(args[i]);
                }
            }
            if (replicas < 1 || replicas > 1 && !postgresql) {
                throw new IllegalArgumentException("--replicas " + replicas + ": several replicas need --postgresql");
            }
            return new Options(rates, numbers[0], numbers[1], warmup, numbers[2], numbers[3], postgresql, replicas,
                    jvm, env);
        }
    }

    /** What one rate measured. */
    record Result(int rate, double storedPerSecond, double publishedPerSecond, double micros, double jitMicros,
            long rssEnd, long rssPeak, String loadBefore, String loadAfter, Reconciliation reconciliation) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String unit = Files.exists(UNIT) ? Files.readString(UNIT) : null;
        List<String> flags = options.jvm() != null ? Arrays.stream(options.jvm().strip().split("\\s+"))
                .filter(f -> !f.isEmpty()).toList() : unitFlags(unit);
        Map<String, String> env = new LinkedHashMap<>(unitEnvironment(unit));
        env.putAll(options.env());
        System.out.printf("ingest: %d devices over %d connections, QoS 1, mosquitto max_inflight_messages %d; %d s"
                + " warm-up, %d s measured per rate; service JVM flags %s (%s)%s; environment %s%n",
                options.devices(), options.connections(), options.inflight(), options.warmup(), options.seconds(),
                flags, options.jvm() != null ? "--jvm" : "the unit's",
                System.getenv().getOrDefault("LINLI_BENCH_SERVER_OPTS", "").isBlank() ? ""
                        : " + " + System.getenv("LINLI_BENCH_SERVER_OPTS"), env);
        // PostgreSQL: a throwaway cluster on this machine, durable as a production server (fsync and synchronous
        // commit on), a fresh database per rate; its server processes are not in the service's CPU per message
        PostgresCluster cluster = options.postgresql() ? PostgresCluster.start(true) : null;
        List<Result> results = new ArrayList<>();
        try {
            for (int rate : options.rates()) {
                results.add(run(options, rate, flags, env, cluster));
            }
        } finally {
            if (cluster != null) {
                cluster.stop();
            }
        }
        System.out.println();
        // Without the JIT: a service that has run for hours has long finished compiling; on a starved machine the
        // compiler is still at work during the window, most of all at the low rates.
        System.out.println("| paced rate | stored msg/s | service CPU per stored message | of it the JIT | without the JIT"
                + " | RSS of the service (end / peak) | lost / duplicated | load average (before → after) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %,.0f | %.1f µs | %.1f µs | %.1f µs | %d / %d MB | %d / %d | %s → %s |%n",
                    r.rate() == 0 ? "max" : String.format("%,d msg/s", r.rate()), r.storedPerSecond(), r.micros(),
                    r.jitMicros(), r.micros() - r.jitMicros(), r.rssEnd() >> 20, r.rssPeak() >> 20,
                    r.reconciliation().lost(), r.reconciliation().duplicated(), r.loadBefore(), r.loadAfter());
        }
    }

    /** The JVM options of the production unit, so that RSS and GC are what a hub runs with. */
    private static List<String> unitFlags(String unit) {
        if (unit == null) {
            System.out.println("(no " + UNIT + " here: the service runs with the JVM's defaults)");
            return List.of();
        }
        Matcher m = UNIT_OPTS.matcher(unit);
        return m.find() ? Arrays.asList(m.group(1).strip().split("\\s+")) : List.of();
    }

    /**
     * The unit's other {@code Environment=K=V} lines (one per line, unquoted, as ours are written), such as the
     * allocator's {@code LD_PRELOAD}: they shape the process's memory as much as its JVM flags do. Those of
     * {@code linli-run} itself ({@code LINLI_HEALTH_*}, its watchdog's health check) are left out.
     */
    static Map<String, String> unitEnvironment(String unit) {
        Map<String, String> env = new LinkedHashMap<>();
        if (unit == null) {
            return env;
        }
        for (String line : unit.split("\n")) {
            String pair = line.startsWith("Environment=") ? line.substring("Environment=".length()).strip() : "";
            int eq = pair.indexOf('=');
            if (eq > 0 && !pair.startsWith("LINLI_JAVA_OPTS=") && !pair.startsWith("LINLI_HEALTH_")) {
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return env;
    }

    private static Result run(Options options, int rate, List<String> flags, Map<String, String> unitEnvironment,
            PostgresCluster cluster) throws Exception {
        Path dir = Files.createTempDirectory("linli-ingest-bench");
        Path data = Files.createDirectories(dir.resolve("data"));
        Map<String, String> environment = new HashMap<>(unitEnvironment);
        Store file;
        if (cluster == null) {
            Path sqlite = data.resolve("a").resolve("linli.db");
            file = () -> readOnly(sqlite);
        } else {
            String url = cluster.newDatabase();
            environment.put("LINLI_DB_URL", url);
            file = () -> DriverManager.getConnection(url);
        }
        String what = rate == 0 ? "unthrottled" : String.format("%,d msg/s", rate);
        Publishers publishers;
        Measured measured;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true",
                "max_inflight_messages " + options.inflight(), "max_queued_messages 1000000")) {
            environment.put("LINLI_MQTT_URL", broker.url());
            if (options.replicas() > 1) {
                environment.put("LINLI_LIVE_SHARED_GROUP", "central");
            }
            try (Replicas server = Replicas.start(data, options.replicas(), flags, name -> {
                Map<String, String> own = new HashMap<>(environment);
                own.put("LINLI_LIVE_CLIENT_ID", options.replicas() == 1 ? "central-bench" : "central-bench-" + name);
                return own;
            })) {
                register(server.ports().getFirst(), server.dataDirs().getFirst(), options.devices());
                awaitSubscribed(server.ports(), broker);
                // Warm-up as fast as it goes, so that the JIT has compiled what a service running for days has
                // (at 500 msg/s it would still be compiling after a minute), then the rate for a few seconds.
                long[] seqs = new long[options.devices()];
                Publishers warmup = Publishers.start(broker, 0, options, seqs);
                TimeUnit.SECONDS.sleep(options.warmup()); // the JIT's warm-up, not a wait for an event
                warmup.stop();
                awaitStored(file, warmup.total());
                publishers = Publishers.start(broker, rate, options, seqs);
                TimeUnit.SECONDS.sleep(SETTLE_SECONDS); // the rate's own batches and queues settle
                measured = Measured.of(server, publishers, file, options.seconds());
                publishers.stop();
                awaitStored(file, publishers.total());
            }
        }
        Reconciliation reconciliation = Reconciliation.of(file, publishers.seqs());
        // A message lost in the broker (its queue for the service full) is not the service's: say so
        List<String> brokerDrops = brokerDrops(dir.resolve("broker").resolve("mosquitto.log"));
        deleteTree(dir);
        Result result = measured.result(rate, reconciliation);
        System.out.printf("%n%s: load average %s before, %s after%n", what, result.loadBefore(), result.loadAfter());
        System.out.print(measured.report());
        System.out.println("  " + reconciliation);
        if (!brokerDrops.isEmpty()) {
            System.out.printf("  mosquitto dropped messages for a client %d times, e.g. %s%n", brokerDrops.size(),
                    brokerDrops.getFirst());
        }
        return result;
    }

    /** Mosquitto's notices of messages it dropped (a client's queue full: max_queued_messages). */
    private static List<String> brokerDrops(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("dropped")).toList();
        }
    }

    /** Logs in as the demo's admin and registers the bench's devices, each with one room of the demo hub. */
    private static void register(int port, Path data, int devices) throws IOException {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("demo-credentials.properties"))) {
            credentials.load(in);
        }
        String token;
        try (RawHttp anonymous = new RawHttp("127.0.0.1", port, null)) {
            RawHttp.Response login = anonymous.post("/api/v1/auth/login", Json.bytes(Map.of("username", "admin",
                    "password", credentials.getProperty("staff.admin.password"))));
            token = Json.MAPPER.readTree(login.body()).get("token").asText();
        }
        try (RawHttp admin = new RawHttp("127.0.0.1", port, token)) {
            for (int d = 0; d < devices; d++) {
                RawHttp.Response r = admin.post("/api/v1/devices", Json.bytes(Map.of("id", "bench-" + d, "hub", HUB,
                        "rooms", List.of(ROOMS[d % ROOMS.length]))));
                if (r.status() != 201) {
                    throw new IllegalStateException("registering bench-" + d + ": " + r.status() + " " + r.text());
                }
            }
        }
    }

    /**
     * Until the service's subscription is in place, a message would go to nobody and show as lost: a device that is
     * not registered publishes until the service counts it as dropped.
     */
    private static void awaitSubscribed(List<Integer> ports, MosquittoBroker broker) throws Exception {
        byte[] probe = ("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"room\":\"studio\",\"occupied\":false,"
                + "\"source\":\"beam\"}").getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // with a shared subscription each probe reaches one replica: probe until every one has had some
        try (RawPublisher publisher = new RawPublisher("127.0.0.1", broker.port(), "bench-probe", 10)) {
            while (System.nanoTime() < deadline) {
                publisher.publish("linli/v1/devices/bench-probe/occupancy", probe);
                publisher.flush();
                boolean all = true;
                for (int port : ports) {
                    all &= droppedAny(port);
                }
                if (all) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100); // polling the services' counters
            }
        }
        throw new IllegalStateException("the service did not subscribe within 60 s");
    }

    /** Whether the service has dropped a message from an unregistered device (the probe). */
    private static boolean droppedAny(int port) throws IOException {
        try (RawHttp http = new RawHttp("127.0.0.1", port, null)) {
            for (String line : http.get("/observe/metrics").text().split("\n")) {
                if (line.startsWith("linli_ingest_unauthorised") && !line.endsWith(" 0.0") && !line.endsWith(" 0")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A counter of the service's metrics, or -1. */
    private static long metric(int port, String name) throws IOException {
        try (RawHttp http = new RawHttp("127.0.0.1", port, null)) {
            for (String line : http.get("/observe/metrics").text().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return -1;
    }

    /** Waits until the database holds every published message, or nothing more arrives for 30 s. */
    private static void awaitStored(Store file, long published) throws Exception {
        try (Connection c = file.open()) {
            long last = -1;
            long lastChange = System.nanoTime();
            while (true) {
                long rows = rows(c);
                if (rows >= published || System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(30)) {
                    return;
                }
                if (rows != last) {
                    last = rows;
                    lastChange = System.nanoTime();
                }
                TimeUnit.MILLISECONDS.sleep(200); // polling the database file
            }
        }
    }

    /** Where the rows are counted: the service's SQLite file, read-only, or its PostgreSQL database. */
    @FunctionalInterface
    interface Store {
        Connection open() throws SQLException;
    }

    static Connection readOnly(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
    }

    static long rows(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM occupancy_sample WHERE device_id LIKE 'bench-%'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The measured window: the service's CPU and RSS from /proc, the rows stored in the database file. */
    private static final class Measured {
        private final StringBuilder report = new StringBuilder();
        private double storedPerSecond;
        private double publishedPerSecond;
        private double micros;
        private double jitMicros;
        private long rssEnd;
        private long rssPeak;
        private String loadBefore;
        private String loadAfter;

        static Measured of(Replicas server, Publishers publishers, Store file, int seconds) throws Exception {
            Measured m = new Measured();
            try (Connection db = file.open()) {
                m.loadBefore = ThreadCpu.loadAverage();
                long broker0 = ThreadCpu.ofChild("mosquitto");
                long load0 = Cpu.ofThisProcess();
                long rows0 = rows(db);
                long published0 = publishers.published.get();
                Map<String, Long> threads0 = threads(server);
                long batches0 = batches(server);
                long[] share0 = storedBy(server);
                long cpu0 = server.cpuNanos();
                long t0 = System.nanoTime();
                long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    // RSS once a second: the window's peak as well as its end
                    TimeUnit.MILLISECONDS.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    m.rssPeak = Math.max(m.rssPeak, server.rssBytes());
                }
                long cpu = server.cpuNanos() - cpu0;
                long t1 = System.nanoTime();
                Map<String, Long> threads1 = threads(server);
                long published = publishers.published.get() - published0;
                long stored = rows(db) - rows0;
                long batches = batches(server) - batches0;
                long[] share = storedBy(server);
                long load = Cpu.ofThisProcess() - load0;
                long brokerCpu = ThreadCpu.ofChild("mosquitto") - broker0;
                m.rssEnd = server.rssBytes();
                m.rssPeak = Math.max(m.rssPeak, m.rssEnd);
                m.loadAfter = ThreadCpu.loadAverage();
                double elapsed = (t1 - t0) / 1e9;
                m.storedPerSecond = stored / elapsed;
                m.publishedPerSecond = published / elapsed;
                double perMessage = stored == 0 ? 0 : 1e-3 / stored;
                m.micros = cpu * perMessage;
                Map<String, Long> byGroup = new LinkedHashMap<>();
                threads1.forEach((group, nanos) -> byGroup.put(group, nanos - threads0.getOrDefault(group, 0L)));
                m.jitMicros = byGroup.getOrDefault("jit", 0L) * perMessage;
                m.report.append(String.format("  stored %,.0f msg/s (%,d rows in %.1f s; published %,.0f msg/s),"
                        + " %.1f messages per transaction%n", m.storedPerSecond, stored, elapsed,
                        m.publishedPerSecond, batches <= 0 ? 0.0 : (double) stored / batches));
                if (share.length > 1) {
                    m.report.append("  stored by each replica (its own counter):");
                    for (int i = 0; i < share.length; i++) {
                        m.report.append(String.format(" %c %,d", (char) ('a' + i), share[i] - share0[i]));
                    }
                    m.report.append(System.lineSeparator());
                }
                m.report.append(String.format("  service CPU per stored message: %.1f µs =", m.micros));
                byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .filter(e -> e.getValue() > 0)
                        .forEach(e -> m.report.append(String.format(" %s %.1f", e.getKey(), e.getValue() * perMessage)));
                m.report.append(String.format("%n  service RSS %d MB at the end, %d MB at most; not the service:"
                        + " load generator %.1f µs, mosquitto %.1f µs per stored message%n", m.rssEnd >> 20,
                        m.rssPeak >> 20, load * perMessage, brokerCpu * perMessage));
            }
            return m;
        }

        /** CPU by thread group, of all the services. */
        private static Map<String, Long> threads(Replicas servers) {
            Map<String, Long> sum = new LinkedHashMap<>();
            for (ServerProcess server : servers.servers()) {
                Cpu.ofThreads(server.pid(), IngestBench::group).forEach((group, nanos) -> sum.merge(group, nanos,
                        Long::sum));
            }
            return sum;
        }

        private static long[] storedBy(Replicas servers) throws IOException {
            List<Integer> ports = servers.ports();
            long[] stored = new long[ports.size()];
            for (int i = 0; i < stored.length; i++) {
                stored[i] = metric(ports.get(i), "linli_ingest_stored_total");
            }
            return stored;
        }

        private static long batches(Replicas servers) throws IOException {
            long sum = 0;
            for (int port : servers.ports()) {
                sum += metric(port, "linli_ingest_batches_total");
            }
            return sum;
        }

        Result result(int rate, Reconciliation reconciliation) {
            return new Result(rate, storedPerSecond, publishedPerSecond, micros, jitMicros, rssEnd, rssPeak,
                    loadBefore, loadAfter, reconciliation);
        }

        String report() {
            return report.toString();
        }
    }

    /** The group of a service thread by its name as Linux keeps it (15 characters). */
    private static String group(String thread) {
        if (thread.startsWith("linli-ingest-")) {
            return switch (thread.substring("linli-ingest-".length())) {
                case "de" -> "decode";
                case "wr" -> "write";
                case "ac" -> "acknowledge";
                default -> "ingest";
            };
        }
        if (thread.equals("linli-db-writer")) {
            return "db-writer";
        }
        if (thread.startsWith("linli-room-stat")) {
            return "room-states";
        }
        if (thread.startsWith("linli-retained")) {
            return "retained";
        }
        if (thread.startsWith("linli-receipts")) {
            return "receipts";
        }
        if (thread.startsWith("MQTT Rec")) {
            return "paho-receive";
        }
        if (thread.startsWith("MQTT Call")) {
            return "paho-callback";
        }
        if (thread.startsWith("MQTT Snd") || thread.startsWith("linli-mqtt-flu")) {
            return "paho-send";
        }
        if (thread.startsWith("MQTT") || thread.matches("Thread-\\d+")) {
            return "paho";
        }
        if (thread.contains("CompilerThre")) {
            return "jit";
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.startsWith("VM ")) {
            return "gc+vm";
        }
        return "other";
    }

    /** The simulated devices: a few raw MQTT connections, each publishing for its share of the devices. */
    private static final class Publishers {
        final AtomicLong published = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final long[] seqs;
        private final List<Thread> threads = new ArrayList<>();

        private Publishers(long[] seqs) {
            this.seqs = seqs;
        }

        /** @param seqs the last seq of each device, continued from there */
        static Publishers start(MosquittoBroker broker, int rate, Options options, long[] seqs) {
            Publishers p = new Publishers(seqs);
            int connections = options.connections();
            // each connection keeps its share of the rate on a fixed schedule (catching up after a late wake-up)
            long interval = rate == 0 ? 0 : Math.round(1e9 * connections / rate);
            for (int c = 0; c < connections; c++) {
                int connection = c;
                p.threads.add(Thread.ofPlatform().name("bench-publisher-" + c).start(() ->
                        p.publish(broker, connection, connections, interval, options.inflight())));
            }
            return p;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }

        long total() {
            return Arrays.stream(seqs).sum();
        }

        long[] seqs() {
            return seqs;
        }

        private void publish(MosquittoBroker broker, int connection, int connections, long interval, int window) {
            int devices = seqs.length;
            try (RawPublisher publisher = new RawPublisher("127.0.0.1", broker.port(),
                    "bench-connection-" + connection, window)) {
                byte[][] topics = new byte[devices][];
                for (int device = connection; device < devices; device += connections) {
                    topics[device] = ("linli/v1/devices/bench-" + device + "/occupancy")
                            .getBytes(StandardCharsets.UTF_8);
                }
                int d = connection;
                int sinceFlush = 0;
                long next = System.nanoTime();
                while (running.get()) {
                    if (interval > 0) {
                        long now = System.nanoTime();
                        if (now < next) {
                            // what is due is out before the pause, as a device sends it at once
                            publisher.flush();
                            sinceFlush = 0;
                            LockSupport.parkNanos(next - now);
                            continue;
                        }
                        // more than a second behind (a starved machine): keep the rate, do not burst to catch up
                        next = Math.max(next + interval, now - TimeUnit.SECONDS.toNanos(1));
                    }
                    long s = seqs[d] + 1;
                    String body = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + s + ",\"room\":\""
                            + ROOMS[d % ROOMS.length] + "\",\"occupied\":" + (s % 2 == 0) + ",\"count\":" + (s % 5)
                            + ",\"source\":\"beam\"}";
                    if (publisher.window.availablePermits() == 0 || ++sinceFlush >= 64) {
                        publisher.flush();
                        sinceFlush = 0;
                    }
                    publisher.publish(topics[d], body.getBytes(StandardCharsets.UTF_8));
                    seqs[d] = s;
                    published.incrementAndGet();
                    d += connections;
                    if (d >= devices) {
                        d = connection;
                    }
                }
                publisher.flush();
                // every message acknowledged by the broker before the connection closes
                publisher.window.acquire(window);
                publisher.window.release(window);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Published against stored, per device, read from the database file once the service has stopped. */
    record Reconciliation(int devices, long published, long stored, long lost, long duplicated, long gaps,
            long unexpected, List<String> worst) {

        static Reconciliation of(Store file, long[] seqs) throws SQLException {
            long stored = 0;
            long lost = 0;
            long duplicated = 0;
            long gaps = 0;
            long unexpected = 0;
            long[] expectNext = new long[seqs.length];
            Arrays.fill(expectNext, 1);
            long[] storedBy = new long[seqs.length];
            try (Connection c = file.open(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT device_id, seq FROM occupancy_sample"
                            + " WHERE device_id LIKE 'bench-%' ORDER BY device_id, seq")) {
                while (rs.next()) {
                    int d = Integer.parseInt(rs.getString(1).substring("bench-".length()));
                    long seq = rs.getLong(2);
                    stored++;
                    storedBy[d]++;
                    if (d >= seqs.length || seq < 1 || seq > seqs[d]) {
                        unexpected++;
                    } else if (seq < expectNext[d]) {
                        duplicated++;
                    } else {
                        if (seq > expectNext[d]) {
                            gaps++;
                            lost += seq - expectNext[d];
                        }
                        expectNext[d] = seq + 1;
                    }
                }
            }
            List<String> worst = new ArrayList<>();
            for (int d = 0; d < seqs.length; d++) {
                if (expectNext[d] <= seqs[d]) {
                    gaps++;
                    lost += seqs[d] - expectNext[d] + 1;
                }
                if (storedBy[d] != seqs[d]) {
                    worst.add("bench-" + d + ": published " + seqs[d] + ", stored " + storedBy[d]);
                }
            }
            worst.sort(Comparator.naturalOrder());
            return new Reconciliation(seqs.length, Arrays.stream(seqs).sum(), stored, lost, duplicated, gaps,
                    unexpected, worst.subList(0, Math.min(5, worst.size())));
        }

        @Override
        public String toString() {
            return String.format("reconciliation (database, %d devices): published %,d, stored %,d; lost %d in"
                    + " %d gaps, duplicated %d, unexpected %d%s", devices, published, stored, lost, gaps, duplicated,
                    unexpected, worst.isEmpty() ? "; every device complete" : "; e.g. " + worst);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
