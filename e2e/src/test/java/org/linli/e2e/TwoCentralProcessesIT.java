package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.broker.ProductionBroker;
import org.linli.central.BookingRace;
import org.linli.central.store.PostgresCluster;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Two central services as two programs (issue 18), each started from its jar with a data directory of its own, on one
 * throwaway PostgreSQL database and one Mosquitto running the production configuration, ingesting through one shared
 * subscription ({@code live.shared-group}). The replicas share what a site deploys to each: the database address, the
 * resident secret, the signing key and the demo's credentials; everything else they must learn from the database, the
 * broker or each other. Skipped, like central-service's PostgreSQL run, with {@code -Dlinli.pg.skip=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoCentralProcessesIT {
    static final int CLIENTS = 60;
    static final int AGENTS = 4;
    static final int EVENTS = 10_000;
    /** Events emitted every 10 ms, spread over the agents: 300 a second, about half a minute in all. */
    static final int PER_TICK = 3;
    /** When replica B is killed: with a good part of the stream behind and most of it still to come. */
    static final int KILL_AT = 4_000;
    static final String HUB = "wutong66";
    static final String[] ROOMS = {"activity-room", "reading-room", "classroom", "studio"};
    static final Path HOME = Path.of(System.getProperty("linli.home", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    private ProductionBroker broker;
    private String dbUrl;
    private CentralProgram a;
    private CentralProgram b;
    private String admin;
    private String kiosk;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Pi4jBoard> boards = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assumeFalse(Boolean.getBoolean("linli.pg.skip"), "the tests on PostgreSQL are skipped (-Dlinli.pg.skip)");
        dbUrl = PostgresCluster.shared().newDatabase();
        // mosquitto drops root for its own user, which must be able to reach its files below the test directory
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        broker = ProductionBroker.prepare(dir.resolve("broker"));
        String password = broker.credential("central");
        broker.start();
        Path seed = dir.resolve("hub.yaml");
        Files.writeString(seed, Hubs.openNowDemoHub(HOME));
        Path config = dir.resolve("central.yaml");
        Files.writeString(config, "catalogue:\n  seed: " + seed + "\n");
        a = central("a", password, config);
        a.start();
        // what a site deploys to every replica: the demo's credentials (so B does not seed the demo again) and the
        // key that signs booking tokens, which every replica must sign with and every door must trust
        Files.createDirectories(dir.resolve("b"));
        for (String file : List.of("demo-credentials.properties", "signing-key.properties")) {
            Files.copy(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        b = central("b", password, config);
        b.start();
        admin = a.login("admin", a.credentials().getProperty("staff.admin.password"));
        kiosk = a.credentials().getProperty("kiosk.kiosk-lobby.key");
    }

    CentralProgram central(String name, String password, Path config) throws IOException {
        Path log = HOME.resolve("e2e/target/two-central-" + name + ".log");
        Files.deleteIfExists(log);
        Map<String, String> environment = new HashMap<>();
        environment.put("LINLI_DB_URL", dbUrl);
        environment.put("LINLI_RESIDENTS_SECRET_FILE", dir.resolve("resident.secret").toString());
        environment.put("LINLI_MQTT_URL", broker.plainUrl());
        environment.put("LINLI_MQTT_USERNAME", "svc.central");
        environment.put("LINLI_MQTT_PASSWORD", password);
        // one user name, a client id per replica (the loopback listener lets central choose it)
        environment.put("LINLI_LIVE_CLIENT_ID", "svc.central." + name);
        environment.put("LINLI_LIVE_SHARED_GROUP", "central");
        environment.put("LINLI_LIVE_OFFLINE_AFTER_SECONDS", "2");
        // the no-show sweep every second (its lease runs out 3 s after its holder's last sweep), a booking nobody
        // came to released after a minute: the survivor's taking the sweep over is seen within seconds
        environment.put("LINLI_LIVE_NO_SHOW_SWEEP_SECONDS", "1");
        environment.put("LINLI_LIVE_NO_SHOW_MINUTES", "1");
        return new CentralProgram(HOME.resolve("central-service/target/central-service.jar"), dir.resolve(name),
                MosquittoBroker.freePort(), config, environment, log);
    }

    @AfterAll
    void stop() throws Exception {
        agents.forEach(Agent::close);
        for (Pi4jBoard board : boards) {
            board.close();
        }
        for (CentralProgram central : new CentralProgram[] {b, a}) {
            if (central != null) {
                central.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void sixtyConflictingBookingsSplitAcrossBothLeaveExactlyOneWinner() throws Exception {
        BookingRace.exactlyOneWins(CLIENTS, client -> {
            CentralProgram through = client % 2 == 0 ? a : b;
            Map<String, Object> body = booking("activity-room", 13, client % 3 == 0 ? 60 : 30,
                    String.format("139000077%02d", client));
            return () -> through.send("POST", "/api/v1/bookings", kiosk, body).statusCode();
        }, "split across A and B");
        assertEquals(1, count("SELECT count(*) FROM booking WHERE room_id = 'activity-room'"));
    }

    @Test
    @Order(2)
    void aBookingMadeThroughAReachesAScreenConnectedToBWithinASecond() throws Exception {
        try (SseScreen onB = SseScreen.of(b, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> onB.lines().contains("event:open"));
            long id = a.call("POST", "/api/v1/bookings", kiosk, booking("classroom", 11, 60, "13800138003"))
                    .get("id").asLong();
            long sent = System.nanoTime();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> onB.has(id));
            System.out.printf("TwoCentralProcessesIT: a booking made through A was on B's stream %d ms after A"
                    + " answered%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
        }
    }

    /**
     * A screen of B is cut off, bookings are made through both replicas meanwhile, and the screen reconnects to A (as
     * a load balancer may send it) with the id of the last event it had: it gets exactly the bookings it missed. (A
     * started first: with ids of each replica's own, B's were all higher than A's, and A replayed nothing.)
     */
    @Test
    @Order(3)
    void aScreenOfBResumesOnAWithExactlyTheEventsItMissed() throws Exception {
        String lastId;
        long seen;
        try (SseScreen onB = SseScreen.of(b, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> onB.lines().contains("event:open"));
            seen = b.call("POST", "/api/v1/bookings", kiosk, booking("studio", 9, 60, "13800138011")).get("id")
                    .asLong();
            await().atMost(Duration.ofSeconds(5)).until(() -> onB.has(seen));
            lastId = onB.idOf(seen);
        }
        long missedOnB;
        long missedOnA;
        try (SseScreen watcher = SseScreen.of(a, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.lines().contains("event:open"));
            missedOnB = b.call("POST", "/api/v1/bookings", kiosk, booking("studio", 10, 60, "13800138012"))
                    .get("id").asLong();
            missedOnA = a.call("POST", "/api/v1/bookings", kiosk, booking("studio", 11, 60, "13800138013"))
                    .get("id").asLong();
            // both are in A's journal (the one made through B relayed) before the screen comes back
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.has(missedOnB) && watcher.has(missedOnA));
        }
        try (SseScreen back = SseScreen.of(a, lastId)) {
            await("the missed bookings replayed by A").atMost(Duration.ofSeconds(5))
                    .until(() -> back.has(missedOnB) && back.has(missedOnA));
            assertFalse(back.has(seen), "the last event the screen had is not sent again");
        }
    }

    /**
     * A device registered through A is known to B at once (B takes its share of the device's messages), both show
     * it online, a burst of refused codes split between them raises its alert, and when the device goes offline
     * both see it and one alert is raised, not one per replica.
     */
    @Test
    @Order(4)
    void aDeviceRegisteredThroughAIsKnownToBAndItsOfflineAlertIsRaisedOnce() throws Exception {
        String id = "pg-gone-door";
        Agent agent = startAgent(id, "reading-room");
        await("both replicas show " + id + " online").atMost(Duration.ofSeconds(20))
                .until(() -> online(a, id) && online(b, id));
        // five refusals within a minute (live.denied-burst) make one alert, although each replica takes only some
        for (int n = 0; n < 5; n++) {
            int attempt = n;
            agent.loop().execute(() -> agent.reporter().event("reading-room", EventType.ACCESS_DENIED, null,
                    "bad code " + attempt));
        }
        String bursts = "SELECT count(*) FROM alert WHERE kind = 'denied_burst' AND device_id = '" + id + "'";
        // generous: under faketime on a loaded machine a refusal's resend after a slow batch took over 20 s once
        String refusals = "SELECT count(*) FROM device_event WHERE type = 'access.denied' AND device_id = '" + id + "'";
        try {
            await("the burst's alert").atMost(Duration.ofSeconds(60)).until(() -> count(bursts) == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(count(refusals) + " of 5 refusals stored, " + count(bursts) + " burst alerts", e);
        }
        agent.close();
        agents.remove(agent);
        await("both replicas show " + id + " offline").atMost(Duration.ofSeconds(20))
                .until(() -> !online(a, id) && !online(b, id));
        String alerts = "SELECT count(*) FROM alert WHERE kind = 'device_offline' AND device_id = '" + id + "'";
        await("the offline alert").atMost(Duration.ofSeconds(20)).until(() -> count(alerts) >= 1);
        // both replicas' watches have run out by now (2 s after the same status); one alert stays
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> count(alerts) == 1);
    }

    @Test
    @Order(5)
    void aTenThousandEventStreamSplitBetweenBothIsStoredOnceThroughAKillOfOne() throws Exception {
        // the stream's agents alone (one left over by a test before that failed would take a share of it)
        agents.forEach(Agent::close);
        agents.clear();
        for (int n = 0; n < AGENTS; n++) {
            startAgent(device(n), ROOMS[n]);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> agents.stream().allMatch(Agent::connected));
        // B runs the no-show sweep when it is killed (checked again then: it keeps the lease while it sweeps)
        sweepIn(b);
        ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger emitted = new AtomicInteger();
        try {
            emitter.scheduleAtFixedRate(() -> BrokerCrashIT.emitTo(agents, emitted, EVENTS, PER_TICK, ROOMS),
                    0, 10, TimeUnit.MILLISECONDS);
            awaitEmitted(emitted, KILL_AT);
            long storedByA = a.metric("linli_ingest_stored");
            long storedByB = b.metric("linli_ingest_stored");
            assertTrue(storedByA > 0 && storedByB > 0, "the shared subscription splits the stream: A stored "
                    + storedByA + ", B " + storedByB);
            assertEquals(0, b.metric("linli_ingest_unauthorised"), "B knows the devices registered through A");
            sweepIn(b);
            b.kill();
            long killed = System.nanoTime();
            int killedAt = emitted.get();
            assertFalse(b.alive());
            awaitEmitted(emitted, EVENTS);
            long total = EVENTS + AGENTS;
            try {
                await("every event stored and every outbox empty").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250)).until(() -> count(
                                "SELECT count(*) FROM device_event WHERE device_id LIKE 'pg-stream-%'") == total
                                && agents.stream().allMatch(agent -> agent.outbox().depth() == 0));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(count("SELECT count(*) FROM device_event WHERE device_id LIKE 'pg-stream-%'")
                        + " of " + total + " stored; outbox depths "
                        + agents.stream().map(x -> x.outbox().depth()).toList() + "; see e2e/target/two-central-*.log",
                        e);
            }
            long settled = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            // The survivor takes the dead replica's share at once (replicas keep no session in the broker); only what
            // B had in flight is sent again. With a session kept, Mosquitto went on handing B's dead session half of
            // every device's messages, and the agents sent them again and again (21-23 times each; here once, or a
            // few times more when this machine is so busy that the commits pause for over a second).
            for (Agent agent : agents) {
                assertTrue(agent.pump().resends() <= 10, "resends after a silence: " + agent.pump().resends());
            }
            for (int n = 0; n < AGENTS; n++) {
                assertStoredOnce(n);
            }
            // the survivor carries on: a booking through it, and the timer B held when it was killed
            long late = a.call("POST", "/api/v1/bookings", kiosk, booking("studio", 14, 60, "13800138009")).get("id")
                    .asLong();
            assertNoShowReleasedBy(a, late);
            long released = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.printf("TwoCentralProcessesIT: %d events, A stored %d and B %d before B was killed at event"
                    + " %d; all stored %d ms after the kill; resends after a silence, per agent %s; A's duplicates"
                    + " %d; the no-show sweep B held run by A, a booking released %d ms after the kill%n", EVENTS,
                    storedByA, storedByB, killedAt, settled, agents.stream().map(agent -> agent.pump().resends())
                            .toList(), a.metric("linli_ingest_duplicates"), released);
        } finally {
            emitter.shutdownNow();
        }
    }

    /**
     * Makes the replica the one that runs the no-show sweep (whichever started first holds it otherwise): the lease
     * is made to run out until that replica is the one that takes it at its next sweep, as it would have had it
     * swept first.
     */
    void sweepIn(CentralProgram replica) {
        await("the no-show sweep's lease held by " + replica).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(1500)).until(() -> {
                    if (sweepHeldBy(replica)) {
                        return true;
                    }
                    update("UPDATE timer_lease SET until_ms = 0 WHERE job = 'no-show-release'");
                    return false;
                });
    }

    /** Whether the replica holds the lease of the no-show sweep (its holder is the JVM's "pid@host/..."). */
    boolean sweepHeldBy(CentralProgram replica) throws SQLException {
        return count("SELECT count(*) FROM timer_lease WHERE job = 'no-show-release' AND holder LIKE '"
                + replica.pid() + "@%'") == 1;
    }

    /**
     * A booking whose start is moved a minute and a half into the past, in a room a sensor watches, nobody checked in:
     * the replica takes the no-show sweep's lease over from the killed one, and releases the booking.
     */
    void assertNoShowReleasedBy(CentralProgram replica, long booking) throws SQLException {
        long now = System.currentTimeMillis() / 1000;
        update("UPDATE booking SET start_ts = " + (now - 90) + ", end_ts = " + (now + 3600) + " WHERE id = " + booking);
        String released = "SELECT count(*) FROM booking WHERE status = 'released' AND id = " + booking;
        try {
            await("the no-show release by the survivor").atMost(Duration.ofSeconds(30)).until(() -> count(released) == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("booking " + booking + " not released; the sweep's lease held by the survivor: "
                    + sweepHeldBy(replica), e);
        }
        assertTrue(sweepHeldBy(replica), "the survivor holds the sweep's lease");
    }

    void update(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl); PreparedStatement st = c.prepareStatement(sql)) {
            st.executeUpdate();
        }
    }

    Agent startAgent(String id, String room) throws Exception {
        String password = broker.credential("device", id, HUB);
        broker.reload();
        a.call("POST", "/api/v1/devices", admin, Map.of("id", id, "hub", HUB, "rooms", List.of(room)));
        Pi4jBoard board = Pi4jBoard.mock();
        boards.add(board);
        Path yaml = BrokerCrashIT.agentYaml(dir, id, broker.plainUrl(), password);
        Agent agent = new Agent(new ConfigLoader(Map.of()).load(yaml, false), board, Clock.systemUTC(),
                ClockTrust.fixed(true, "test machine clock"));
        agents.add(agent);
        agent.start();
        return agent;
    }

    static String device(int n) {
        return "pg-stream-" + n;
    }

    /** A booking tomorrow in the hub's zone, from {@code hour}:00, {@code minutes} long. */
    static Map<String, Object> booking(String room, int hour, int minutes, String phone) {
        OffsetDateTime start = LocalDate.now(Hubs.ZONE).plusDays(1).atTime(hour, 0).atZone(Hubs.ZONE)
                .toOffsetDateTime();
        return Map.of("room", room, "start", start.toString(), "end", start.plusMinutes(minutes).toString(),
                "phone", phone, "attendees", 2, "consentVersion", "2026-12");
    }

    boolean online(CentralProgram central, String id) throws IOException, InterruptedException {
        for (JsonNode device : central.call("GET", "/api/v1/hubs/" + HUB + "/live", admin, null).path("devices")) {
            if (device.path("id").asText().equals(id)) {
                return device.path("online").asBoolean();
            }
        }
        return false;
    }

    static void awaitEmitted(AtomicInteger emitted, int count) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> emitted.get() >= Math.min(count, EVENTS));
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl);
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Seq 0 is agent.started, seq k the event "crash k-1": each once, none missing. */
    void assertStoredOnce(int n) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl);
                PreparedStatement q = c.prepareStatement(
                        "SELECT seq, type, reason FROM device_event WHERE device_id = ? ORDER BY seq")) {
            q.setString(1, device(n));
            try (ResultSet rs = q.executeQuery()) {
                long expected = 0;
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    assertEquals(expected, seq, device(n) + ": a gap or a copy in the stored seqs");
                    if (seq == 0) {
                        assertEquals(EventType.AGENT_STARTED.wire(), rs.getString(2));
                    } else {
                        assertEquals("crash " + (seq - 1), rs.getString(3), device(n) + " seq " + seq);
                    }
                    expected++;
                }
                assertEquals(EVENTS / AGENTS + 1, expected, device(n) + ": events stored");
            }
        }
    }
}
