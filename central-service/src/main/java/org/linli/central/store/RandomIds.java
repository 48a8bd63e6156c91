package org.linli.central.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Random row ids for what a caller names by id from outside (a booking in a URL and a door token, a check-in that a
 * kiosk rates): consecutive ones let whoever saw one guess every other (findings H3 and M5). Below 2<sup>53</sup>, so
 * that JavaScript reads them exactly; 53 random bits leave a guess a chance in about 10<sup>10</sup> even with a
 * million rows stored.
 */
public final class RandomIds {
    private static final long BOUND = 1L << 53;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** @param table a table of this code's schema (never from input) whose {@code id} is its key */
    public static long unused(Connection c, String table) throws SQLException {
        while (true) {
            long id = 1 + RANDOM.nextLong(BOUND - 1);
            if (Sql.one(c, "SELECT 1 FROM " + table + " WHERE id = ?", rs -> true, id).isEmpty()) {
                return id;
            }
        }
    }
}
