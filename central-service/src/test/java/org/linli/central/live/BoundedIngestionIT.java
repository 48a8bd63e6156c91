package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.ingest.IngestCounters;
import org.linli.central.store.Dialect;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Ingestion with a small bound on messages in flight ({@code live.receive-maximum} 20): what is dropped or fails to
 * be stored must not keep its place in the bound, or that many bad messages would stop ingestion for good.
 *
 * <p>SQLite only (not in the PostgreSQL execution of the pom): the bound and the redelivery are the service's and
 * the broker's, the same on both stores; the triggers have their PostgreSQL form for a run with
 * {@code -Dlinli.test.db=postgresql}.
 */
class BoundedIngestionIT {
    static final String HUB = TestServer.HUB;
    static final int BOUND = 20;
    @TempDir
    static Path dir;
    static MosquittoBroker broker;
    static TestServer server;
    static TestPublisher device;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        server = TestServer.onMachineClock(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                "live.client-id", "central-bounded-it", "live.receive-maximum", Integer.toString(BOUND)));
        TestServer.Response r = server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", "dev-a", "hub", HUB, "rooms", List.of("studio")));
        assertEquals(201, r.status(), r.text());
        r = server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", "dev-r", "hub", HUB, "rooms", List.of("classroom")));
        assertEquals(201, r.status(), r.text());
        IngestionIT.awaitSubscribed(broker, HUB);
        device = new TestPublisher(broker.url(), "bounded-devices");
    }

    @AfterAll
    static void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static long stored(long fromSeq, long toSeq) {
        return stored("dev-a", fromSeq, toSeq);
    }

    static long stored(String deviceId, long fromSeq, long toSeq) {
        return server.components().db().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM occupancy_sample WHERE"
                    + " device_id = '" + deviceId + "' AND seq BETWEEN " + fromSeq + " AND " + toSeq)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Ten times the bound of every kind of drop (malformed, a room not the device's, a device not registered, a
     * topic outside the tree), and then valid messages: each of them is stored.
     */
    @Test
    void droppedMessagesGiveTheirPlaceBack() throws Exception {
        IngestCounters counters = server.components().ingestion().counters();
        long droppedBefore = counters.malformed() + counters.unauthorised();
        long now = System.currentTimeMillis();
        Fuzz fuzz = new Fuzz(11, "dev-a", "studio", "roof-terrace");
        int bad = 10 * BOUND;
        for (int i = 0; i < bad; i++) {
            Fuzz.Bad message = fuzz.next(now);
            device.publish(message.topic(), message.payload(), false);
        }
        for (long seq = 1; seq <= 2 * BOUND; seq++) {
            device.publish("linli/v1/devices/dev-ghost/occupancy", Fuzz.occupancy(now, seq, "studio", true, 1));
        }
        for (long seq = 10_000; seq < 10_000 + 2 * BOUND; seq++) {
            device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(now, seq, "studio", seq % 2 == 0, 1));
        }
        device.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(10_000, 10_000 + 2 * BOUND - 1) == 2 * BOUND);
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.malformed() + counters.unauthorised()
                - droppedBefore == bad + 2 * BOUND);
        assertEquals(bad + 2 * BOUND, counters.malformed() + counters.unauthorised() - droppedBefore);
    }

    /**
     * Batches the database refuses (here a trigger; on a hub, a full disk or a lock held by another program) are
     * left unacknowledged, and more of them than the bound do not stop ingestion: once the database takes them
     * again, they are stored from the broker's redelivery, and so is everything after them.
     */
    @Test
    void batchesTheDatabaseRefusedAreStoredOnceItTakesThemAgain() throws Exception {
        IngestCounters counters = server.components().ingestion().counters();
        long failedBefore = counters.failedBatches();
        refuse(true);
        long now = System.currentTimeMillis();
        long refused = 2 * BOUND;
        try {
            for (long seq = 30_000; seq < 30_000 + refused; seq++) {
                device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(now, seq, "studio", true, 2));
            }
            device.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> counters.failedBatches() - failedBefore >= 2);
        } finally {
            refuse(false);
        }
        for (long seq = 31_000; seq < 31_000 + BOUND; seq++) {
            device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(now, seq, "studio", false, 0));
        }
        device.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(31_000, 31_000 + BOUND - 1) == BOUND
                && stored(30_000, 30_000 + refused - 1) == refused);
    }

    /**
     * One message the database refuses for good (here a trigger for one seq of one device; on a hub, a constraint or
     * a value it does not take) among twice the bound of good ones: it is counted, logged with its device and why,
     * and acknowledged, to the broker and in the device's receipt, so that neither sends it again; the rest of its
     * batch and everything after it is stored, without a redelivery.
     */
    @Test
    void aMessageTheDatabaseRefusesForGoodIsDroppedAndEverythingElseStored() throws Exception {
        IngestCounters counters = server.components().ingestion().counters();
        long refusedBefore = counters.refused();
        long failedBefore = counters.failedBatches();
        long receivedBefore = counters.received();
        long duplicatesBefore = counters.duplicates();
        Set<Long> receipted = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("dev-r")) {
                    logged.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        PayloadCodec codec = new PayloadCodec();
        refuseOne(true);
        try (TestPublisher watcher = new TestPublisher(broker.url(), "bounded-receipts")) {
            watcher.client().setCallback(new MessageCallback((topic, message) -> {
                try {
                    for (AckPayload.Range range : codec.decodeAck(message).seqs()) {
                        for (long seq = range.from(); seq <= range.to(); seq++) {
                            receipted.add(seq);
                        }
                    }
                } catch (PayloadException e) {
                    throw new AssertionError("central sent a receipt its own codec refuses", e);
                }
            }));
            watcher.client().subscribe(new MqttSubscription[] {
                    new MqttSubscription("linli/v1/devices/dev-r/ack", 1)}).waitForCompletion(5000);
            long now = System.currentTimeMillis();
            // in a burst, so that the refused one shares its batch with others
            for (long seq = 40_000; seq < 40_000 + 2 * BOUND; seq++) {
                device.publish("linli/v1/devices/dev-r/occupancy", Fuzz.occupancy(now, seq, "classroom", true, 1));
            }
            device.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> stored("dev-r", 40_000, 40_000 + 2 * BOUND - 1)
                    == 2 * BOUND - 1 && counters.refused() - refusedBefore == 1);
            assertEquals(0, stored("dev-r", REFUSED_SEQ, REFUSED_SEQ));

            // more traffic: stored at once, and the refused one does not come back
            for (long seq = 41_000; seq < 41_000 + 2 * BOUND; seq++) {
                device.publish("linli/v1/devices/dev-r/occupancy", Fuzz.occupancy(now, seq, "classroom", false, 0));
            }
            device.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> stored("dev-r", 41_000, 41_000 + 2 * BOUND - 1)
                    == 2 * BOUND);
            await().atMost(Duration.ofSeconds(10)).until(() -> receipted.size() == 4 * BOUND);
            assertTrue(receipted.contains(REFUSED_SEQ), "the device is told to delete it too: " + receipted);
            assertEquals(1, counters.refused() - refusedBefore);
            assertEquals(0, counters.failedBatches() - failedBefore, "no batch left for the broker to send again");
            assertEquals(4 * BOUND, counters.received() - receivedBefore, "the broker sent nothing twice");
            assertEquals(0, counters.duplicates() - duplicatesBefore);
            assertTrue(logged.stream().anyMatch(line -> line.contains("device dev-r") && line.contains("seq "
                    + REFUSED_SEQ) && line.contains("refused for the test")), logged::toString);
        } finally {
            root.removeHandler(capture);
            refuseOne(false);
        }
        String metrics = server.get("/observe/metrics", null).text();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("linli_ingest_refused_total")
                && !line.endsWith(" 0.0")), metrics);
    }

    static final long REFUSED_SEQ = 40_005;

    /**
     * A trigger that makes every insert of a seq in 30,000–30,999 fail, or none. It fails the whole transaction, as
     * SQLite does on an I/O error or a full disk (RAISE(ROLLBACK); RAISE(ABORT) would refuse only the statement, a
     * constraint: the message's own failure, dropped for good). PostgreSQL's RAISE EXCEPTION (SQLState P0001) is not
     * a constraint or a value refused, so the store's failure.
     */
    private static void refuse(boolean on) {
        boolean postgres = server.components().db().dialect() != Dialect.SQLITE;
        List<String> sql;
        if (on) {
            sql = postgres ? List.of("""
                    CREATE FUNCTION refuse_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                    IF NEW.seq BETWEEN 30000 AND 30999 THEN RAISE EXCEPTION 'refused by the test'; END IF;
                    RETURN NEW; END $$""", """
                    CREATE TRIGGER refuse_test BEFORE INSERT ON occupancy_sample FOR EACH ROW
                    EXECUTE FUNCTION refuse_test()""")
                    : List.of("""
                    CREATE TRIGGER refuse_test BEFORE INSERT ON occupancy_sample
                    WHEN NEW.seq BETWEEN 30000 AND 30999 BEGIN SELECT RAISE(ROLLBACK, 'refused by the test'); END""");
        } else {
            sql = postgres ? List.of("DROP TRIGGER refuse_test ON occupancy_sample", "DROP FUNCTION refuse_test()")
                    : List.of("DROP TRIGGER refuse_test");
        }
        execute(sql);
    }

    /** A trigger that refuses dev-r's seq 40,005 as a constraint would (SQLite's RAISE(ABORT), SQLState 23514). */
    private static void refuseOne(boolean on) {
        boolean postgres = server.components().db().dialect() != Dialect.SQLITE;
        List<String> sql;
        if (on) {
            sql = postgres ? List.of("""
                    CREATE FUNCTION refuse_one_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                    IF NEW.device_id = 'dev-r' AND NEW.seq = 40005 THEN
                    RAISE EXCEPTION 'refused for the test' USING ERRCODE = 'check_violation'; END IF;
                    RETURN NEW; END $$""", """
                    CREATE TRIGGER refuse_one_test BEFORE INSERT ON occupancy_sample FOR EACH ROW
                    EXECUTE FUNCTION refuse_one_test()""")
                    : List.of("""
                    CREATE TRIGGER refuse_one_test BEFORE INSERT ON occupancy_sample
                    WHEN NEW.device_id = 'dev-r' AND NEW.seq = 40005
                    BEGIN SELECT RAISE(ABORT, 'refused for the test'); END""");
        } else {
            sql = postgres ? List.of("DROP TRIGGER refuse_one_test ON occupancy_sample",
                    "DROP FUNCTION refuse_one_test()") : List.of("DROP TRIGGER refuse_one_test");
        }
        execute(sql);
    }

    private static void execute(List<String> sql) {
        server.components().db().write(c -> {
            try (Statement st = c.createStatement()) {
                for (String s : sql) {
                    st.execute(s);
                }
            }
            return null;
        });
    }
}
