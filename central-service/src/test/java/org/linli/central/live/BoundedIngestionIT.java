package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.ingest.IngestCounters;
import org.linli.central.store.Dialect;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Ingestion with a small bound on messages in flight ({@code live.receive-maximum} 20): what is dropped or fails to
 * be stored must not keep its place in the bound, or that many bad messages would stop ingestion for good.
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
        return server.components().db().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM occupancy_sample WHERE"
                    + " device_id = 'dev-a' AND seq BETWEEN " + fromSeq + " AND " + toSeq)) {
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

    /** A trigger that makes every insert of a seq in 30,000–30,999 fail, or none. */
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
                    WHEN NEW.seq BETWEEN 30000 AND 30999 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END""");
        } else {
            sql = postgres ? List.of("DROP TRIGGER refuse_test ON occupancy_sample", "DROP FUNCTION refuse_test()")
                    : List.of("DROP TRIGGER refuse_test");
        }
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
