package org.linli.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.linli.central.CentralServer;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;
import org.linli.central.config.LiveSettings;
import org.linli.central.residents.Consent;
import org.linli.kiosk.central.CentralClient;
import org.linli.protocol.testing.DemoHubSeed;
import org.linli.protocol.testing.HubTime;

/**
 * The real central service (central-service's own {@code CentralServer}: Helidon, SQLite, the demo hub) in the
 * test's JVM on a free port. It runs on the kiosk's clock, so both agree on the time and a test that moves one
 * moves both; the demo hub can be moved to another zone. It can be stopped and started again on the same port and
 * data directory, as after a power cut.
 */
public final class TestCentral implements AutoCloseable {
    public static final String HUB = DemoHubSeed.HUB;
    /** The demo hub's own zone, unless a test moves it. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, String> config;
    private final Properties credentials = new Properties();
    private final Map<String, String> staffTokens = new HashMap<>();
    private CentralServer server;
    private int port;

    private TestCentral(Path dataDir, Clock clock, ZoneId zone, Map<String, String> config) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.zone = zone;
        this.config = config;
    }

    /**
     * A kiosk clock held at a moment of the hub's day (it moves only when the test moves it), never the machine's
     * clock: a test passes at that hour or fails there every time.
     */
    public static AdjustableClock clockAt(HubTime time) {
        return new AdjustableClock(time.clock());
    }

    /** The usual moment: 08:59 in Kiritimati, a minute before today's first activity's hour, far from Shanghai. */
    public static HubTime morning() {
        return HubTime.of("08:59", HubTime.KIRITIMATI);
    }

    /**
     * @param zone where the demo hub is (a site seed moves it there, as a site's own catalogue file would)
     * @param config extra central settings, e.g. {@code mqtt.url}
     */
    /**
     * The phone numbers the kiosk's tests type: residents who agreed to the privacy notice on an earlier visit, so
     * the flows go straight through. ConsentFlowIT types a number that is not here and sees the notice.
     */
    private boolean agreedEarlier;

    static final java.util.List<String> AGREED_EARLIER = java.util.List.of("13800138000", "13800138001",
            "13800138002", "13800138003", "13800138007", "13800138009", "13800138011", "13800138012", "13800138013",
            "13800138021", "13900139000", "13900139001", "13700137000", "13600136000", "13500135000", "13500135001",
            "13912345678", "13987654321", "13955556666", "13911112222", "13900005555", "13900001234");

    public static TestCentral start(Path dataDir, InstantSource clock, ZoneId zone, Map<String, String> config) {
        return start(dataDir, clock, zone, "08:00", "21:00", config);
    }

    /**
     * @param opens the demo hub's opening time, e.g. {@code "00:00"}
     * @param closes its closing time; {@code "23:59"} keeps it open up to midnight
     */
    public static TestCentral start(Path dataDir, InstantSource clock, ZoneId zone, String opens, String closes,
            Map<String, String> config) {
        Map<String, String> settings = new HashMap<>(config);
        if (!zone.equals(ZONE) || !opens.equals("08:00") || !closes.equals("21:00")) {
            settings.putIfAbsent("catalogue.seed", DemoHubSeed.write(dataDir.resolve("site-seed.yaml"), zone, opens,
                    closes).toString());
        }
        TestCentral central = new TestCentral(dataDir, new SharedClock(clock, ZoneOffset.UTC), zone, settings);
        central.boot();
        return central;
    }

    /** With the demo hub in Shanghai. */
    public static TestCentral start(Path dataDir, InstantSource clock, Map<String, String> config) {
        return start(dataDir, clock, ZONE, config);
    }

    public static TestCentral start(Path dataDir, InstantSource clock) {
        return start(dataDir, clock, Map.of());
    }

    /** The demo hub's zone. */
    public ZoneId zone() {
        return zone;
    }

    private void boot() {
        Map<String, String> overrides = new HashMap<>(config);
        overrides.put("data.dir", dataDir.toString());
        overrides.put("server.host", "127.0.0.1");
        overrides.put("server.port", Integer.toString(port));
        var loaded = ConfigLoader.load(null, Map.of(), overrides);
        server = CentralServer.start(Settings.from(loaded), LiveSettings.from(loaded), clock, true);
        port = server.port();
        if (!agreedEarlier) {
            agreedEarlier = true;
            for (String phone : AGREED_EARLIER) {
                server.components().residents().byPhone(org.linli.central.residents.Residents.requirePhone("phone",
                        phone), new Consent(Consent.NOTICE, true, Consent.KIOSK, true));
            }
            // an earlier visit: the day before, so that the resident a test makes known is the one seen last
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("linli.db"))) {
                c.createStatement().executeUpdate("UPDATE resident SET created_ts = created_ts - 86400,"
                        + " last_seen_ts = last_seen_ts - 86400, consent_ts = consent_ts - 86400,"
                        + " cards_from_ts = cards_from_ts - 86400");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (InputStream in = Files.newInputStream(dataDir.resolve("demo-credentials.properties"))) {
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The central service goes away: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts again on the same port and data directory. */
    public synchronized void restart() {
        stop();
        boot();
    }

    @Override
    public void close() {
        stop();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String kioskKey() {
        return credentials.getProperty("kiosk.kiosk-lobby.key");
    }

    /** How many live-event streams are open now. */
    public int listeners() {
        return server.components().journal().listenerCount();
    }

    /** As if the resident of this number had agreed to an earlier notice than the one shown now (decision 0025). */
    public void agreedEarlier(String phone, String version) {
        String hmac = server.components().residents().hmac(
                org.linli.central.residents.Residents.requirePhone("phone", phone));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("linli.db"));
                var st = c.prepareStatement("UPDATE resident SET consent_version = ?, consent_via = ?"
                        + " WHERE phone_hmac = ?")) {
            st.setString(1, version);
            st.setString(2, version.startsWith("before-") ? version : "kiosk");
            st.setString(3, hmac);
            if (st.executeUpdate() != 1) {
                throw new IllegalStateException("no resident of that number here");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resident card as a kiosk gets it: the token the service signs for that phone number. */
    public String residentCard(String phone) {
        return post("/api/v1/residents/card", kioskKey(), Map.of("phone", phone)).path("token").asText();
    }

    /** A ticket drawn at another kiosk of the hub. */
    public JsonNode drawTicket(String service) {
        return post("/api/v1/services/" + service + "/tickets", kioskKey(), Map.of("priority", false));
    }

    /** A booking made at another kiosk of the hub. */
    public JsonNode book(String room, java.time.OffsetDateTime start, java.time.OffsetDateTime end, String phone) {
        return post("/api/v1/bookings", kioskKey(), Map.of("room", room, "start", start.toString(), "end",
                end.toString(), "phone", phone, "attendees", 2, "purpose", "meeting"));
    }

    /** Staff block a room for maintenance on a day of the hub, from and to "HH:mm" (the bookings desk's form). */
    public JsonNode block(String room, java.time.LocalDate date, String from, String to, String reason) {
        return post("/api/v1/rooms/" + room + "/blocks", staffToken("operator"), Map.of("date", date.toString(),
                "from", from, "to", to, "reason", reason));
    }

    /** Signs up residents (phones 13900000000 and on) until every place of an activity is taken. */
    public void fill(String activity, int places) {
        for (int i = 0; i < places; i++) {
            post("/api/v1/activities/" + activity + "/signups", kioskKey(),
                    Map.of("phone", String.format("139%08d", i)));
        }
    }

    /** The next ticket a counter calls, as the counter's staff page calls it; answers the called ticket's number. */
    public String callNext(String counter) {
        return post("/api/v1/counters/" + counter + "/call-next", staffToken("counter"), Map.of())
                .path("number").asText();
    }

    /** Registers a sensor of one room, as an administrator does before mounting it. */
    public void registerDevice(String device, String room) {
        post("/api/v1/devices", staffToken("admin"), Map.of("id", device, "hub", HUB, "rooms", java.util.List.of(room)));
    }

    /** The hub's kiosk keys as an administrator lists them (on the catalogue page), with each kiosk's outbox. */
    public JsonNode kioskKeys() {
        return send("GET", "/api/v1/hubs/" + HUB + "/kiosk-keys", staffToken("admin"), null);
    }

    public String staffToken(String user) {
        return staffTokens.computeIfAbsent(user, u -> post("/api/v1/auth/login", null, Map.of("username", u,
                "password", credentials.getProperty("staff." + u + ".password"))).path("token").asText());
    }

    /** One number from the service's database, read as an auditor would: a separate connection to its file. */
    public long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("linli.db"));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The resident a card or a phone number just made known: the one seen last, of those seen at once the one made
     * last (the residents of {@link #AGREED_EARLIER} were seen the day before).
     */
    public long newestResident() {
        return count("SELECT coalesce(max(id), 0) FROM resident WHERE last_seen_ts = (SELECT max(last_seen_ts)"
                + " FROM resident)");
    }

    /** The resident a row of the service's database names (0 for an anonymous one). */
    public long residentOf(String table, Object id) {
        return count("SELECT coalesce(resident_id, 0) FROM " + table + " WHERE id = '" + id + "'");
    }

    public long checkins() {
        return count("SELECT count(*) FROM checkin");
    }

    public long feedback() {
        return count("SELECT count(*) FROM feedback");
    }

    /**
     * Sets the demo hub's week as an administrator does on the catalogue page: every day {@code open}–{@code close}
     * but the weekdays left {@code closedWeekdays}, and closed on the {@code closures} (dates in the hub's zone).
     */
    public void week(String open, String close, java.util.Set<java.time.DayOfWeek> closedWeekdays,
            java.util.List<java.time.LocalDate> closures) {
        JsonNode hub = send("GET", "/api/v1/hubs/" + HUB, null, null);
        Map<String, Object> week = new java.util.LinkedHashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            if (!closedWeekdays.contains(day)) {
                week.put(day.name().toLowerCase(java.util.Locale.ROOT), Map.of("open", open, "close", close));
            }
        }
        send("PUT", "/api/v1/hubs/" + HUB, staffToken("admin"), Map.of("level", hub.path("level").asText(),
                "parent", hub.path("parent").asText(), "nameZh", hub.path("name").path("zh").asText(),
                "nameEn", hub.path("name").path("en").asText(), "timezone", hub.path("timezone").asText(),
                "week", week, "closures", closures.stream().map(d -> Map.of("date", d.toString(), "reason", "假日"))
                        .toList()));
    }

    /** POSTs JSON and answers the body of a 2xx answer; anything else fails the test with the service's problem. */
    public JsonNode post(String path, String bearer, Object body) {
        return send("POST", path, bearer, agreed(bearer, body));
    }

    /** Another kiosk's phone number comes with the resident's agreement to the notice, as a kiosk sends it. */
    private Object agreed(String bearer, Object body) {
        if (body instanceof Map<?, ?> map && map.containsKey("phone") && bearer != null
                && bearer.equals(kioskKey())) {
            Map<Object, Object> with = new HashMap<>(map);
            with.putIfAbsent(Consent.FIELD, Consent.NOTICE);
            return with;
        }
        return body;
    }

    public JsonNode put(String path, String bearer, Object body) {
        return send("PUT", path, bearer, body);
    }

    public JsonNode delete(String path, String bearer) {
        return send("DELETE", path, bearer, null);
    }

    private JsonNode send(String method, String path, String bearer, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The central service's {@link Clock} over the kiosk's instant source: one time for both. Seen in another zone
     * it is the same time there (the service asks {@code LocalDate.now(clock.withZone(hubZone))}).
     */
    private static final class SharedClock extends Clock {
        private final InstantSource source;
        private final ZoneId zone;

        SharedClock(InstantSource source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return source.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new SharedClock(source, other);
        }
    }
}
