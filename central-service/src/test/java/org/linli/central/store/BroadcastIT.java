package org.linli.central.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's LISTEN/NOTIFY between replicas: a replica that has just started listening hears what another one says
 * the moment after (a replica that missed it would keep a stale cache for its whole time to live), and nobody hears
 * their own texts. A replica listens on all its channels through one connection, which it opens again, listening on
 * every channel, when it was lost.
 */
class BroadcastIT {
    private static final int ROUNDS = 20;
    private static final List<String> CHANNELS = List.of("linli_one", "linli_two", "linli_three", "linli_four");
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @BeforeAll
    static void onPostgresql() {
        assumeFalse(Boolean.getBoolean("linli.pg.skip"), "the tests on PostgreSQL are skipped (-Dlinli.pg.skip)");
    }

    @Test
    void aTextSentTheMomentAnotherReplicaStartsListeningReachesIt() throws Exception {
        try (Database first = PostgresDatabase.open(PostgresCluster.shared().newDatabase());
                Broadcast speaker = first.broadcast("linli_test", text -> { }).orElseThrow()) {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch heard = new CountDownLatch(1);
                try (Broadcast listener = first.broadcast("linli_test", text -> heard.countDown()).orElseThrow()) {
                    speaker.send("round " + round);
                    assertTrue(heard.await(5, TimeUnit.SECONDS),
                            "round " + round + ": sent right after the other side began listening, never heard");
                }
            }
        }
    }

    @Test
    void textsArriveInOrderAndNotBackAtTheirSender() throws Exception {
        List<String> echoed = new CopyOnWriteArrayList<>();
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        try (Database db = PostgresDatabase.open(PostgresCluster.shared().newDatabase());
                Broadcast a = db.broadcast("linli_order", echoed::add).orElseThrow();
                Broadcast b = db.broadcast("linli_order", text -> {
                    heard.add(text);
                    all.countDown();
                }).orElseThrow()) {
            a.send("one");
            a.send("two");
            a.send("three");
            assertTrue(all.await(5, TimeUnit.SECONDS), "heard only " + heard);
            assertEquals(List.of("one", "two", "three"), heard);
            assertEquals(List.of(), echoed, "a replica does not hear itself");
        }
    }

    @Test
    void aChannelAddedLaterIsListenedToOnceItsBroadcastIsReturned() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        try (Database db = PostgresDatabase.open(url);
                Broadcast first = db.broadcast("linli_first", text -> { }).orElseThrow();
                Connection other = DriverManager.getConnection(url)) {
            for (int round = 0; round < ROUNDS; round++) {
                String channel = "linli_later_" + (char) ('a' + round);
                CountDownLatch heard = new CountDownLatch(1);
                try (Broadcast later = db.broadcast(channel, text -> heard.countDown()).orElseThrow()) {
                    notify(other, channel, "round " + round);
                    assertTrue(heard.await(5, TimeUnit.SECONDS),
                            channel + ": sent right after it was added, never heard");
                }
            }
        }
    }

    @Test
    void eachChannelDeliversOnlyToItsOwnReceivers() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        Map<String, List<String>> heard = new ConcurrentHashMap<>();
        List<Broadcast> opened = new ArrayList<>();
        try (Database speaking = PostgresDatabase.open(url); Database hearing = PostgresDatabase.open(url)) {
            for (String channel : CHANNELS) {
                opened.add(speaking.broadcast(channel, text -> { }).orElseThrow());
                opened.add(hearing.broadcast(channel, text -> heard.computeIfAbsent(channel,
                        c -> new CopyOnWriteArrayList<>()).add(text)).orElseThrow());
            }
            for (int i = 0; i < CHANNELS.size(); i++) {
                opened.get(2 * i).send("to " + CHANNELS.get(i));
                opened.get(2 * i).send("again to " + CHANNELS.get(i));
            }
            Map<String, List<String>> expected = new TreeMap<>();
            CHANNELS.forEach(c -> expected.put(c, List.of("to " + c, "again to " + c)));
            await().atMost(WITHIN).untilAsserted(() -> assertEquals(expected, new TreeMap<>(heard)));
        } finally {
            opened.forEach(Broadcast::close);
        }
    }

    @Test
    void aClosedBroadcastHearsNothingMoreWhileTheOthersStillDo() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        List<String> kept = new CopyOnWriteArrayList<>();
        List<String> closed = new CopyOnWriteArrayList<>();
        List<String> two = new CopyOnWriteArrayList<>();
        try (PostgresDatabase hearing = PostgresDatabase.open(url);
                Connection other = DriverManager.getConnection(url);
                Broadcast stays = hearing.broadcast("linli_one", kept::add).orElseThrow()) {
            Broadcast goes = hearing.broadcast("linli_one", closed::add).orElseThrow();
            Broadcast onTwo = hearing.broadcast("linli_two", two::add).orElseThrow();
            notify(other, "linli_one", "before");
            await().atMost(WITHIN).until(() -> kept.size() == 1 && closed.size() == 1);

            goes.close();
            notify(other, "linli_one", "after");
            notify(other, "linli_two", "last");
            // the listening thread hands texts over in the order they were sent: "after" was handed over before "last"
            await().atMost(WITHIN).until(() -> two.contains("last"));
            assertEquals(List.of("before", "after"), kept);
            assertEquals(List.of("before"), closed, "a closed broadcast hears nothing more");

            onTwo.close();
            await().atMost(WITHIN).untilAsserted(() -> assertEquals(List.of("linli_one"), listening(hearing),
                    "a channel without receivers is no longer listened to"));
            notify(other, "linli_one", "still heard");
            await().atMost(WITHIN).until(() -> kept.contains("still heard"));
        }
    }

    @Test
    void oneConnectionListensForEveryChannelOfAReplica() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        List<Broadcast> opened = new ArrayList<>();
        try (PostgresDatabase db = PostgresDatabase.open(url); Connection other = DriverManager.getConnection(url)) {
            for (String channel : CHANNELS) {
                opened.add(db.broadcast(channel, text -> { }).orElseThrow());
            }
            assertEquals(1, listeningBackends(other), "backends of this database whose last statement was a LISTEN");
            assertEquals(CHANNELS.stream().sorted().toList(), listening(db));
        } finally {
            opened.forEach(Broadcast::close);
        }
    }

    /**
     * The listening connection killed: every channel hears again, and each receiver is told since when it may have
     * missed texts (the last moment the replica knew it heard everything, before the kill).
     */
    @Test
    void everyChannelHearsAgainAfterTheListeningConnectionWasKilled() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        Map<String, List<String>> heard = new ConcurrentHashMap<>();
        Map<String, Long> missedSince = new ConcurrentHashMap<>();
        List<Broadcast> opened = new ArrayList<>();
        try (PostgresDatabase db = PostgresDatabase.open(url); Connection other = DriverManager.getConnection(url)) {
            for (String channel : CHANNELS) {
                opened.add(db.broadcast(channel, text -> heard.computeIfAbsent(channel,
                        c -> new CopyOnWriteArrayList<>()).add(text), since -> missedSince.put(channel, since))
                        .orElseThrow());
            }
            long listening = System.currentTimeMillis();
            int killed;
            try (Statement st = other.createStatement();
                    ResultSet rows = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND query ILIKE 'LISTEN%'")) {
                rows.next();
                killed = rows.getInt(1);
            }
            long killedAt = System.currentTimeMillis();
            assertEquals(1, killed, "listening connections killed");

            // what is sent while the replica is away is lost: say it again until every channel heard it
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (String channel : CHANNELS) {
                    if (!heard.getOrDefault(channel, List.of()).contains("again")) {
                        notify(other, channel, "again");
                    }
                }
                assertEquals(CHANNELS.stream().sorted().toList(), heard.entrySet().stream()
                        .filter(e -> e.getValue().contains("again")).map(Map.Entry::getKey).sorted().toList());
            });
            assertEquals(1, listeningBackends(other), "listening again on one connection");
            assertEquals(CHANNELS.stream().sorted().toList(), listening(db));
            assertEquals(CHANNELS.stream().sorted().toList(), missedSince.keySet().stream().sorted().toList());
            missedSince.forEach((channel, since) -> assertTrue(since <= killedAt && since >= listening - 60_000,
                    channel + ": missed since " + since + ", killed at " + killedAt));
        } finally {
            opened.forEach(Broadcast::close);
        }
    }

    /**
     * A connection cut without a word (a network gone, a firewall dropping it): waiting for notifications sends
     * nothing, so only asking the server tells the replica it no longer hears anything.
     */
    @Test
    void aListeningConnectionCutWithoutAWordIsOpenedAgain() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (SilentCut cut = new SilentCut(PostgresCluster.shared().port());
                PostgresDatabase db = PostgresDatabase.open(url.replace(":" + PostgresCluster.shared().port() + "/",
                        ":" + cut.port() + "/"));
                Broadcast listener = db.broadcast("linli_cut", heard::add).orElseThrow();
                Connection other = DriverManager.getConnection(url)) {
            notify(other, "linli_cut", "before");
            await().atMost(WITHIN).until(() -> heard.contains("before"));
            cut.silenceEveryConnection();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                notify(other, "linli_cut", "after");
                assertTrue(heard.contains("after"), "heard only " + heard);
            });
        }
    }

    /** Sends as another replica would (its own origin before the text). */
    private static void notify(Connection connection, String channel, String text) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, channel);
            st.setString(2, "another-replica " + text);
            st.execute();
        }
    }

    private static int listeningBackends(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rows = st.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query ILIKE 'LISTEN%'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The channels the replica's listening connection listens on, as the server says. */
    private static List<String> listening(PostgresDatabase db) throws InterruptedException {
        return db.channels().listening(5_000);
    }
}
