package org.linli.central.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.errors.TooManyRequests;
import org.linli.central.store.SqliteDatabase;

/**
 * The throttle's cap on password checks at once ({@link LoginThrottle#CONCURRENT}): each check here is a bcrypt
 * stand-in that holds its slot until the test lets it go, so what runs at once is counted, not timed. Each sign-in
 * comes from its own account and address, so the counts of wrong passwords play no part.
 */
class LoginThrottleTest {
    @TempDir
    Path dir;
    SqliteDatabase db;
    final List<Thread> signIns = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
    }

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        for (Thread signIn : signIns) {
            signIn.join(Duration.ofSeconds(30));
        }
        db.close();
    }

    /**
     * A sign-in on a thread of its own whose password check takes its slot until {@link #release}, counting how many
     * ran at once; its answer, or what refused it, completes {@code result}.
     */
    private CompletableFuture<String> signIn(LoginThrottle throttle, int n) {
        CompletableFuture<String> result = new CompletableFuture<>();
        signIns.add(Thread.ofPlatform().name("sign-in-" + n).start(() -> {
            try {
                result.complete(throttle.attempt("user-" + n, "10.0.0." + n, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        running.decrementAndGet();
                    }
                    return "checked";
                }));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    @Test
    void atMostTwoPasswordChecksRunAtOnceAndAThirdWaitsForAFreeSlot() throws Exception {
        LoginThrottle throttle = new LoginThrottle(db, Clock.systemUTC(), Duration.ofMinutes(1));
        List<CompletableFuture<String>> attempts = IntStream.rangeClosed(1, LoginThrottle.CONCURRENT + 1)
                .mapToObj(n -> signIn(throttle, n)).toList();
        // two checks hold their slots (parked without a timeout), the third waits for one (parked with its timeout)
        await("two checks run and a third waits for a slot").atMost(Duration.ofSeconds(10)).until(() ->
                running.get() == LoginThrottle.CONCURRENT
                        && signIns.stream().anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        assertEquals(LoginThrottle.CONCURRENT, most.get(), "a third check started beside two");

        release.countDown();
        for (CompletableFuture<String> attempt : attempts) {
            assertEquals("checked", attempt.get(30, TimeUnit.SECONDS), "each in its turn");
        }
        assertEquals(LoginThrottle.CONCURRENT, most.get(), "checks at once, at most");
    }

    @Test
    void aSignInThatWaitsPastTheLimitForASlotIsRefusedWithRetryAfter() throws Exception {
        // two seconds in service; a fifth of a second here, so that the test waits no longer than it must
        LoginThrottle throttle = new LoginThrottle(db, Clock.systemUTC(), Duration.ofMillis(200));
        List<CompletableFuture<String>> held = IntStream.rangeClosed(1, LoginThrottle.CONCURRENT)
                .mapToObj(n -> signIn(throttle, n)).toList();
        await("two checks hold both slots").atMost(Duration.ofSeconds(10))
                .until(() -> running.get() == LoginThrottle.CONCURRENT);

        TooManyRequests refused = assertThrows(TooManyRequests.class, () -> throttle.attempt("user-3", "10.0.0.3",
                () -> fail("a third check ran beside two")));
        // answered 429 with Retry-After: 1 (web.Problems), the password never checked
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        assertTrue(refused.getMessage().contains("too many sign-ins at once"), refused.getMessage());

        release.countDown();
        for (CompletableFuture<String> attempt : held) {
            assertEquals("checked", attempt.get(30, TimeUnit.SECONDS));
        }
        assertEquals("free again", throttle.attempt("user-3", "10.0.0.3", () -> "free again"));
        assertEquals(LoginThrottle.CONCURRENT, most.get());
    }
}
