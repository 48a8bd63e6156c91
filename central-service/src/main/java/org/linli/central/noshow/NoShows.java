package org.linli.central.noshow;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.linli.central.config.LiveSettings;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * The per-resident no-show rule, across all resources of all hubs (docs/decisions/0024): released bookings, queue
 * tickets a counter marked no-show (one put back in the queue is not one) and sign-ups of activities the resident did
 * not check in to ({@link SignupNoShows}) count alike; {@code max} of them within {@code window} block new bookings
 * and sign-ups until {@code block} after the last of them. Queue tickets are never refused. Staff may lift a block:
 * the no-shows up to then, of every kind, no longer count.
 */
public final class NoShows {
    /** What a resident did not come to. */
    public enum Kind {
        BOOKINGS, TICKETS, SIGNUPS;

        /** The name in the API. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // Every no-show of a resident, with when it happened: a booking when released, a ticket when the counter marked
    // it (done_ts is empty when a ticket of an earlier day was marked: then when it was called), a sign-up when its
    // activity ended, unless the activity was called off or a check-in for it arrived late (an offline kiosk's).
    private static final String MISSED = """
            SELECT 'bookings' AS kind, n.released_ts AS ts FROM booking_no_show n WHERE n.resident_id = ?
            UNION ALL
            SELECT 'tickets', COALESCE(t.done_ts, t.called_ts) FROM ticket t
            WHERE t.resident_id = ? AND t.state = 'no_show'
            UNION ALL
            SELECT 'signups', n.missed_ts FROM signup_no_show n JOIN activity a ON a.id = n.activity_id
            WHERE n.resident_id = ? AND a.cancelled_ts IS NULL AND NOT EXISTS (SELECT 1 FROM checkin k
                WHERE k.activity_id = n.activity_id AND k.resident_id = n.resident_id)""";
    // those since the last lift, within the window, by kind
    private static final String COUNTED = "SELECT m.kind, count(*), max(m.ts) FROM (" + MISSED + ") m"
            + " WHERE m.ts >= ? AND m.ts > (SELECT no_shows_lifted_ts FROM resident WHERE id = ?) GROUP BY m.kind";

    private final Database db;
    private final LiveSettings.NoShowRule rule;
    private final Clock clock;

    public NoShows(Database db, LiveSettings.NoShowRule rule, Clock clock) {
        this.db = db;
        this.rule = rule;
        this.clock = clock;
    }

    public LiveSettings.NoShowRule rule() {
        return rule;
    }

    /** A resident's counted no-shows by kind (every kind present), and when the last of them happened. */
    public record Counted(Map<Kind, Integer> byKind, Optional<Instant> last) {
        public int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** No-shows of a resident within the rule's window (since staff last lifted a block), by kind. */
    public Counted counted(long residentId) {
        return db.read(c -> counted(c, residentId));
    }

    private Counted counted(Connection c, long residentId) throws SQLException {
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, 0);
        }
        long last = 0;
        List<Object[]> rows = Sql.list(c, COUNTED, rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3)},
                residentId, residentId, residentId, windowStart(), residentId);
        for (Object[] row : rows) {
            byKind.put(Kind.valueOf(((String) row[0]).toUpperCase(Locale.ROOT)), (Integer) row[1]);
            last = Math.max(last, (Long) row[2]);
        }
        return new Counted(byKind, last == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(last)));
    }

    /** No-shows of a resident within the rule's window (since staff last lifted a block), of every kind. */
    public int recent(long residentId) {
        return counted(residentId).total();
    }

    /** Until when the resident may not book nor sign up, if the rule blocks them now. */
    public Optional<Instant> blockedUntil(long residentId) {
        return db.read(c -> blockedUntil(c, residentId));
    }

    /** As {@link #blockedUntil(long)}, inside the caller's transaction. */
    public Optional<Instant> blockedUntil(Connection c, long residentId) throws SQLException {
        if (rule.block().isZero()) {
            return Optional.empty();
        }
        Counted counted = counted(c, residentId);
        if (counted.total() < rule.max()) {
            return Optional.empty();
        }
        Instant until = counted.last().orElseThrow().plus(rule.block());
        return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /** When staff last lifted the resident's block, if ever. */
    public Optional<Instant> liftedAt(long residentId) {
        return db.read(c -> Sql.one(c, "SELECT no_shows_lifted_ts FROM resident WHERE id = ?", rs -> rs.getLong(1),
                residentId)).filter(ts -> ts > 0).map(Instant::ofEpochSecond);
    }

    /**
     * Lifts the resident's block: the no-shows of every kind up to now stop counting, so they may book and sign up
     * again at once. The no-shows themselves stay (the hub's figures count them).
     *
     * @return whether the rule blocked them until now
     */
    public boolean lift(long residentId) {
        boolean blocked = blockedUntil(residentId).isPresent();
        long now = clock.instant().getEpochSecond();
        db.write(c -> Sql.update(c, "UPDATE resident SET no_shows_lifted_ts = ? WHERE id = ?", now, residentId));
        return blocked;
    }

    private long windowStart() {
        return clock.instant().minus(rule.window()).getEpochSecond();
    }
}
