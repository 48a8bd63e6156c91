package org.linli.central.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.linli.central.errors.Unauthorized;
import org.linli.central.store.Database;
import org.linli.central.store.Forgetting;
import org.linli.central.store.ShortCache;
import org.linli.central.store.Sql;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Who is calling: staff accounts with bcrypt passwords and their sessions, and the bearers of kiosk keys. */
public final class Accounts {
    // Cost 10: tens of milliseconds per login; logins are rare, guesses become expensive. (BCrypt itself, not the
    // PasswordEncoder wrapper, which would drag in commons-logging.)
    private static final int COST = 10;
    // Compared against when the user does not exist, so a wrong name takes as long as a wrong password.
    private static final String DUMMY_HASH = BCrypt.hashpw("no such user", BCrypt.gensalt(COST));

    /** The name a display key's caller has: no staff user name contains a ':'. */
    public static final String DISPLAY_PREFIX = "display:";

    private final Database db;
    private final Clock clock;
    private final Duration sessionLength;
    // Who a bearer hash belongs to, until when (epoch seconds): every kiosk request asks, the answer rarely changes.
    // Cleared by every write to staff and sessions here and by KioskKeys; a session still ends at its own expiry.
    private final ShortCache<String, Bearer> bearers = new ShortCache<>(Duration.ofSeconds(10), 10_000);
    private final KioskUses kioskUses;
    private final Forgetting bearersChanged = new Forgetting("linli_bearers", bearers::clear);

    private record Bearer(Caller caller, long expiresTs) {
    }

    public Accounts(Database db, Clock clock, Duration sessionLength) {
        this.db = db;
        this.clock = clock;
        this.sessionLength = sessionLength;
        this.kioskUses = new KioskUses(db, clock);
    }

    /** Forgets who every bearer is; {@code kiosks.KioskKeys} and {@code displays.DisplayKeys} call it after a change. */
    public void forgetBearers() {
        bearersChanged.forget();
    }

    /**
     * With several central replicas on one database: a change here (a session ended, a key revoked, a password
     * changed) makes every replica forget its cached bearers at once, not within the cache's ten seconds.
     */
    public void shareForgetting(Database shared) {
        bearersChanged.share(shared);
    }

    public void stopSharing() {
        bearersChanged.close();
    }

    public void putStaff(String username, String password, Role role, String hubId) {
        String hash = BCrypt.hashpw(password, BCrypt.gensalt(COST));
        write(c -> Sql.update(c, """
                INSERT INTO staff (username, password_hash, role, hub_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
                    role = excluded.role, hub_id = excluded.hub_id""", username, hash, role.wire(), hubId));
    }

    public boolean hasStaff() {
        return db.read(c -> Sql.number(c, "SELECT count(*) FROM staff") > 0);
    }

    /** A new session token for a correct user name and password. */
    public Session login(String username, String password) {
        record Row(String hash, String role) {
        }
        // a disabled account is as unknown as a name that never existed
        Row row = db.read(c -> Sql.one(c, "SELECT password_hash, role FROM staff WHERE username = ?"
                + " AND disabled_ts IS NULL",
                rs -> new Row(rs.getString(1), rs.getString(2)), username)).orElse(null);
        boolean matches = BCrypt.checkpw(password, row == null ? DUMMY_HASH : row.hash());
        if (row == null || !matches) {
            throw new Unauthorized("the user name or the password is wrong");
        }
        String token = Secrets.random();
        long expires = clock.instant().plus(sessionLength).getEpochSecond();
        write(c -> Sql.update(c, "INSERT INTO staff_session (token_hash, username, expires_ts) VALUES (?, ?, ?)",
                Secrets.sha256(token), username, expires));
        return new Session(token, Role.staff(row.role()));
    }

    public record Session(String token, Role role) {
    }

    /** The caller a bearer secret belongs to: a live staff session or a kiosk key. */
    public Optional<Caller> identify(String bearer) {
        String hash = Secrets.sha256(bearer);
        long now = clock.instant().getEpochSecond();
        Optional<Bearer> cached = bearers.get(hash, () -> lookup(hash, now));
        Optional<Bearer> live = cached.isPresent() && cached.get().expiresTs() > now
                ? cached
                : cached.isPresent() ? lookup(hash, now) : Optional.empty();
        live.filter(b -> b.expiresTs() != Long.MAX_VALUE && b.expiresTs() - now < sessionLength.toSeconds() / 2)
                .ifPresent(b -> renew(hash, now));
        Optional<Caller> caller = live.map(Bearer::caller);
        caller.filter(found -> found.role() == Role.KIOSK).ifPresent(kiosk -> kioskUses.used(kiosk.name()));
        return caller;
    }

    /**
     * A session in use is renewed once half of it has passed, so a page open all day (a counter console, the board
     * on a staff login) keeps working while it is used, and an idle one still ends after auth.session-hours.
     */
    private void renew(String hash, long now) {
        write(c -> Sql.update(c, "UPDATE staff_session SET expires_ts = ? WHERE token_hash = ? AND expires_ts > ?",
                now + sessionLength.toSeconds(), hash, now));
    }

    private Optional<Bearer> lookup(String hash, long now) {
        return db.read(c -> {
            Optional<Bearer> staff = Sql.one(c, """
                    SELECT s.username, s.role, s.hub_id, t.expires_ts FROM staff_session t
                    JOIN staff s ON s.username = t.username
                    WHERE t.token_hash = ? AND t.expires_ts > ? AND s.disabled_ts IS NULL""",
                    rs -> new Bearer(new Caller(
                    Role.staff(rs.getString(2)), rs.getString(1), rs.getString(3)), rs.getLong(4)), hash, now);
            if (staff.isPresent()) {
                return staff;
            }
            Optional<Bearer> kiosk = Sql.one(c, "SELECT id, hub_id FROM kiosk WHERE key_hash = ? AND revoked_ts IS NULL",
                    rs -> new Bearer(new Caller(Role.KIOSK, rs.getString(1), rs.getString(2)), Long.MAX_VALUE), hash);
            if (kiosk.isPresent()) {
                return kiosk;
            }
            // A display key reads as an operator (a screen) or serves as counter staff of its one hub; what it may
            // call is narrowed to its screens' routes by displays.DisplayService's filter, which knows it by its name.
            return Sql.one(c, "SELECT id, hub_id, scope FROM display_key WHERE key_hash = ? AND revoked_ts IS NULL",
                    rs -> new Bearer(new Caller("counter".equals(rs.getString(3)) ? Role.COUNTER : Role.OPERATOR,
                            DISPLAY_PREFIX + rs.getString(1), rs.getString(2)), Long.MAX_VALUE), hash);
        });
    }

    /** Every write to staff, kiosks or sessions goes through here, so no cached bearer outlives a change. */
    private <T> T write(Database.Work<T> work) {
        try {
            return db.write(work);
        } finally {
            forgetBearers();
        }
    }

    /** Ends a staff session at once (sign-out): the token is void on every route from the next request. */
    public boolean logout(String token) {
        String hash = Secrets.sha256(token);
        return write(c -> Sql.update(c, "DELETE FROM staff_session WHERE token_hash = ?", hash)) == 1;
    }

    /** How long a session lasts, for the cookie's lifetime. */
    public Duration sessionLength() {
        return sessionLength;
    }

    /** Deletes expired sessions; run by the daily job. */
    public int purgeSessions() {
        long now = clock.instant().getEpochSecond();
        return write(c -> Sql.update(c, "DELETE FROM staff_session WHERE expires_ts <= ?", now));
    }
}
