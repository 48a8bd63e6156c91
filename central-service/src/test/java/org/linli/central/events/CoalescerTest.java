package org.linli.central.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A burst of changes is published a few times with the latest state, never losing the last change. */
class CoalescerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void publishesTheFirstChangeAfterAQuietPeriodAtOnce() throws InterruptedException {
        CountDownLatch published = new CountDownLatch(1);
        // a period far longer than the wait: the first change must not wait for it
        Coalescer<String> coalescer = new Coalescer<>(executor, Duration.ofMinutes(5), hub -> published.countDown());
        coalescer.mark("wutong66");
        assertTrue(published.await(30, TimeUnit.SECONDS));
    }

    @Test
    void aBurstIsPublishedOncePerPeriodAndTheLastStateAlwaysArrives() throws Exception {
        AtomicInteger state = new AtomicInteger();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        int last = 20_000;
        CountDownLatch lastSeen = new CountDownLatch(1);
        Coalescer<String> coalescer = new Coalescer<>(executor, Duration.ofMillis(50), hub -> {
            int value = state.get();
            seen.add(value);
            if (value == last) {
                lastSeen.countDown();
            }
        });
        Thread[] writers = new Thread[4];
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < writers.length; w++) {
            writers[w] = Thread.ofPlatform().start(() -> {
                for (int v = next.incrementAndGet(); v <= last; v = next.incrementAndGet()) {
                    state.accumulateAndGet(v, Math::max);
                    coalescer.mark("wutong66");
                }
            });
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertTrue(lastSeen.await(5, TimeUnit.SECONDS), "the last change was never published: " + seen);
        assertTrue(seen.size() < 1_000, "published " + seen.size() + " times for " + last + " changes");
        assertEquals(last, seen.get(seen.size() - 1));
    }

    @Test
    void eachKeyIsPublishedForItself() throws InterruptedException {
        List<String> published = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        Coalescer<String> coalescer = new Coalescer<>(executor, Duration.ofMillis(100), hub -> {
            // "a" may well be published twice (once at once, once in the next period): count each key once
            boolean first = !published.contains(hub);
            published.add(hub);
            if (first) {
                both.countDown();
            }
        });
        coalescer.mark("a");
        coalescer.mark("b");
        coalescer.mark("a");
        assertTrue(both.await(5, TimeUnit.SECONDS));
        assertTrue(published.containsAll(List.of("a", "b")), published.toString());
    }
}
