package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
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
import org.linli.central.ingest.RefusingTrigger;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
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
        // every insert of a seq in 30,000-30,999 fails the whole transaction, as a full disk would
        RefusingTrigger refusing = RefusingTrigger.asTheStore(server.components().db(), "refuse_test",
                "NEW.seq BETWEEN 30000 AND 30999", "refused by the test");
        long now = System.currentTimeMillis();
        long refused = 2 * BOUND;
        try {
            for (long seq = 30_000; seq < 30_000 + refused; seq++) {
                device.publish("linli/v1/devices/dev-a/occupancy", Fuzz.occupancy(now, seq, "studio", true, 2));
            }
            device.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> counters.failedBatches() - failedBefore >= 2);
        } finally {
            refusing.drop();
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
        RefusingTrigger refusing = RefusingTrigger.asAConstraint(server.components().db(), "refuse_one_test",
                "NEW.device_id = 'dev-r' AND NEW.seq = " + REFUSED_SEQ, "refused for the test");
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
            refusing.drop();
        }
        String metrics = server.get("/observe/metrics", null).text();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("linli_ingest_refused_total")
                && !line.endsWith(" 0.0")), metrics);
    }

    static final long REFUSED_SEQ = 40_005;
}
