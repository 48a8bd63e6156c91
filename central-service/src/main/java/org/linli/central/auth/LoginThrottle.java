package org.linli.central.auth;

import java.time.Clock;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.linli.central.errors.TooManyRequests;
import org.linli.central.store.Database;

/**
 * Slows down password guessing (finding M6): after {@link #PER_ACCOUNT} wrong passwords for one user name, or
 * {@link #PER_ADDRESS} from one address, within {@link #WINDOW}, further attempts are refused with 429 and
 * {@code Retry-After} until the oldest of them leaves the window, without checking the password; the count is taken
 * again once a check's turn comes, so guesses sent at once get no more checks than the limit plus the one that may run
 * beside the last. A correct password does not clear an address's count (a guesser may hold one account), but clears
 * the account's. At most {@link #CONCURRENT} bcrypt checks run at once: a flood of logins waits its turn briefly, then
 * gets 429, instead of taking every core of a Pi. A password checked again by someone signed in (to change it,
 * {@link #matches}) counts as a sign-in of that account from that address: a stolen session guesses no faster than
 * the sign-in page allows, and takes its turn for the same bcrypt slots.
 *
 * <p>Counts live in the database (table {@code login_failure}), so that central replicas sharing it count the same
 * attempts (a guesser gets no more tries by spreading them over replicas) and a restart forgets nothing; rows leave
 * once out of the window, so made-up user names cannot fill it. The bcrypt slots are per process (they guard its
 * cores).
 */
public final class LoginThrottle {
    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int CONCURRENT = 2;
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(2);

    private final Database db;
    private final Clock clock;
    private final Duration queueWait;
    private final Semaphore checks = new Semaphore(CONCURRENT, true);

    public LoginThrottle(Database db, Clock clock) {
        this(db, clock, QUEUE_WAIT);
    }

    /** @param queueWait how long a sign-in waits for a free bcrypt slot before it is refused (a test's own) */
    LoginThrottle(Database db, Clock clock, Duration queueWait) {
        this.db = db;
        this.clock = clock;
        this.queueWait = queueWait;
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
            acquired = checks.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TooManyRequests("too many sign-ins at once; try again in a moment", Duration.ofSeconds(1));
        }
        try {
            // Counted again in turn: guesses sent all at once each passed the count above before any of them
            // failed, and would otherwise all be checked (ten of twelve were, against a limit of five).
            refuseIfOver(account, PER_ACCOUNT, now, "too many wrong passwords for this user name");
            refuseIfOver(from, PER_ADDRESS, now, "too many wrong passwords from this address");
            T result = check.get();
            db.write(c -> {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM login_failure WHERE who = ?")) {
                    st.setString(1, account);
                    return st.executeUpdate();
                }
            });
            return result;
        } catch (org.linli.central.errors.Unauthorized wrong) {
            failed(now, account, from);
            throw wrong;
        } finally {
            checks.release();
        }
    }

    /**
     * Checks a password of a signed-in member of staff as {@link #attempt} checks a sign-in: refused with 429 while the
     * account or the address is throttled, counted when wrong.
     *
     * @param matches whether the password is the account's (the bcrypt check)
     * @return whether it was
     */
    public boolean matches(String username, String address, BooleanSupplier matches) {
        try {
            return attempt(username, address, () -> {
                if (!matches.getAsBoolean()) {
                    throw new org.linli.central.errors.Unauthorized("wrong password");
                }
                return true;
            });
        } catch (org.linli.central.errors.Unauthorized wrong) {
            return false;
        }
    }

    /** Counts a wrong password for each key; what has left the window goes at the same time. */
    private void failed(long now, String... keys) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM login_failure WHERE at_ms <= ?")) {
                st.setLong(1, now - WINDOW.toMillis());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO login_failure (who, at_ms) VALUES (?, ?)")) {
                for (String key : keys) {
                    st.setString(1, key);
                    st.setLong(2, now);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    private void refuseIfOver(String key, int limit, long now, String why) {
        long[] countAndOldest = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT COUNT(*), MIN(at_ms) FROM login_failure WHERE who = ? AND at_ms > ?")) {
                st.setString(1, key);
                st.setLong(2, now - WINDOW.toMillis());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
        if (countAndOldest[0] < limit) {
            return;
        }
        long retryAtMs = countAndOldest[1] + WINDOW.toMillis();
        long seconds = Math.max(1, (retryAtMs - now + 999) / 1000);
        throw new TooManyRequests(why + "; try again in " + seconds + " s", Duration.ofSeconds(seconds));
    }
}
