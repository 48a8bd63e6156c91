package org.linli.central.residents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.errors.ConsentRequired;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.RuleViolation;
import org.linli.central.store.Database;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.TokenType;
import org.linli.protocol.token.Verification;

/** Residents by phone or by card token. */
public final class Residents {
    private final Database db;
    private final PhoneNumbers phones;
    private final TokenKeys keys;
    private final Clock clock;
    private final Duration cardValidity;

    public Residents(Database db, PhoneNumbers phones, TokenKeys keys, Clock clock, Duration cardValidity) {
        this.db = db;
        this.phones = phones;
        this.keys = keys;
        this.clock = clock;
        this.cardValidity = cardValidity;
    }

    /** The normalised phone or a 400 naming the field. */
    public static String requirePhone(String field, String raw) {
        String normalised = PhoneNumbers.normalise(raw);
        if (normalised == null) {
            throw InvalidInput.field(field, "must be a phone number of 6 to 15 digits");
        }
        return normalised;
    }

    public String hmac(String normalisedPhone) {
        return phones.hmac(normalisedPhone);
    }

    /**
     * Who a request names, with the costly checks done: the phone's keyed hash, or the verified card's resident.
     * Made before a write transaction, so that the one writer does not spend its time hashing and verifying.
     */
    public record Claim(String phoneHmac, String phoneLast4, Long cardResident, long cardIssued, Consent consent) {
    }

    /** The claim of a normalised phone, or else of a card token shown in the hub (422 when the card is refused). */
    public Claim claim(String normalisedPhone, String token, String hubId) {
        return claim(normalisedPhone, Consent.NOT_NEEDED, token, hubId);
    }

    /**
     * As {@link #claim(String, String, String)}, with the consent the request brought: a new phone number without
     * the one its caller needs is refused when the resident would be made ({@link #resolve}).
     */
    public Claim claim(String normalisedPhone, Consent consent, String token, String hubId) {
        if (normalisedPhone != null) {
            return new Claim(phones.hmac(normalisedPhone), PhoneNumbers.last4(normalisedPhone), null, 0, consent);
        }
        Verification v = keys.verifyAtKiosk(token, hubId);
        if (!v.valid() || v.token().type() != TokenType.RESIDENT) {
            throw new RuleViolation("token-not-accepted", v.valid()
                    ? "this is a booking token, not a resident card" : "the card is not valid: " + v.detail());
        }
        return new Claim(null, null, v.token().subject(), v.token().notBefore(), Consent.NOT_NEEDED);
    }

    /** The id of the resident claimed, if they exist yet (a new phone number has none until its first write). */
    public Optional<Long> existingId(Connection c, Claim claim) throws SQLException {
        if (claim.cardResident() != null) {
            return Optional.of(claim.cardResident());
        }
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM resident WHERE phone_hmac = ?")) {
            st.setString(1, claim.phoneHmac());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * The resident claimed, created for a new phone, inside the caller's write transaction; seen now, whether they
     * typed their number or showed their card, so that retention counts from their last visit either way.
     */
    public Resident resolve(Connection c, Claim claim) throws SQLException {
        long now = clock.instant().getEpochSecond();
        if (claim.cardResident() != null) {
            Resident resident = known(c, claim);
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE resident SET last_seen_ts = ? WHERE id = ? AND last_seen_ts < ?")) {
                st.setLong(1, now);
                st.setLong(2, resident.id());
                st.setLong(3, now);
                st.executeUpdate();
            }
            return resident;
        }
        Consent consent = claim.consent();
        if (consent.required() && consent.version() == null && existingId(c, claim).isEmpty()) {
            throw new ConsentRequired(Consent.FIELD, "this phone number is new here: show the privacy notice and"
                    + " send the version the resident agreed to (now " + Consent.NOTICE + ")");
        }
        // A new resident refuses every card issued before they existed: SQLite may give an erased resident's id to
        // the next new one, and the erased resident's card must not open as theirs. A resident's consent is the one
        // given when they were made: a later request does not change it.
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO resident (phone_hmac, phone_last4, created_ts, last_seen_ts, cards_from_ts,
                    consent_version, consent_ts)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (phone_hmac) DO UPDATE SET last_seen_ts = excluded.last_seen_ts
                RETURNING id, phone_last4""")) {
            st.setString(1, claim.phoneHmac());
            st.setString(2, claim.phoneLast4());
            st.setLong(3, now);
            st.setLong(4, now);
            st.setLong(5, now);
            st.setString(6, consent.version());
            if (consent.version() == null) {
                st.setNull(7, java.sql.Types.BIGINT);
            } else {
                st.setLong(7, now);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Resident(rs.getLong(1), rs.getString(2));
            }
        }
    }

    /**
     * The resident a card claims, only read (422 when their data was deleted or the card reported lost): for a
     * lookup that changes nothing, such as listing their bookings.
     */
    public Resident known(Connection c, Claim claim) throws SQLException {
        Resident resident = byId(c, claim.cardResident()).orElseThrow(() -> new RuleViolation(
                "token-not-accepted", "the card belongs to a resident whose data was deleted; ask for a new card"));
        if (claim.cardIssued() < cardsFrom(c, resident.id())) {
            throw new RuleViolation("token-not-accepted",
                    "this card was reported lost or replaced; ask for a new card");
        }
        return resident;
    }

    /** The resident with this phone number, registered now if new. */
    public Resident byPhone(String normalisedPhone, Consent consent) {
        return db.write(c -> byPhone(c, normalisedPhone, consent));
    }

    /** @param consent what the request brought; a new phone number without a version the caller needs is a 422 */
    public Resident byPhone(Connection c, String normalisedPhone, Consent consent) throws SQLException {
        return resolve(c, claim(normalisedPhone, consent, null, null));
    }

    /** The resident a card token names, checked with our own keys, inside the caller's transaction. */
    public Resident byCard(Connection c, String token, String hubId) throws SQLException {
        return resolve(c, claim(null, token, hubId));
    }

    private static long cardsFrom(Connection c, long residentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT cards_from_ts FROM resident WHERE id = ?")) {
            st.setLong(1, residentId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * A lost card: every card of this resident issued before now is refused from now on (finding L3); a card issued
     * afterwards works. Cards issued earlier in the same second are refused too.
     *
     * @return whether the phone belongs to a known resident
     */
    public boolean revokeCards(String normalisedPhone) {
        long from = clock.instant().getEpochSecond() + 1;
        String hmac = phones.hmac(normalisedPhone);
        return db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE resident SET cards_from_ts = ? WHERE phone_hmac = ?")) {
                st.setLong(1, from);
                st.setString(2, hmac);
                return st.executeUpdate() == 1;
            }
        });
    }

    public Optional<Resident> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, phone_last4 FROM resident WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Resident(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** A signed resident card for this resident in this hub; when it was issued is kept (the resident may ask). */
    public Card card(Resident resident, String hubId) {
        // not before the revocation of the resident's earlier cards, which counts from the next second
        Instant now = clock.instant();
        Instant notBefore = db.read(c -> cardsFrom(c, resident.id())) > now.getEpochSecond()
                ? Instant.ofEpochSecond(now.getEpochSecond() + 1) : now;
        Instant expiry = now.plus(cardValidity);
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE resident SET card_issued_ts = ? WHERE id = ?")) {
                st.setLong(1, notBefore.getEpochSecond());
                st.setLong(2, resident.id());
                return st.executeUpdate();
            }
        });
        String token = keys.sign(kid -> AccessToken.resident(kid, resident.id(), hubId, notBefore, expiry));
        return new Card(token, resident.phoneLast4(), expiry);
    }

    public record Card(String token, String phoneLast4, Instant expires) {
    }
}
