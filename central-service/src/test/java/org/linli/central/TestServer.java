package org.linli.central;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.store.MigratedDatabases;
import org.linli.central.store.PostgresCluster;
import org.linli.central.web.Json;
import org.linli.protocol.testing.DemoHubSeed;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * A real central service on a free port with the demo hub in a fresh data directory, a real HTTP client, and the
 * demo credentials read from the file the service wrote. Live operations run as {@code Main} wires them, with a
 * real broker when the test gives {@code mqtt.url}. It runs on a {@link HubClock} that stands still until the test
 * moves it, at a {@link HubTime} in the hub's own zone: never on the machine's clock.
 */
public final class TestServer implements AutoCloseable {
    public static final String HUB = DemoHubSeed.HUB;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dataDir;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, String> config;
    private CentralServer server;
    private final Properties credentials = new Properties();
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** On PostgreSQL, the database of each data directory: a server started again on it finds its data there. */
    private static final Map<Path, String> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    private TestServer(Path dataDir, Clock clock, ZoneId zone, Map<String, String> config) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.zone = zone;
        this.config = onTheTestedDatabase(config, dataDir);
    }

    /**
     * With {@code -Dlinli.test.db=postgresql} a test's service gets a PostgreSQL database of its own with the
     * service's schema, unless the test names one; else the SQLite file in its data directory.
     */
    static Map<String, String> onTheTestedDatabase(Map<String, String> config) {
        return onTheTestedDatabase(config, null);
    }

    /** The same, with one database per data directory (a second server on it is the same service restarted). */
    private static Map<String, String> onTheTestedDatabase(Map<String, String> config, Path dataDir) {
        if (!PostgresCluster.wanted() || config.containsKey("db.url")) {
            return config;
        }
        Map<String, String> with = new java.util.HashMap<>(config);
        with.put("db.url", dataDir == null ? MigratedDatabases.newDatabase()
                : DATABASES.computeIfAbsent(dataDir.toAbsolutePath(), dir -> MigratedDatabases.newDatabase()));
        return Map.copyOf(with);
    }

    /**
     * The arguments a command run beside the service ({@code central admin add}, {@code keys rotate}) needs to find
     * its database besides {@code --data}: on PostgreSQL a configuration naming it, written into {@code dir} (as a
     * site's {@code --config /etc/linli/central.yaml} does); on SQLite (null or empty) none.
     */
    public static java.util.List<String> databaseArgs(Path dir, String dbUrl) {
        if (dbUrl == null || dbUrl.isEmpty()) {
            return java.util.List.of();
        }
        Path file = dir.resolve("database-" + System.nanoTime() + ".yaml");
        try {
            Files.writeString(file, "db:\n  url: \"" + dbUrl + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.List.of("--config", file.toString());
    }

    /** At noon in Shanghai, held there: for tests that need a time, but not a particular one. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, HubTime.noon());
    }

    /** With the demo hub moved to the time's zone and a clock held at that time (the server's {@link #clock()}). */
    public static TestServer start(Path dataDir, HubTime time) {
        return start(dataDir, Map.of(), time.clock());
    }

    /**
     * @param config extra keys, e.g. {@code mqtt.url}, {@code live.offline-after-seconds}
     * @param clock also gives the demo hub's zone ({@link Clock#getZone()})
     */
    public static TestServer start(Path dataDir, Map<String, String> config, HubClock clock) {
        Map<String, String> withHub = new java.util.HashMap<>(config);
        withHub.putIfAbsent("catalogue.seed", demoHubIn(dataDir.resolve("site-seed.yaml"), clock.getZone())
                .toString());
        TestServer test = new TestServer(dataDir, clock, clock.getZone(), withHub);
        test.boot();
        return test;
    }

    /**
     * On the machine's clock, with the demo hub where the demo puts it: for live tests whose devices stamp their
     * events with the real time and whose rules do not depend on the hour.
     */
    public static TestServer onMachineClock(Path dataDir, Map<String, String> config) {
        TestServer test = new TestServer(dataDir, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"), Map.copyOf(config));
        test.boot();
        return test;
    }

    /**
     * A site seed that moves the demo hub (the service seeds it with {@code --demo}) to another zone, the way a
     * site's own catalogue file does; answers the file.
     */
    public static Path demoHubIn(Path file, ZoneId zone) {
        return demoHubIn(file, zone, "08:00", "21:00");
    }

    /** The same, with other opening hours ("00:00" to "23:59" keeps the hub open around midnight). */
    public static Path demoHubIn(Path file, ZoneId zone, String opens, String closes) {
        return DemoHubSeed.write(file, zone, opens, closes);
    }

    private void boot() {
        Map<String, String> overrides = new java.util.HashMap<>(config);
        overrides.put("data.dir", dataDir.toString());
        overrides.put("server.port", "0");
        overrides.putIfAbsent("server.host", "127.0.0.1");
        Config loaded = ConfigLoader.load(null, Map.of(), overrides);
        server = CentralServer.start(Settings.from(loaded), LiveSettings.from(loaded), clock, true);
        try (InputStream in = Files.newInputStream(dataDir.resolve("demo-credentials.properties"))) {
            credentials.clear();
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tokens.clear();
    }

    /** Stops and starts the service on the same data directory. */
    public void restart() {
        restart(java.time.Duration.ZERO);
    }

    /** Stops the service, moves the clock on by as long as it was down, and starts it on the same data. */
    public void restart(java.time.Duration down) {
        server.close();
        if (!down.isZero()) {
            clock().advance(down);
        }
        boot();
    }

    /** The clock the service runs on; tests move it. */
    public HubClock clock() {
        if (clock instanceof HubClock held) {
            return held;
        }
        throw new IllegalStateException("this service runs on the machine's clock (onMachineClock)");
    }

    /** The demo hub's zone. */
    public ZoneId zone() {
        return zone;
    }

    /** The hub's date now, on the service's clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public CentralServer server() {
        return server;
    }

    public Components components() {
        return server.components();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String kioskKey() {
        return credentials.getProperty("kiosk.kiosk-lobby.key");
    }

    public String password(String user) {
        return credentials.getProperty("staff." + user + ".password");
    }

    public String adminToken() {
        return token("admin");
    }

    public String operatorToken() {
        return token("operator");
    }

    public String counterToken() {
        return token("counter");
    }

    /** A session token of a demo member of staff ({@code admin}, {@code operator}, {@code counter}), signed in once. */
    public String token(String user) {
        return tokens.computeIfAbsent(user, this::login);
    }

    private String login(String user) {
        return login(user, password(user));
    }

    /** Signs a member of staff in and gives the session token; fails the test when the login is refused. */
    public String login(String user, String password) {
        Response r = post("/api/v1/auth/login", null, Map.of("username", user, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + r.status() + " " + r.text());
        }
        return r.json().get("token").asText();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** The next day in the hub at a given hour, on the service's clock: always bookable under the demo rules. */
    public java.time.OffsetDateTime tomorrowAt(int hour, int minute) {
        return today().plusDays(1).atTime(hour, minute).atZone(zone).toOffsetDateTime();
    }

    public record Response(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }
    }

    public Response get(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), bearer);
    }

    public Response delete(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), bearer);
    }

    public Response post(String path, String bearer, Object body) {
        return postRaw(path, bearer, body == null ? "" : new String(Json.bytes(agreed(path, bearer, body))), Map.of());
    }

    /** The routes that make a resident from a phone number (staff's look-ups and erasure take one too, and keep it). */
    private static final java.util.regex.Pattern MAKES_RESIDENT = java.util.regex.Pattern.compile(
            "/api/v1/(bookings|checkins|residents/card|services/[^/]+/tickets|activities/[^/]+/signups)([?].*)?");

    /**
     * A kiosk's phone number in these tests comes with the resident's agreement to the privacy notice, as the kiosk
     * sends it after showing the notice, and so does staff's at a desk (they tick that the resident agreed);
     * ConsentIT posts without it ({@link #postAsSent}) to see the refusal.
     */
    private boolean agrees(String path, String bearer) {
        return bearer != null && (bearer.equals(kioskKey()) || MAKES_RESIDENT.matcher(path).matches());
    }

    private Object agreed(String path, String bearer, Object body) {
        if (body instanceof Map<?, ?> map && map.containsKey("phone") && !map.containsKey("consentVersion")
                && agrees(path, bearer)) {
            Map<Object, Object> with = new java.util.LinkedHashMap<>(map);
            with.put("consentVersion", org.linli.central.residents.Consent.NOTICE);
            return with;
        }
        return body;
    }

    public Response put(String path, String bearer, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))), bearer);
    }

    public Response postRaw(String path, String bearer, String body) {
        return postRaw(path, bearer, body, Map.of());
    }

    public Response postRaw(String path, String bearer, String body, Map<String, String> headers) {
        return postAsSent(path, bearer, agreed(path, bearer, body), headers);
    }

    /** A kiosk's JSON body with a phone gets the notice's version too, as {@link #agreed(String, String, Object)}. */
    private String agreed(String path, String bearer, String body) {
        if (!agrees(path, bearer) || !body.contains("\"phone\"")
                || body.contains("consentVersion")) {
            return body;
        }
        try {
            JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            if (json instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("phone")) {
                object.put("consentVersion", org.linli.central.residents.Consent.NOTICE);
                return object.toString();
            }
        } catch (java.io.IOException e) {
            // not JSON: sent as it is, for the tests of malformed bodies
        }
        return body;
    }

    /** Exactly this body, as a kiosk that knows nothing of consent sends it (ConsentIT). */
    public Response postAsSent(String path, String bearer, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder, bearer);
    }

    public Response send(HttpRequest.Builder builder, String bearer) {
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A separate JDBC connection to the service's database (its file or PostgreSQL), as an auditor would open it. */
    public Connection openDatabase() throws SQLException {
        String url = config.get("db.url");
        return DriverManager.getConnection(url != null ? url : "jdbc:sqlite:" + dataDir.resolve("linli.db"));
    }

    /**
     * Everything the database holds, as text to search: the SQLite file and its WAL as bytes, or on PostgreSQL
     * every row of every table.
     */
    public String everythingStored() throws IOException, SQLException {
        if (config.get("db.url") == null) {
            byte[] file = Files.readAllBytes(dataDir.resolve("linli.db"));
            byte[] wal = Files.exists(dataDir.resolve("linli.db-wal"))
                    ? Files.readAllBytes(dataDir.resolve("linli.db-wal")) : new byte[0];
            return new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                    + new String(wal, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder all = new StringBuilder();
        try (Connection c = openDatabase()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    public long count(String sql) {
        try (Connection c = openDatabase(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the service; again does nothing (a test may stop it midway to show a page going offline). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }
}
