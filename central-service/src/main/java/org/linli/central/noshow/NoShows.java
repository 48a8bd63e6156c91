package org.linli.central.noshow;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.linli.central.config.LiveSettings;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * The per-resident no-show rule, across all rooms of all hubs: {@code max} released bookings within {@code window}
 * block new bookings until {@code block} after the last of them.
 */
public final class NoShows {
    private final Database db;
    private final LiveSettings.NoShowRule rule;
    private final Clock clock;

    public NoShows(Database db, LiveSettings.NoShowRule rule, Clock clock) {
        this.db = db;
        this.rule = rule;
        this.clock = clock;
    }

    /** No-shows of a resident within the rule's window. */
    public int recent(long residentId) {
        long from = clock.instant().minus(rule.window()).getEpochSecond();
        return db.read(c -> Sql.number(c,
                "SELECT count(*) FROM booking_no_show WHERE resident_id = ? AND released_ts >= ?", residentId, from));
    }

    /** Until when the resident may not book, if the rule blocks them now. */
    public Optional<Instant> blockedUntil(long residentId) {
        if (rule.block().isZero() || recent(residentId) < rule.max()) {
            return Optional.empty();
        }
        long last = db.read(c -> Sql.one(c, "SELECT max(released_ts) FROM booking_no_show WHERE resident_id = ?",
                rs -> rs.getLong(1), residentId)).orElse(0L);
        Instant until = Instant.ofEpochSecond(last).plus(rule.block());
        return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }
}
