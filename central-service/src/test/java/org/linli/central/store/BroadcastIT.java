package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's LISTEN/NOTIFY between replicas: a replica that has just started listening hears what another one says
 * the moment after (a replica that missed it would keep a stale cache for its whole time to live), and nobody hears
 * their own texts.
 */
class BroadcastIT {
    private static final int ROUNDS = 20;

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
}
