package org.linli.central.store;

import java.sql.SQLException;
import java.util.List;

/**
 * What SQL differs between the two stores, in one place: the features write SQL both engines run (ON CONFLICT,
 * RETURNING, plain aggregates) and ask here for the rest.
 */
public enum Dialect {
    /** One file; its own write lock serialises writers, taken at BEGIN IMMEDIATE. */
    SQLITE(List.of("BEGIN IMMEDIATE"), "instr(lower(%s), lower(?)) > 0"),
    /**
     * Several central replicas on one database. Every write transaction first takes one transaction-scoped advisory
     * lock, so that a check followed by an insert (a resident's active bookings, an activity's places, a ticket's
     * number) cannot interleave with another replica's, exactly as SQLite's write lock does in one process.
     */
    POSTGRESQL(List.of("BEGIN", "SELECT pg_advisory_xact_lock(" + Dialect.WRITE_LOCK + ")"),
            "strpos(lower(%s), lower(?)) > 0");

    /** The advisory lock key of the write transactions ("linli" in ASCII). */
    static final long WRITE_LOCK = 0x6c696e6c69L;
    /** PostgreSQL's SQLSTATE for a row an exclusion constraint refuses. */
    private static final String EXCLUSION_VIOLATION = "23P01";

    private final List<String> beginWrite;
    private final String contains;

    Dialect(List<String> beginWrite, String contains) {
        this.beginWrite = beginWrite;
        this.contains = contains;
    }

    /** The statements that open a write transaction holding the database's write lock. */
    List<String> beginWrite() {
        return beginWrite;
    }

    /** A condition true when the column's text contains the parameter's, ignoring case; one {@code ?}. */
    public String contains(String column) {
        return contains.formatted(column);
    }

    /** Whether the database refused a booking because it overlaps a live one (trigger or exclusion constraint). */
    public static boolean overlapRefused(SQLException e) {
        return EXCLUSION_VIOLATION.equals(e.getSQLState())
                || String.valueOf(e.getMessage()).contains("overlaps another booking");
    }

    /** The store a {@code db.url} names: {@code jdbc:postgresql://...}, else (empty) SQLite. */
    public static Dialect of(String url) {
        return url != null && url.startsWith("jdbc:postgresql:") ? POSTGRESQL : SQLITE;
    }
}
