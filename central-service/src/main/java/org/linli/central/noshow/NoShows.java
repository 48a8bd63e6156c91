package org.linli.central.noshow;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.linli.central.config.LiveSettings;
import org.linli.central.store.Database;

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
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*) FROM booking_no_show WHERE resident_id = ? AND released_ts >= ?")) {
                st.setLong(1, residentId);
                st.setLong(2, from);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Until when the resident may not book, if the rule blocks them now. */
    public Optional<Instant> blockedUntil(long residentId) {
        if (rule.block().isZero() || recent(residentId) < rule.max()) {
            return Optional.empty();
        }
        long last = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT max(released_ts) FROM booking_no_show WHERE resident_id = ?")) {
                st.setLong(1, residentId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        Instant until = Instant.ofEpochSecond(last).plus(rule.block());
        return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }
}
