package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.broker.ProductionBroker;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Nothing is lost when the broker crashes (issue 12). Four agents (the real {@link Agent}: outbox, pump, Paho link)
 * send a 10,000-event stream through Mosquitto running the production configuration (which saves only every 30 s) to
 * the central service running from its jar. Meanwhile the broker is killed with SIGKILL and started again 20 times,
 * and the central service is killed once with SIGKILL and stopped once with SIGTERM and started again each time. The
 * moments are drawn from a seeded random, counted in events emitted so far (vary them with
 * {@code -Dlinli.crash.seed=N}). Every event must be stored exactly once, each device's seqs complete, in the order its
 * events happened and with their original times, and every outbox empty at the end.
 */
class BrokerCrashIT {
    static final int AGENTS = 4;
    static final int EVENTS = 10_000;
    static final int BROKER_KILLS = 20;
    /** Events emitted every 10 ms, spread over the agents: 300 a second, so the stream lasts about half a minute. */
    static final int PER_TICK = 3;
    static final long SEED = Long.getLong("linli.crash.seed", 20_261_204L);
    static final String HUB = "wutong66";
    static final String[] ROOMS = {"activity-room", "reading-room", "classroom", "studio"};
    static final Path HOME = Path.of(System.getProperty("linli.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A crash at a moment of the stream: the broker (down while {@code downFor} more events go out) or central. */
    record Crash(int atEvent, String what, int downFor) {
    }

    static List<Crash> schedule(Random random) {
        List<Crash> crashes = new ArrayList<>();
        TreeSet<Integer> moments = new TreeSet<>();
        while (moments.size() < BROKER_KILLS) {
            moments.add(200 + random.nextInt(EVENTS - 400));
        }
        for (int at : moments) {
            crashes.add(new Crash(at, "broker", random.nextInt(150)));
        }
        crashes.add(new Crash(EVENTS / 4 + random.nextInt(EVENTS / 10), "central-kill", 0));
        crashes.add(new Crash(EVENTS * 6 / 10 + random.nextInt(EVENTS / 10), "central-stop", 0));
        crashes.sort(Comparator.comparingInt(Crash::atEvent));
        return crashes;
    }

    @Test
    void everyEventIsStoredOnceAndInOrderThroughTwentyBrokerKillsAndTwoCentralRestarts() throws Exception {
        // mosquitto drops root for its own user, which must be able to reach its files below the test directory
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Crash> crashes = schedule(new Random(SEED));
        List<Agent> agents = new ArrayList<>();
        List<Pi4jBoard> boards = new ArrayList<>();
        ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor();
        try (ProductionBroker broker = ProductionBroker.prepare(dir.resolve("broker"))) {
            String centralPassword = broker.credential("central");
            List<String> passwords = new ArrayList<>();
            for (int a = 0; a < AGENTS; a++) {
                passwords.add(broker.credential("device", device(a), HUB));
            }
            broker.start();
            CentralProgram central = startCentral(broker, centralPassword);
            try {
                String admin = central.login("admin", central.credentials().getProperty("staff.admin.password"));
                for (int a = 0; a < AGENTS; a++) {
                    central.call("POST", "/api/v1/devices", admin, Map.of("id", device(a), "hub", HUB,
                            "rooms", List.of(ROOMS[a])));
                }
                for (int a = 0; a < AGENTS; a++) {
                    Pi4jBoard board = Pi4jBoard.mock();
                    boards.add(board);
                    Path yaml = agentYaml(dir, device(a), broker.plainUrl(), passwords.get(a));
                    Agent agent = new Agent(new ConfigLoader(Map.of()).load(yaml, false), board, Clock.systemUTC(),
                            ClockTrust.fixed(true, "test machine clock"));
                    agents.add(agent);
                    agent.start();
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> agents.stream().allMatch(Agent::connected));

                AtomicInteger emitted = new AtomicInteger();
                emitter.scheduleAtFixedRate(() -> emit(agents, emitted), 0, 10, TimeUnit.MILLISECONDS);
                int brokerKills = 0;
                for (Crash crash : crashes) {
                    awaitEmitted(emitted, crash.atEvent());
                    switch (crash.what()) {
                        case "broker" -> {
                            broker.kill();
                            brokerKills++;
                            awaitEmitted(emitted, emitted.get() + crash.downFor());
                            broker.restart();
                        }
                        case "central-kill" -> {
                            central.awaitHealthy();
                            central.kill();
                            central.launch();
                        }
                        default -> {
                            central.awaitHealthy();
                            central.stop();
                            central.launch();
                        }
                    }
                }
                awaitEmitted(emitted, EVENTS);
                central.awaitHealthy();
                assertEquals(BROKER_KILLS, brokerKills);

                Path db = central.database();
                try {
                    await("every event stored and every outbox empty").atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> storedEvents(db) == EVENTS + AGENTS
                                    && agents.stream().allMatch(agent -> agent.outbox().depth() == 0));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("seed " + SEED + ": " + storedEvents(db) + " of " + (EVENTS + AGENTS)
                            + " stored; outbox depths " + agents.stream().map(x -> x.outbox().depth()).toList()
                            + "; see " + HOME.resolve("e2e/target/crash-central.log"), e);
                }
                for (int a = 0; a < AGENTS; a++) {
                    assertStoredOnceInOrder(db, a);
                }
                String duplicates = central.text("/observe/metrics").lines()
                        .filter(line -> line.startsWith("linli_ingest_duplicates")).findFirst().orElse("?");
                System.out.printf("BrokerCrashIT seed %d: %d events, %d broker kills, central killed and stopped once"
                        + " each; resends after a silence, per agent %s; since the last start of central: %s%n",
                        SEED, EVENTS, brokerKills, agents.stream().map(agent -> agent.pump().resends()).toList(),
                        duplicates);
            } finally {
                emitter.shutdownNow();
                agents.forEach(Agent::close);
                for (Pi4jBoard board : boards) {
                    board.close();
                }
                central.close();
            }
        }
    }

    static String device(int a) {
        return "crash-door-" + a;
    }

    /** Emits the next events, spread over the agents in turn; each agent's events in its own order. */
    static void emit(List<Agent> agents, AtomicInteger emitted) {
        emitTo(agents, emitted, EVENTS, PER_TICK, ROOMS);
    }

    /**
     * Emits the next {@code perTick} of {@code events} events, agent after agent (agent {@code n} in room {@code n}),
     * each agent's events in its own order: event k of an agent is a door opened (k even) or closed, reason "crash k".
     */
    static void emitTo(List<Agent> agents, AtomicInteger emitted, int events, int perTick, String[] rooms) {
        for (int k = 0; k < perTick; k++) {
            int n = emitted.get();
            if (n >= events) {
                return;
            }
            Agent agent = agents.get(n % agents.size());
            int index = n / agents.size();
            String room = rooms[n % agents.size()];
            EventType type = index % 2 == 0 ? EventType.DOOR_OPENED : EventType.DOOR_CLOSED;
            agent.loop().execute(() -> agent.reporter().event(room, type, null, "crash " + index));
            emitted.incrementAndGet();
        }
    }

    static void awaitEmitted(AtomicInteger emitted, int count) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> emitted.get() >= Math.min(count, EVENTS));
    }

    CentralProgram startCentral(ProductionBroker broker, String password) throws IOException {
        Path seed = dir.resolve("hub.yaml");
        Files.writeString(seed, Hubs.openNowDemoHub(HOME));
        Path config = dir.resolve("central.yaml");
        Files.writeString(config, "catalogue:\n  seed: " + seed + "\n");
        Path log = HOME.resolve("e2e/target/crash-central.log");
        Files.deleteIfExists(log);
        CentralProgram central = new CentralProgram(HOME.resolve("central-service/target/central-service.jar"),
                dir.resolve("central"), MosquittoBroker.freePort(), config,
                Map.of("LINLI_MQTT_URL", broker.plainUrl(), "LINLI_MQTT_USERNAME", "svc.central",
                        "LINLI_MQTT_PASSWORD", password), log);
        central.start();
        return central;
    }

    /**
     * A door agent of the test hub without sensors or locks (only the events a test makes it report, and its
     * agent.started), its configuration written in {@code dir}: shared with {@link TwoCentralProcessesIT}.
     */
    static Path agentYaml(Path dir, String id, String brokerUrl, String password) throws IOException {
        Path yaml = dir.resolve(id + ".yaml");
        Files.writeString(yaml, """
                device: {id: %s}
                hub: {id: %s}
                mqtt: {url: %s, username: %s, password: '%s', reconnect-min-ms: 50, reconnect-max-ms: 500,
                       keep-alive-s: 5}
                data: {dir: '%s'}
                hardware: {provider: mock}
                clock: {trust: rtc}
                occupancy: {zone: "%s"}
                telemetry: {interval-s: 86400}
                outbox: {resend-after-ms: 1000, resend-max-ms: 4000}
                """.formatted(id, HUB, brokerUrl, id, password, dir.resolve(id), Hubs.ZONE.getId()));
        return yaml;
    }

    static long storedEvents(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM device_event WHERE device_id LIKE 'crash-door-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Seq 0 is agent.started, seq k the event "crash k-1": complete, each once, times in the order of the seqs. */
    static void assertStoredOnceInOrder(Path db, int a) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement q = c.prepareStatement(
                        "SELECT seq, ts, type, reason FROM device_event WHERE device_id = ? ORDER BY seq")) {
            q.setString(1, device(a));
            try (ResultSet rs = q.executeQuery()) {
                long expected = 0;
                long lastTs = 0;
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    assertEquals(expected, seq, device(a) + ": a gap in the stored seqs");
                    long ts = rs.getLong(2);
                    assertTrue(ts >= lastTs, device(a) + " seq " + seq + ": ts " + ts + " before " + lastTs);
                    lastTs = ts;
                    if (seq == 0) {
                        assertEquals(EventType.AGENT_STARTED.wire(), rs.getString(3));
                    } else {
                        assertEquals("crash " + (seq - 1), rs.getString(4), device(a) + " seq " + seq);
                        assertEquals((seq - 1) % 2 == 0 ? "door.opened" : "door.closed", rs.getString(3));
                    }
                    expected++;
                }
                assertEquals(EVENTS / AGENTS + 1, expected, device(a) + ": events stored");
            }
        }
    }
}
