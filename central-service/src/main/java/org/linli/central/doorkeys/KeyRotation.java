package org.linli.central.doorkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.store.Database;
import org.linli.central.store.SecretFiles;
import org.linli.central.store.Sql;

/**
 * {@code ./linli central keys rotate [--retire-now]}: a new current key with the next id is written to the key file
 * (aside, then moved in, mode 600); the running service takes it in within seconds ({@link TokenKeys#refresh()}) and
 * sends the doors the new key set. Decision 0021.
 *
 * <p>The key that signed until now keeps being accepted while tokens signed with it may still be shown: a booking
 * token until the latest end of a booking not yet ended, or of one that could still be made in the moment before the
 * service takes the new key (the booking rules' days ahead and longest booking), plus {@link #DOOR_CLOCK_MARGIN}; a
 * resident card (kiosks only: cards never open doors) until a card issued now would expire. With {@code retireNow}
 * (a key that may have leaked) it is dropped at once, with any key still retiring (the file held them all), and the
 * answer counts, hub by hub, the bookings not yet ended whose QR no longer opens: staff give residents new ones from
 * the bookings desk (signed with the new key on each request).
 */
public final class KeyRotation {
    /**
     * Beyond the end of the last booking: a door whose clock is behind central's still sees the booking running when
     * central's clock says it has ended, and the key must not leave before the door thinks so too.
     */
    static final Duration DOOR_CLOCK_MARGIN = Duration.ofHours(1);

    /** What a rotation did. */
    public record Result(int oldKid, int newKid, Instant doorsUntil, Instant cardsUntil,
            Map<String, Integer> bookingsLosingTheirQr) {
        public boolean retiredNow() {
            return doorsUntil == null;
        }
    }

    private final Database db;
    private final Clock clock;
    private final Duration cardValidity;

    /** @param cardValidity how long a resident card issued now is valid ({@code residents.card-days}) */
    public KeyRotation(Database db, Clock clock, Duration cardValidity) {
        this.db = db;
        this.clock = clock;
        this.cardValidity = cardValidity;
    }

    /**
     * How far ahead a booking made now may end, by the rooms' own rules: its last day (the day after, as days are the
     * hub's) and its longest length.
     */
    private Duration bookingsAhead() {
        return db.read(c -> Sql.one(c, "SELECT MAX(max_days_ahead), MAX(max_minutes) FROM room",
                rs -> Duration.ofDays(rs.getLong(1) + 1).plusMinutes(rs.getLong(2)))).orElse(Duration.ZERO);
    }

    /**
     * @param file the service's key file; it must exist (the service made it on its first start)
     * @throws IllegalStateException when there is no key file there, naming it
     */
    public Result rotate(Path file, boolean retireNow) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("there is no signing key at " + file
                    + ": start the service on this data directory once, or name the right one with --data DIR");
        }
        try {
            KeyRing ring = TokenKeys.read(file, Files.readAllBytes(file));
            Instant now = clock.instant();
            long nowS = now.getEpochSecond();
            Instant doorsUntil = null;
            Instant cardsUntil = null;
            Map<String, Integer> losing = new LinkedHashMap<>();
            if (retireNow) {
                db.read(c -> Sql.list(c, """
                        SELECT hub_id, COUNT(*) FROM booking
                        WHERE status IN ('active', 'used') AND kind = 'resident' AND end_ts > ?
                        GROUP BY hub_id ORDER BY hub_id""", rs -> losing.put(rs.getString(1), rs.getInt(2)), nowS));
            } else {
                long lastEnd = db.read(c -> Sql.one(c, """
                        SELECT MAX(end_ts) FROM booking
                        WHERE status IN ('active', 'used') AND kind = 'resident' AND end_ts > ?""",
                        rs -> rs.getLong(1), nowS)).orElse(nowS);
                Instant latest = Instant.ofEpochSecond(lastEnd);
                Instant madeNow = now.plus(bookingsAhead());
                doorsUntil = (latest.isAfter(madeNow) ? latest : madeNow).plus(DOOR_CLOCK_MARGIN);
                cardsUntil = now.plus(cardValidity).plus(DOOR_CLOCK_MARGIN);
            }
            KeyRing rotated = ring.rotate(now, doorsUntil, cardsUntil);
            UserPrincipal owner = Files.getOwner(file);
            SecretFiles.write(file, rotated.bytes());
            // run as root (sudo without -u linli), the new file would be root's and the service could not read it
            if (!Files.getOwner(file).equals(owner)) {
                Files.setOwner(file, owner);
            }
            return new Result(ring.current().kid(), rotated.current().kid(), doorsUntil, cardsUntil, losing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the signing key in " + file + ": " + e.getMessage(), e);
        }
    }
}
