package org.linli.central.feedback;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.events.EventBus;
import org.linli.central.events.FeedbackEvent;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/** Ratings 1–5 with an optional short comment, once per ticket, booking or visit. */
public final class Feedbacks {
    private final Database db;
    private final EventBus events;
    private final Clock clock;

    public Feedbacks(Database db, EventBus events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** A rating of the hub itself; {@code key} (the kiosk's idempotency key) makes a resent rating count once. */
    public long rateHub(String hubId, String key, int rating, String comment, Instant at) {
        long id = db.write(c -> insert(c, "hub", key, hubId, rating, comment, at));
        events.publish(new FeedbackEvent(hubId, rating));
        return id;
    }

    /** @param kind ticket, booking or checkin */
    public long rate(String kind, String itemId, int rating, String comment, Instant at,
            java.util.function.Predicate<String> reaches) {
        String table = switch (kind) {
            case "ticket" -> "ticket";
            case "booking" -> "booking";
            default -> "checkin";
        };
        // a booking's or a check-in's id is a whole number (PostgreSQL's bigint refuses "D001" with an error, not a
        // miss); a ticket's is text
        Object key = table.equals("ticket") ? itemId : wholeNumber(itemId)
                .orElseThrow(() -> new RuleViolation("unknown-item", "there is no " + kind + " " + itemId));
        Rated rated = db.write(c -> {
            String hubId = Sql.one(c, "SELECT hub_id FROM " + table + " WHERE id = ?", rs -> rs.getString(1), key)
                    // another hub's item is as unknown as one that does not exist (finding M5)
                    .filter(reaches)
                    .orElseThrow(() -> new RuleViolation("unknown-item", "there is no " + kind + " " + itemId));
            return new Rated(insert(c, kind, itemId, hubId, rating, comment, at), hubId);
        });
        // after the commit: the dashboard's average rating follows
        events.publish(new FeedbackEvent(rated.hubId(), rating));
        return rated.id();
    }

    private record Rated(long id, String hubId) {
    }

    private static Optional<Long> wholeNumber(String id) {
        return id != null && id.matches("\\d{1,18}") ? Optional.of(Long.parseLong(id))
                : Optional.empty();
    }

    /** How long after its service a ticket may be rated from its page on the resident's phone. */
    static final java.time.Duration PHONE_WINDOW = java.time.Duration.ofDays(1);

    /**
     * A resident rates the service of their ticket from the ticket's page on their phone, once it ended as done (not
     * before the service, not a no-show): once per ticket (409 {@code already-rated}, also when the kiosk rated it),
     * within a day of the service. The ticket's id, random and only on the resident's ticket, is the permission.
     */
    public long rateServedTicket(String ticketId, int rating) {
        long now = clock.instant().getEpochSecond();
        record Served(String hubId, String state, Long doneTs) {
        }
        Rated rated = db.write(c -> {
            Served t = Sql.one(c, "SELECT hub_id, state, done_ts FROM ticket WHERE id = ?",
                    rs -> new Served(rs.getString("hub_id"), rs.getString("state"), Sql.nullableLong(rs, "done_ts")),
                    ticketId).orElseThrow(() -> new NotFound("no ticket " + ticketId));
            if (!t.state().equals("done")) {
                throw new RuleViolation("not-served", "a ticket is rated once its service is done");
            }
            if (t.doneTs() == null || now - t.doneTs() > PHONE_WINDOW.toSeconds()) {
                throw new RuleViolation("rating-closed", "a ticket is rated within a day of its service");
            }
            return new Rated(insert(c, "ticket", ticketId, t.hubId(), rating, null, null), t.hubId());
        });
        events.publish(new FeedbackEvent(rated.hubId(), rating));
        return rated.id();
    }

    /** How far back a rating may be dated, as for check-ins: a kiosk's outbox sends late, never a week late. */
    static final java.time.Duration MAX_AGE = java.time.Duration.ofDays(7);

    private long insert(Connection c, String kind, String itemId, String hubId, int rating, String comment,
            Instant at) throws SQLException {
        Instant now = clock.instant();
        if (at != null && (at.isAfter(now.plusSeconds(300)) || at.isBefore(now.minus(MAX_AGE)))) {
            throw org.linli.central.errors.InvalidInput.field("at", "must be within the last 7 days, not later than now");
        }
        return Sql.one(c, """
                INSERT INTO feedback (item_kind, item_id, rating, comment, at_ts, hub_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (item_kind, item_id) DO NOTHING RETURNING id""", rs -> rs.getLong(1), kind, itemId,
                rating, comment, (at == null ? clock.instant() : at).getEpochSecond(), hubId)
                .orElseThrow(() -> new Conflict("already-rated", "Already rated",
                        "this " + kind + " was rated already"));
    }
}
