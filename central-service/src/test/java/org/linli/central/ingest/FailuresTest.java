package org.linli.central.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.central.devices.Device;
import org.linli.central.store.Database;
import org.linli.central.store.StoreException;
import org.linli.central.store.Stores;
import org.linli.protocol.payload.PayloadCodec;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * Which failures to store device messages are for good (a message the store refuses) and which are the store's own:
 * each store's as the service's database throws them, and PostgreSQL's states as its driver builds them.
 */
class FailuresTest {
    @TempDir
    Path dir;

    static Message occupancy(long seq) {
        Validator validator = new Validator(new PayloadCodec(),
                id -> Optional.of(new Device(id, "hub", List.of("studio"))));
        String json = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq
                + ",\"room\":\"studio\",\"occupied\":true,\"count\":1,\"source\":\"beam\"}";
        return ((Validator.Accepted) validator.check("linli/v1/devices/door-1/occupancy",
                json.getBytes(StandardCharsets.UTF_8))).message();
    }

    private static RuntimeException storing(Database db, List<Message> messages) {
        return assertThrows(RuntimeException.class, () -> db.write(c -> IngestStore.insert(c, messages)));
    }

    /** A batch insert refused for one of its rows, as each store's driver reports it. */
    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aTriggerRefusingOneMessageOfABatchIsForGood(String store) {
        try (Database db = Stores.open(store, dir)) {
            RefusingTrigger.asAConstraint(db, "refuse", "NEW.seq = 2", "seq 2 refused");
            RuntimeException failure = storing(db, List.of(occupancy(1), occupancy(2), occupancy(3)));
            assertTrue(Failures.permanent(failure), failure::toString);
            assertTrue(Failures.why(failure).contains("seq 2 refused"), Failures.why(failure));
            assertTrue(Failures.why(failure).startsWith(store.equals(Stores.SQLITE) ? "SQLiteException"
                    : "PSQLException"), Failures.why(failure));
        }
    }

    /**
     * SQLite's RAISE(ROLLBACK) ends the whole transaction, as it does on an I/O error or a full disk; PostgreSQL's
     * plain RAISE EXCEPTION is neither a constraint nor a value refused: not the message's.
     */
    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aFailureThatEndsTheWholeTransactionIsTheStores(String store) {
        try (Database db = Stores.open(store, dir)) {
            RefusingTrigger.asTheStore(db, "refuse", "NEW.seq > 0", "everything refused");
            RuntimeException failure = storing(db, List.of(occupancy(1)));
            assertFalse(Failures.permanent(failure), failure::toString);
        }
    }

    /** SQLite's busy; a PostgreSQL writer waits for the write lock instead (its states: below). */
    @Test
    void aDatabaseLockedByAnotherProgramIsTheStores() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("locked.db");
        try (Connection holder = DriverManager.getConnection(url);
                Connection writer = DriverManager.getConnection(url + "?busy_timeout=0")) {
            try (Statement st = holder.createStatement()) {
                st.execute("CREATE TABLE t (x INTEGER)");
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO t VALUES (1)");
            }
            SQLException busy = assertThrows(SQLException.class,
                    () -> writer.createStatement().execute("INSERT INTO t VALUES (2)"));
            assertFalse(Failures.permanent(new StoreException("write failed", busy)), busy::toString);
        }
    }

    /** SQLite's result codes (PostgreSQL's class 22 as its driver builds it: below). */
    @Test
    void aValueTheStoreDoesNotTakeIsForGood() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("values.db"))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)");
            }
            SQLException mismatch = assertThrows(SQLException.class,
                    () -> c.createStatement().execute("INSERT INTO t (id) VALUES ('not a number')"));
            assertTrue(Failures.permanent(mismatch), mismatch::toString);
            c.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, 100);
            SQLException tooBig = assertThrows(SQLException.class, () -> {
                try (var st = c.prepareStatement("INSERT INTO t (text) VALUES (?)")) {
                    st.setString(1, "x".repeat(1000));
                    st.execute();
                }
            });
            assertTrue(Failures.permanent(tooBig), tooBig::toString);
        }
    }

    @Test
    void postgresqlStatesOfClasses22And23AreForGoodAndEveryOtherIsTheStores() {
        for (PSQLState state : List.of(PSQLState.CHECK_VIOLATION, PSQLState.UNIQUE_VIOLATION,
                PSQLState.NUMERIC_VALUE_OUT_OF_RANGE)) {
            PSQLException entry = new PSQLException("refused\n  Where: a trigger", state);
            // how the driver reports a batch entry, and how the service's writer wraps it
            BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", state.getState(), 0,
                    new int[0], entry);
            batch.setNextException(entry);
            StoreException failure = new StoreException("write failed", batch);
            assertTrue(Failures.permanent(failure), state::getState);
            assertEquals("PSQLException: refused Where: a trigger", Failures.why(failure));
        }
        for (String state : List.of("08006", "08003", "53100", "53200", "57P01", "57014", "40001", "40P01", "P0001",
                "XX000")) {
            assertFalse(Failures.permanent(new StoreException("write failed", new SQLException("failed", state))),
                    state);
        }
        assertFalse(Failures.permanent(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)));
    }

    @Test
    void theLiveStatesOwnLogicIsForGoodAndTheStoreClosedOrSilentIsNot() {
        assertTrue(Failures.permanent(new IllegalStateException("room studio is gone")));
        assertTrue(Failures.permanent(new NullPointerException()));
        assertFalse(Failures.permanent(new StoreException("the database is closed", null)));
        assertFalse(Failures.permanent(new StoreException("write failed", new SQLException("no state"))));
        assertFalse(Failures.permanent(new IllegalStateException("wrapped", new SQLException("no state"))));
    }
}
