package org.linli.central.noshow;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.linli.central.config.LiveSettings;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * The per-resident no-show rule, across all rooms of all hubs: {@code max} released bookings within {@code window}
 * block new bookings until {@code block} after the last of them. Staff may lift a block: the no-shows released up to
 * then no longer count.
 */
public final class NoShows {
    // no-shows since the last lift, within the window
    private static final String COUNTED = """
            FROM booking_no_show n JOIN resident r ON r.id = n.resident_id
            WHERE n.resident_id = ? AND n.released_ts >= ? AND n.released_ts > r.no_shows_lifted_ts""";

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

    /** No-shows of a resident within the rule's window (since staff last lifted a block). */
    public int recent(long residentId) {
        return db.read(c -> Sql.number(c, "SELECT count(*) " + COUNTED, residentId, windowStart()));
    }

    /** Until when the resident may not book, if the rule blocks them now. */
    public Optional<Instant> blockedUntil(long residentId) {
        if (rule.block().isZero() || recent(residentId) < rule.max()) {
            return Optional.empty();
        }
        long last = db.read(c -> Sql.one(c, "SELECT max(n.released_ts) " + COUNTED, rs -> rs.getLong(1), residentId,
                windowStart())).orElse(0L);
        Instant until = Instant.ofEpochSecond(last).plus(rule.block());
        return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /** When staff last lifted the resident's block, if ever. */
    public Optional<Instant> liftedAt(long residentId) {
        return db.read(c -> Sql.one(c, "SELECT no_shows_lifted_ts FROM resident WHERE id = ?", rs -> rs.getLong(1),
                residentId)).filter(ts -> ts > 0).map(Instant::ofEpochSecond);
    }

    /**
     * Lifts the resident's block: the no-shows released until now stop counting, so they may book again at once.
     * The no-shows themselves stay (the hub's figures count them).
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
