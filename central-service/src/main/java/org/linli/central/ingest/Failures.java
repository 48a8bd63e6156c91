package org.linli.central.ingest;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.linli.central.store.StoreException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Why storing device messages failed: for a reason of one message that storing it again will not change (a
 * constraint, a value the store refuses, the live state's own logic), or because of the database itself (busy,
 * locked, I/O, full, a lost connection, a serialization conflict, and anything the driver does not say), which a
 * later attempt may get past.
 */
final class Failures {
    /** Deep enough for any wrapping of ours and the drivers' (a batch's exception, its entry's, the group's). */
    private static final int MAX_DEPTH = 16;

    private Failures() {
    }

    /**
     * The first exception of the chain (causes, and the next exceptions of a JDBC one) that says what failed decides:
     * SQLite's primary result code CONSTRAINT, MISMATCH or TOOBIG, or an SQLState of class 22 (data exception) or 23
     * (integrity constraint violation), is for good; any other code or state is the store's. A JDBC exception that
     * says nothing (SQLite's batch exception wraps the one that does) is the store's when nothing after it says more.
     * Without a JDBC exception at all, a {@link StoreException} is the store's (closed, interrupted) and anything else
     * was thrown by the live state's logic for what it was given: for good.
     */
    static boolean permanent(Throwable failure) {
        boolean jdbc = false;
        boolean store = false;
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode() != null
                    && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                        || primary == SQLiteErrorCode.SQLITE_MISMATCH.code
                        || primary == SQLiteErrorCode.SQLITE_TOOBIG.code;
            }
            if (t instanceof SQLException sql) {
                jdbc = true;
                String state = sql.getSQLState();
                if (state != null && state.length() == 5) {
                    return state.startsWith("22") || state.startsWith("23");
                }
            }
            store |= t instanceof StoreException;
        }
        return !jdbc && !store;
    }

    /**
     * What to log of a failure, on one line and without its stack: the deepest exception that says what failed (the
     * database's own words, not the driver's batch that carries them, which on PostgreSQL repeats the statement).
     */
    static String why(Throwable failure) {
        Throwable telling = failure;
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLiteException || t instanceof SQLException sql && sql.getSQLState() != null) {
                telling = t;
            }
        }
        String message = telling.getMessage() == null ? null : telling.getMessage().replaceAll("\\s+", " ").strip();
        if (message != null && message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return telling.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The exception, its causes and next exceptions, each once, breadth first. */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> queue = new ArrayDeque<>();
        List<Throwable> order = new ArrayList<>();
        queue.add(failure);
        while (!queue.isEmpty() && order.size() < MAX_DEPTH) {
            Throwable t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            order.add(t);
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                queue.add(sql.getNextException());
            }
        }
        return order;
    }
}
