package org.linli.central.residents;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import org.linli.central.auth.Accounts;
import org.linli.central.store.Database;

/**
 * The daily PIPL job: residents not seen within the retention period are deleted (their bookings, tickets and
 * check-ins stay as anonymous counts), and old feedback comments, phone endings, booking purposes and the reasons
 * staff typed for a cancellation or a door command are blanked.
 */
public final class Retention {
    private static final System.Logger LOG = System.getLogger(Retention.class.getName());
    private final Database db;
    private final Accounts accounts;
    private final Clock clock;
    private final Duration retention;

    public Retention(Database db, Accounts accounts, Clock clock, Duration retention) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
        this.retention = retention;
    }

    /** @return how many residents were deleted */
    public int run() {
        long cutoff = clock.instant().minus(retention).getEpochSecond();
        int deleted = db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    // the purpose is free text a resident typed ("Zhang family"), and a cancel reason one staff
                    // typed ("Mr Wang called in sick"): personal data too (finding L4)
                    "UPDATE booking SET phone_last4 = NULL, purpose = '', cancel_reason = NULL WHERE end_ts < ?"
                            + " AND (phone_last4 IS NOT NULL OR purpose <> '' OR cancel_reason IS NOT NULL)")) {
                st.setLong(1, cutoff);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    // a door command's reason likewise ("let Mr Wang in"); who sent which command when stays
                    "UPDATE device_command SET reason = '' WHERE sent_ts < ? AND reason <> ''")) {
                st.setLong(1, cutoff);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE feedback SET comment = NULL WHERE at_ts < ? AND comment IS NOT NULL")) {
                st.setLong(1, cutoff);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM resident WHERE last_seen_ts < ?")) {
                st.setLong(1, cutoff);
                return st.executeUpdate();
            }
        });
        int sessions = accounts.purgeSessions();
        LOG.log(Level.INFO, "retention: deleted " + deleted + " residents not seen for " + retention.toDays()
                + " days and " + sessions + " expired staff sessions");
        return deleted;
    }
}
