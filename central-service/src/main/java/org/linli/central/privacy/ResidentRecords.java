package org.linli.central.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.linli.central.catalogue.Name;
import org.linli.central.noshow.NoShows;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * A resident's data, read by the phone number they give at a counter: looking them up never registers them, so a
 * number Linli does not know stays unknown.
 */
public final class ResidentRecords {
    /** The ratings of the resident's visits: a rating holds no resident, only the booking, ticket or check-in. */
    static final String RATED = """
            (item_kind = 'booking' AND item_id IN (SELECT CAST(id AS TEXT) FROM booking WHERE resident_id = ?))
            OR (item_kind = 'ticket' AND item_id IN (SELECT id FROM ticket WHERE resident_id = ?))
            OR (item_kind = 'checkin' AND item_id IN (SELECT CAST(id AS TEXT) FROM checkin WHERE resident_id = ?))""";
    /** A sign-up that still holds or waits for a place in an activity not over and not called off. */
    static final String UPCOMING_SIGNUP = "s.status IN ('confirmed', 'waitlisted') AND a.end_ts > ?"
            + " AND a.cancelled_ts IS NULL";

    private final Database db;
    private final Residents residents;
    private final NoShows noShows;
    private final Clock clock;
    private final Duration retention;

    public ResidentRecords(Database db, Residents residents, NoShows noShows, Clock clock, Duration retention) {
        this.db = db;
        this.residents = residents;
        this.noShows = noShows;
        this.clock = clock;
        this.retention = retention;
    }

    /** The resident of a normalised phone number, if Linli knows them. */
    public Optional<Long> idOf(String normalisedPhone) {
        Residents.Claim claim = residents.claim(normalisedPhone, null, null);
        return db.read(c -> residents.existingId(c, claim));
    }

    /**
     * What is kept about the resident.
     *
     * @param listed whether bookings and sign-ups of a hub are listed (the asker reaches it)
     */
    public Optional<ResidentRecord> read(long id, Predicate<String> listed) {
        long now = clock.instant().getEpochSecond();
        ResidentRecord.NoShowStanding standing = standing(id);
        return db.read(c -> {
            Optional<Row> row = Sql.one(c, "SELECT phone_last4, created_ts, last_seen_ts, card_issued_ts,"
                    + " cards_from_ts, consent_version, consent_ts FROM resident WHERE id = ?",
                    rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), Sql.nullableLong(rs, "card_issued_ts"),
                            rs.getLong(5), rs.getString(6), Sql.nullableLong(rs, "consent_ts")), id);
            return row.isEmpty() ? Optional.<ResidentRecord>empty()
                    : Optional.of(record(c, id, row.get(), now, listed, standing));
        });
    }

    private record Row(String last4, long created, long lastSeen, Long cardIssued, long cardsFrom,
            String consentVersion, Long consentTs) {
    }

    private ResidentRecord record(Connection c, long id, Row row, long now, Predicate<String> listed,
            ResidentRecord.NoShowStanding standing) throws SQLException {
        List<ResidentRecord.BookingLine> bookings = Sql.list(c, """
                SELECT b.id, b.hub_id, b.room_id, r.name_zh, r.name_en, b.start_ts, b.end_ts, b.status
                FROM booking b JOIN room r ON r.id = b.room_id
                WHERE b.resident_id = ? AND b.status = 'active' AND b.end_ts > ? ORDER BY b.start_ts, b.id""",
                rs -> new ResidentRecord.BookingLine(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new Name(rs.getString(4), rs.getString(5)), Instant.ofEpochSecond(rs.getLong(6)),
                        Instant.ofEpochSecond(rs.getLong(7)), rs.getString(8)), id, now);
        int allBookings = Sql.number(c, "SELECT count(*) FROM booking WHERE resident_id = ?", id);
        List<ResidentRecord.SignupLine> signups = Sql.list(c, "SELECT s.id, a.id, a.hub_id, a.title_zh, a.title_en,"
                + " a.start_ts, s.status FROM activity_signup s JOIN activity a ON a.id = s.activity_id"
                + " WHERE s.resident_id = ? AND " + UPCOMING_SIGNUP + " ORDER BY a.start_ts, s.id",
                rs -> new ResidentRecord.SignupLine(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new Name(rs.getString(4), rs.getString(5)), Instant.ofEpochSecond(rs.getLong(6)),
                        rs.getString(7)), id, now);
        int allSignups = Sql.number(c, "SELECT count(*) FROM activity_signup WHERE resident_id = ?", id);
        int checkins = Sql.number(c, "SELECT count(*) FROM checkin WHERE resident_id = ?", id);
        int tickets = Sql.number(c, "SELECT count(*) FROM ticket WHERE resident_id = ?", id);
        int ratings = Sql.number(c, "SELECT count(*) FROM feedback WHERE " + RATED, id, id, id);
        boolean revoked = row.cardIssued() != null && row.cardsFrom() > row.cardIssued();
        Instant lastSeen = Instant.ofEpochSecond(row.lastSeen());
        return new ResidentRecord(id, row.last4(), Instant.ofEpochSecond(row.created()), lastSeen,
                lastSeen.plus(retention), new ResidentRecord.Consent(row.consentVersion(),
                        row.consentTs() == null ? null : Instant.ofEpochSecond(row.consentTs())),
                new ResidentRecord.Card(row.cardIssued() == null ? null : Instant.ofEpochSecond(row.cardIssued()),
                        revoked),
                counts(bookings, allBookings, ResidentRecord.BookingLine::hubId, listed),
                bookings.stream().filter(b -> listed.test(b.hubId())).toList(),
                counts(signups, allSignups, ResidentRecord.SignupLine::hubId, listed),
                signups.stream().filter(s -> listed.test(s.hubId())).toList(),
                checkins, tickets, ratings, standing);
    }

    private static <T> ResidentRecord.Counts counts(List<T> upcoming, int all,
            java.util.function.Function<T, String> hub, Predicate<String> listed) {
        int elsewhere = (int) upcoming.stream().filter(item -> !listed.test(hub.apply(item))).count();
        return new ResidentRecord.Counts(upcoming.size(), all - upcoming.size(), elsewhere);
    }

    private ResidentRecord.NoShowStanding standing(long id) {
        return new ResidentRecord.NoShowStanding(noShows.recent(id), noShows.rule().max(),
                noShows.rule().window().toDays(), noShows.blockedUntil(id).orElse(null),
                noShows.liftedAt(id).orElse(null));
    }
}
