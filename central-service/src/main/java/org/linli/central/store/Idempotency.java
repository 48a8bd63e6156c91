package org.linli.central.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.linli.central.errors.RuleViolation;

/**
 * How bookings, check-ins and activity sign-ups keep the {@code Idempotency-Key} of the request that made them: the
 * row itself holds the key ({@code idempotency_key}, unique) and a hash of the request ({@code request_hash}). A try
 * again with the key is answered with that row; the key with another request is a 422. Look the key up inside the
 * write transaction that would insert the row, so that two tries at once cannot both insert.
 */
public final class Idempotency {
    private Idempotency() {
    }

    /**
     * The id of the row an earlier try with this key made, if any.
     *
     * @param table a table with {@code id}, {@code idempotency_key} and {@code request_hash}
     * @param requestHash the hash of this request, asked for only when the key was used before
     * @param what what the request is, for the 422: "booking request", "check-in"
     */
    public static OptionalLong earlier(Connection c, String table, String key, Supplier<String> requestHash,
            String what) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, request_hash FROM " + table + " WHERE idempotency_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                if (!requestHash.get().equals(rs.getString(2))) {
                    throw new RuleViolation("idempotency-key-reused",
                            "this Idempotency-Key was used for a different " + what);
                }
                return OptionalLong.of(rs.getLong(1));
            }
        }
    }
}
