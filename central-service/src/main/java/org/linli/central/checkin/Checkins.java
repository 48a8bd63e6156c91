package org.linli.central.checkin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.linli.central.auth.Secrets;
import org.linli.central.booking.Booking;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Retiring;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.errors.RuleViolation;
import org.linli.central.events.CheckinEvent;
import org.linli.central.events.EventBus;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.store.Idempotency;
import org.linli.central.store.RandomIds;
import org.linli.protocol.token.TokenType;
import org.linli.protocol.token.Verification;

/** Visits (人次): by resident card, booking token (which marks the booking used) or phone, counted per day. */
public final class Checkins {
    /** How old an offline check-in replayed by a kiosk may be. */
    static final Duration MAX_AGE = Duration.ofDays(7);
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private final Database db;
    private final Catalogue catalogue;
    private final Residents residents;
    private final TokenKeys keys;
    private final EventBus events;
    private final Clock clock;

    public Checkins(Database db, Catalogue catalogue, Residents residents, TokenKeys keys, EventBus events,
            Clock clock) {
        this.db = db;
        this.catalogue = catalogue;
        this.residents = residents;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param token a resident card or booking token, or null
     * @param phone a normalised phone, or null
     * @param at when the visit happened (an offline kiosk replays it later), or null for now
     */
    public record Request(String token, String phone, String service, String activity, Instant at,
            Consent consent) {
    }

    /** A check-in as the API shows it, and whether an earlier try with the same key had made it. */
    public record Checked(Map<String, Object> body, boolean replayed) {
    }

    /**
     * Counts a visit.
     *
     * @param idempotencyKey the same for every try of one check-in (a kiosk's outbox keeps it with the entry), or
     *     null: a key seen before answers the check-in it made, so a visit whose answer was lost counts once
     */
    public Checked checkIn(Hub hub, Request request, String idempotencyKey) {
        // the phone is hashed only when the key was used before (or when the check-in is made)
        Supplier<String> fingerprint = () -> fingerprint(hub, request);
        if (idempotencyKey != null) {
            Optional<Checked> replay = db.read(c -> replay(c, idempotencyKey, fingerprint));
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = clock.instant();
        Instant at = request.at() == null ? now : request.at();
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW)) || at.isBefore(now.minus(MAX_AGE))) {
            throw new RuleViolation("bad-time", "a check-in time must lie within the last "
                    + MAX_AGE.toDays() + " days");
        }
        if (request.service() != null && catalogue.service(request.service())
                .filter(s -> s.hubId().equals(hub.id())).isEmpty()) {
            throw new RuleViolation("unknown-service", "no service " + request.service() + " in this hub");
        }
        Verification verification = request.token() == null ? null : keys.verifyAtKiosk(request.token(), hub.id());
        String requestHash = idempotencyKey == null ? null : fingerprint.get();
        Checked checked = db.write(c -> {
            if (idempotencyKey != null) {
                Optional<Checked> again = replay(c, idempotencyKey, () -> requestHash);
                if (again.isPresent()) {
                    return again.get();
                }
            }
            if (request.service() != null) {
                Retiring.refuseIfRetiredBy(c, "service", request.service(), at);
            }
            if (request.activity() != null && Catalogue.activity(c, request.activity())
                    .filter(a -> a.hubId().equals(hub.id())).isEmpty()) {
                throw new RuleViolation("unknown-activity", "no activity " + request.activity() + " in this hub");
            }
            String kind;
            Long resident = null;
            Booking booking = null;
            Consent consent = request.consent();
            if (request.phone() != null) {
                kind = "phone";
                resident = residents.byPhone(c, request.phone(), consent).id();
            } else if (verification.valid() && verification.token().type() == TokenType.RESIDENT) {
                kind = "resident";
                resident = residents.byCard(c, request.token(), hub.id(), consent).id();
            } else if (verification.valid()) {
                kind = "booking";
                booking = Bookings.markUsed(c, verification.token().subject(), now.getEpochSecond());
                resident = booking.residentId();
            } else {
                throw new RuleViolation("token-not-accepted", "the code is not valid here: "
                        + verification.detail());
            }
            // random: a kiosk rates a check-in by its id, and consecutive ids let a kiosk key rate every one of its
            // hub's (finding M5, found again in the re-check of 2026-12-06)
            long id = RandomIds.unused(c, "checkin");
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO checkin (hub_id, kind, resident_id, booking_id, service_id, activity_id, at_ts, day,
                        idempotency_key, request_hash, id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                st.setString(1, hub.id());
                st.setString(2, kind);
                if (resident == null) {
                    st.setNull(3, Types.INTEGER);
                } else {
                    st.setLong(3, resident);
                }
                if (booking == null) {
                    st.setNull(4, Types.INTEGER);
                } else {
                    st.setLong(4, booking.id());
                }
                st.setString(5, request.service());
                st.setString(6, request.activity());
                st.setLong(7, at.getEpochSecond());
                st.setString(8, LocalDate.ofInstant(at, hub.timezone()).toString());
                st.setString(9, idempotencyKey);
                st.setString(10, requestHash);
                st.setLong(11, id);
                st.executeUpdate();
            }
            return new Checked(body(id, kind, booking == null ? null : booking.id(),
                    booking == null ? null : booking.roomId()), false);
        });
        if (!checked.replayed()) {
            Map<String, Object> result = checked.body();
            events.publish(new CheckinEvent((Long) result.get("id"), hub.id(), (String) result.get("kind"),
                    (Long) result.get("bookingId"), (String) result.get("room"), request.service(),
                    request.activity()));
        }
        return checked;
    }

    private static Map<String, Object> body(long id, String kind, Long bookingId, String room) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("kind", kind);
        if (bookingId != null) {
            body.put("bookingId", bookingId);
            body.put("room", room);
        }
        return body;
    }

    /** The check-in an earlier try with this key made, answered as it was then; 422 for another request. */
    private static Optional<Checked> replay(Connection c, String key, Supplier<String> fingerprint)
            throws SQLException {
        OptionalLong id = Idempotency.earlier(c, "checkin", key, fingerprint, "check-in");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT ch.kind, ch.booking_id, b.room_id FROM checkin ch LEFT JOIN booking b ON b.id = ch.booking_id
                WHERE ch.id = ?""")) {
            st.setLong(1, id.getAsLong());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                String kind = rs.getString(1);
                long bookingId = rs.getLong(2);
                Long booking = rs.wasNull() ? null : bookingId;
                return Optional.of(new Checked(body(id.getAsLong(), kind, booking, rs.getString(3)), true));
            }
        }
    }

    /** What makes two tries the same check-in, with the phone as its keyed hash so that no number is stored. */
    private String fingerprint(Hub hub, Request request) {
        String who = request.phone() != null ? "phone:" + residents.hmac(request.phone()) : "token:" + request.token();
        return Secrets.sha256(String.join("|", hub.id(), who, String.valueOf(request.service()),
                String.valueOf(request.activity()),
                request.at() == null ? "-" : Long.toString(request.at().toEpochMilli())));
    }

    /** The day's visits of a hub: total, by kind, by service, by activity. */
    public Map<String, Object> figures(Hub hub, LocalDate day) {
        return db.read(c -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("hub", hub.id());
            body.put("date", day.toString());
            Map<String, Integer> byKind = new TreeMap<>();
            Map<String, Integer> byService = new TreeMap<>();
            Map<String, Integer> byActivity = new TreeMap<>();
            int total = 0;
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT kind, service_id, activity_id, count(*) FROM checkin WHERE hub_id = ? AND day = ?
                    GROUP BY kind, service_id, activity_id""")) {
                st.setString(1, hub.id());
                st.setString(2, day.toString());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int n = rs.getInt(4);
                        total += n;
                        byKind.merge(rs.getString(1), n, Integer::sum);
                        if (rs.getString(2) != null) {
                            byService.merge(rs.getString(2), n, Integer::sum);
                        }
                        if (rs.getString(3) != null) {
                            byActivity.merge(rs.getString(3), n, Integer::sum);
                        }
                    }
                }
            }
            body.put("total", total);
            body.put("byKind", byKind);
            body.put("byService", byService);
            body.put("byActivity", byActivity);
            return body;
        });
    }
}
