package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many clients asking for one slot at the same moment: exactly one booking is made and every other is refused as
 * taken. For one service (DoubleBookingIT), two in one JVM (TwoReplicasIT) and two programs (e2e's
 * TwoCentralProcessesIT, through central's test jar: nothing here but the JDK and JUnit).
 */
public final class BookingRace {
    private BookingRace() {
    }

    /**
     * Lets the clients go together and tallies their answers.
     *
     * @param client the booking request of client {@code n} (0 to clients - 1), answering its HTTP status
     * @param what named in a failure (a round, the replicas)
     */
    public static void exactlyOneWins(int clients, IntFunction<Callable<Integer>> client, String what)
            throws Exception {
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            for (int n = 0; n < clients; n++) {
                Callable<Integer> request = client.apply(n);
                answers.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            int won = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                won += status == 201 ? 1 : 0;
                refused += status == 409 ? 1 : 0;
            }
            assertEquals(1, won, what + ": bookings made");
            assertEquals(clients - 1, refused, what + ": bookings refused as taken");
        }
    }
}
