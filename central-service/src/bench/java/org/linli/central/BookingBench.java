package org.linli.central;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.linli.central.bench.Cpu;
import org.linli.central.bench.Load;
import org.linli.central.bench.RawHttp;
import org.linli.central.bench.Replicas;
import org.linli.central.residents.Consent;
import org.linli.central.store.PostgresCluster;
import org.linli.central.web.Json;

/**
 * {@code ./linli bench booking [clients] [seconds] [--postgresql] [--replicas R]}: availability reads and booking
 * writes from N concurrent clients against a central service running as its own JVM (demo hub, fresh data directory,
 * real SQLite file on disk; with {@code --postgresql} a database of a throwaway durable PostgreSQL cluster on this
 * machine; or the PostgreSQL database LINLI_DB_URL names, which the service then uses: give it an empty one).
 * {@code --replicas R} (PostgreSQL only) starts R services on the one database, each with its own data directory and
 * port and the same resident secret, signing key and demo credentials, as a site deploys them; client i talks to
 * replica i mod R, so every clash group races across all of them, and CPU per request is that of all the services.
 *
 * <p>Phases: warm-up (both kinds, not counted), availability reads, booking writes where every client books its own
 * free slots (rooms of its own, a fresh resident each time, so every answer should be 201), then a separate
 * conflict scenario where groups of 8 clients race for the same slots (one 201 per slot, the rest 409). Afterwards
 * the server is stopped and the database file is audited: the overlap self-join must return 0 and every 201 must be
 * a stored row.
 */
public final class BookingBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String HUB = "wutong66";
    private static final int DAYS = 29;
    private static final int SLOTS_PER_DAY = 26; // 08:00-21:00 in half hours
    // enough free slots that a client never runs out, even when a few clients each book 400 a second for 20 s
    private static final int ROOMS_PER_CLIENT = 16;
    private static final int CLASH_GROUP = 8;
    private static final int CLASH_ROOMS_PER_GROUP = 16;
    private static final List<String> DEMO_ROOMS = List.of("activity-room", "reading-room", "classroom",
            "council-hall", "studio");

    private final int clients;
    private final List<Integer> ports;
    private final String kioskKey;
    private final List<String> dates;
    private final int[] nextSlot;

    private BookingBench(int clients, List<Integer> ports, String kioskKey) {
        this.clients = clients;
        this.ports = ports;
        this.kioskKey = kioskKey;
        LocalDate today = LocalDate.now(ZONE);
        this.dates = java.util.stream.IntStream.rangeClosed(1, DAYS).mapToObj(d -> today.plusDays(d).toString())
                .toList();
        this.nextSlot = new int[clients];
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int clients = options.clients();
        int seconds = options.seconds();
        // long enough for C2 to finish compiling the hot paths even when the machine is shared
        double warmUp = Math.max(5, seconds);
        Path data = Files.createTempDirectory("linli-bench");
        System.out.printf("JVM %s %s; %d cores; load average before: %s%n", System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("The server runs as a child JVM; it and these " + clients
                + " client threads share the same cores, so the figures are a floor for the server alone.");
        // PostgreSQL: a throwaway cluster on this machine, durable as a production server (fsync and synchronous
        // commit on); its own processes share the cores and are not in the services' CPU per request
        PostgresCluster cluster = options.postgresql() ? PostgresCluster.start(true) : null;
        Measured reads;
        Measured writes;
        Measured clashes;
        long warmCreated;
        String dbUrl;
        try {
            dbUrl = cluster != null ? cluster.newDatabase() : System.getenv("LINLI_DB_URL");
            try (Replicas servers = Replicas.start(data, options.replicas(), dbUrl)) {
                Properties credentials = credentials(servers.dataDirs().getFirst());
                BookingBench bench = new BookingBench(clients, servers.ports(),
                        credentials.getProperty("kiosk.kiosk-lobby.key"));
                bench.createRooms(credentials.getProperty("staff.admin.password"));
                warmCreated = bench.writes("warm-up writes", warmUp).count(201);
                bench.reads("warm-up reads", warmUp);
                reads = Measured.of(servers, () -> bench.reads("availability reads", seconds));
                writes = Measured.of(servers, () -> bench.writes("booking writes (own slots)", seconds));
                clashes = Measured.of(servers, () -> bench.clashes("conflicting writes",
                        Math.max(2, seconds / 2.0)));
            }
            System.out.println(reads);
            System.out.println(writes);
            System.out.println(clashes);
            report(reads, writes, clashes, warmCreated, Audit.of(data.resolve("a").resolve("linli.db"), dbUrl));
        } finally {
            if (cluster != null) {
                cluster.stop();
            }
            deleteTree(data);
        }
    }

    private static void report(Measured reads, Measured writes, Measured clashes, long warmCreated, Audit audit) {
        long answered = warmCreated + writes.result().count(201) + clashes.result().count(201);
        System.out.printf("audit: overlapping bookings %d; bookings stored %d, 201 answers %d%s%n", audit.overlaps(),
                audit.benchBookings(), answered, audit.benchBookings() == answered ? "" : "  MISMATCH");
        System.out.println("load average after: " + loadAverage());
        Load.Result r = reads.result();
        Load.Result w = writes.result();
        boolean met = r.perSecond() >= 10_000 && w.perSecond() >= 2_000 && r.p99() <= 20 && w.p99() <= 20
                && audit.overlaps() == 0 && r.errors() == 0 && w.errors() == 0 && clashes.result().errors() == 0
                && audit.benchBookings() == answered;
        System.out.println("targets (reads >= 10000/s, writes >= 2000/s, p99 <= 20 ms, 0 overlaps, 0 errors): "
                + (met ? "MET" : "NOT MET"));
    }

    private RawHttp connect(int client) {
        return new RawHttp("127.0.0.1", ports.get(client % ports.size()), kioskKey);
    }

    /** Rooms of the bench's own: each client books only its own, and each clash group shares one. */
    private void createRooms(String adminPassword) throws IOException {
        int port = ports.getFirst();
        try (RawHttp anonymous = new RawHttp("127.0.0.1", port, null)) {
            RawHttp.Response login = anonymous.post("/api/v1/auth/login", Json.bytes(Map.of("username", "admin",
                    "password", adminPassword)));
            String token = Json.MAPPER.readTree(login.body()).get("token").asText();
            try (RawHttp admin = new RawHttp("127.0.0.1", port, token)) {
                for (int c = 0; c < clients; c++) {
                    for (int k = 0; k < ROOMS_PER_CLIENT; k++) {
                        putRoom(admin, ownRoom(c, k));
                    }
                }
                for (int g = 0; g * CLASH_GROUP < clients; g++) {
                    for (int k = 0; k < CLASH_ROOMS_PER_GROUP; k++) {
                        putRoom(admin, clashRoom(g, k));
                    }
                }
            }
        }
    }

    private static void putRoom(RawHttp admin, String id) throws IOException {
        RawHttp.Response r = admin.put("/api/v1/rooms/" + id, Json.bytes(Map.of("hub", HUB, "nameZh", "压测室",
                "nameEn", "Bench room", "capacity", 10)));
        if (r.status() != 200) {
            throw new IllegalStateException("cannot create room " + id + ": " + r.status() + " " + r.text());
        }
    }

    private static String ownRoom(int client, int k) {
        return "bench-c" + client + "-r" + k;
    }

    private static String clashRoom(int group, int k) {
        return "bench-clash-" + group + "-r" + k;
    }

    private Load.Result reads(String name, double seconds) throws InterruptedException {
        return Load.run(name, clients, seconds, this::connect, Set.of(200), (http, client, n) -> {
            String room = n % 2 == 0 ? DEMO_ROOMS.get((client + n) % DEMO_ROOMS.size())
                    : ownRoom(client, (n / 2) % ROOMS_PER_CLIENT);
            return http.get("/api/v1/rooms/" + room + "/availability?date=" + dates.get((n * 7 + client) % DAYS))
                    .status();
        });
    }

    /** Each client walks through its own rooms, days and slots, so a slot is asked for once. */
    private Load.Result writes(String name, double seconds) throws InterruptedException {
        return Load.run(name, clients, seconds, this::connect, Set.of(201), (http, client, n) -> {
            int i = nextSlot[client]++;
            int perRoom = DAYS * SLOTS_PER_DAY;
            if (i >= perRoom * ROOMS_PER_CLIENT) {
                throw new IllegalStateException("client " + client + " ran out of free slots");
            }
            return book(http, ownRoom(client, i / perRoom), i % perRoom, String.format("139%02d%06d", client, i));
        });
    }

    /** Groups of clients walk the same slots of shared rooms: at most one of them gets each slot. */
    private Load.Result clashes(String name, double seconds) throws InterruptedException {
        return Load.run(name, clients, seconds, this::connect, Set.of(201, 409), (http, client, n) -> {
            int perRoom = DAYS * SLOTS_PER_DAY;
            if (n >= perRoom * CLASH_ROOMS_PER_GROUP) {
                throw new IllegalStateException("the clash rooms ran out of slots");
            }
            return book(http, clashRoom(client / CLASH_GROUP, n / perRoom), n % perRoom,
                    String.format("137%02d%06d", client, n));
        });
    }

    private int book(RawHttp http, String room, int slotIndex, String phone) throws IOException {
        OffsetDateTime start = LocalDate.parse(dates.get(slotIndex / SLOTS_PER_DAY)).atTime(8, 0)
                .plusMinutes(30L * (slotIndex % SLOTS_PER_DAY)).atZone(ZONE).toOffsetDateTime();
        byte[] body = Json.bytes(Map.of("room", room, "start", start.toString(),
                "end", start.plusMinutes(30).toString(), "phone", phone, "attendees", 1,
                Consent.FIELD, Consent.NOTICE));
        return http.post("/api/v1/bookings", body).status();
    }

    private static Properties credentials(Path data) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("demo-credentials.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** {@code [clients] [seconds] [--postgresql] [--replicas R]}. */
    record Options(int clients, int seconds, boolean postgresql, int replicas) {
        static Options parse(String[] args) {
            // 8 clients keep the 2 cores of the CI machine kind busy; with more, the extra clients only queue on the
            // same cores as the server and p99 measures the queue (16: p99 ~20 ms, 32: ~30-50 ms, same throughput)
            List<Integer> numbers = new java.util.ArrayList<>(List.of(8, 10));
            int positional = 0;
            boolean postgresql = false;
            int replicas = 1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--postgresql" -> postgresql = true;
                    case "--replicas" -> replicas = Integer.parseInt(args[++i]);
                    default -> numbers.set(positional++, Integer.parseInt(args[i]));
                }
            }
            boolean external = System.getenv("LINLI_DB_URL") != null && !System.getenv("LINLI_DB_URL").isBlank();
            if (replicas < 1 || replicas > 1 && !postgresql && !external) {
                throw new IllegalArgumentException("--replicas " + replicas
                        + ": several replicas need PostgreSQL (--postgresql or LINLI_DB_URL)");
            }
            return new Options(numbers.get(0), numbers.get(1), postgresql, replicas);
        }
    }

    /** A phase's result with the CPU the server (and its JIT compiler) and this load generator spent on it. */
    record Measured(Load.Result result, long serverCpuNanos, long compilerCpuNanos, long clientCpuNanos) {
        interface Phase {
            Load.Result run() throws Exception;
        }

        static Measured of(Replicas server, Phase phase) throws Exception {
            long server0 = server.cpuNanos();
            long compiler0 = server.compilerCpuNanos();
            long client0 = Cpu.ofThisProcess();
            Load.Result result = phase.run();
            return new Measured(result, server.cpuNanos() - server0, server.compilerCpuNanos() - compiler0,
                    Cpu.ofThisProcess() - client0);
        }

        @Override
        public String toString() {
            long n = Math.max(1, result.micros().length);
            double server = serverCpuNanos / 1000.0 / n;
            double compiler = compilerCpuNanos / 1000.0 / n;
            int cores = Runtime.getRuntime().availableProcessors();
            return String.format("%s%n    CPU per request: server %.0f us (all services; of which JIT compiler %.0f us), load"
                            + " generator %.0f us; at %.0f us the server alone on %d cores tops out near %.0f/s",
                    result, server, compiler, clientCpuNanos / 1000.0 / n, server - compiler, cores,
                    cores * 1e6 / Math.max(server - compiler, 1));
        }
    }

    /** What the database says once the servers stopped: the SQLite file, or the PostgreSQL database url names. */
    record Audit(long overlaps, long benchBookings) {
        static Audit of(Path file, String url) throws SQLException {
            try (Connection c = DriverManager.getConnection(url == null || url.isBlank() ? "jdbc:sqlite:" + file
                    : url)) {
                return new Audit(count(c, DoubleBookingIT.OVERLAPS),
                        count(c, "SELECT count(*) FROM booking WHERE room_id LIKE 'bench-%'"));
            }
        }

        private static long count(Connection c, String sql) throws SQLException {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
