package org.linli.central.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.linli.central.errors.TooManyRequests;

/**
 * Slows down password guessing (finding M6): after {@link #PER_ACCOUNT} wrong passwords for one user name, or
 * {@link #PER_ADDRESS} from one address, within {@link #WINDOW}, further attempts are refused with 429 and
 * {@code Retry-After} until the oldest of them leaves the window, without checking the password. A correct password
 * does not clear an address's count (a guesser may hold one account), but clears the account's. At most
 * {@link #CONCURRENT} bcrypt checks run at once: a flood of logins waits its turn briefly, then gets 429, instead of
 * taking every core of a Pi.
 *
 * <p>Counts live in memory (a restart forgets them, and the bcrypt cost stays); the maps are bounded so that
 * made-up user names cannot fill the heap: the least recently failed entries go first.
 */
public final class LoginThrottle {
    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int CONCURRENT = 2;
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(2);
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Semaphore checks = new Semaphore(CONCURRENT, true);
    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs a password check unless the account or the address is throttled; counts it when it fails.
     *
     * @param address the client's address, as the server sees it
     * @param check throws {@code Unauthorized} for a wrong user name or password
     */
    public <T> T attempt(String username, String address, Supplier<T> check) {
        String account = "u:" + username.toLowerCase(java.util.Locale.ROOT);
        String from = "a:" + address;
        long now = clock.millis();
        refuseIfOver(account, PER_ACCOUNT, now, "too many wrong passwords for this user name");
        refuseIfOver(from, PER_ADDRESS, now, "too many wrong passwords from this address");
        boolean acquired;
        try {
            acquired = checks.tryAcquire(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TooManyRequests("too many sign-ins at once; try again in a moment", Duration.ofSeconds(1));
        }
        try {
            T result = check.get();
            synchronized (failures) {
                failures.remove(account);
            }
            return result;
        } catch (org.linli.central.errors.Unauthorized wrong) {
            synchronized (failures) {
                failures.computeIfAbsent(account, k -> new ArrayDeque<>()).addLast(now);
                failures.computeIfAbsent(from, k -> new ArrayDeque<>()).addLast(now);
            }
            throw wrong;
        } finally {
            checks.release();
        }
    }

    private void refuseIfOver(String key, int limit, long now, String why) {
        long retryAtMs;
        synchronized (failures) {
            Deque<Long> recent = failures.get(key);
            if (recent == null) {
                return;
            }
            while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW.toMillis()) {
                recent.removeFirst();
            }
            if (recent.isEmpty()) {
                failures.remove(key);
                return;
            }
            if (recent.size() < limit) {
                return;
            }
            retryAtMs = recent.peekFirst() + WINDOW.toMillis();
        }
        long seconds = Math.max(1, (retryAtMs - now + 999) / 1000);
        throw new TooManyRequests(why + "; try again in " + seconds + " s", Duration.ofSeconds(seconds));
    }
}
