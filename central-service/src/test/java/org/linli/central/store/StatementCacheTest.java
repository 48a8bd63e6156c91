package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kept prepared statements behave like fresh ones: no stale reads, no left-over parameters, nesting works. The cache
 * is SQLite's; the reads through kept statements also run on PostgreSQL, whose driver keeps statements prepared on
 * the server after a few uses of the same SQL on a pooled connection.
 */
class StatementCacheTest {
    private static final String COUNT = "SELECT count(*) FROM scratch WHERE n >= ?";
    @TempDir
    Path dir;
    Database db;

    private void open(String store) {
        db = Stores.open(store, dir);
        db.write(c -> c.createStatement().executeUpdate("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void everyReaderSeesWhatWasCommittedAfterItsLastRead(String store) {
        open(store);
        for (int i = 1; i <= 40; i++) {
            int n = i;
            db.write(c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO scratch (n) VALUES (?)")) {
                    st.setInt(1, n);
                    return st.executeUpdate();
                }
            });
            // 40 reads go round all pooled readers several times, each with its kept statement
            assertEquals(n, count(0));
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aResultSetLeftOpenDoesNotHoldAnOldSnapshot(String store) {
        open(store);
        insert(10);
        insert(11);
        for (int i = 0; i < 8; i++) {
            db.read(c -> {
                // only the statement is closed, as some JDBC code does: the kept statement must still be reset
                try (PreparedStatement st = c.prepareStatement("SELECT n FROM scratch ORDER BY n")) {
                    ResultSet rs = st.executeQuery();
                    return rs.next();
                }
            });
        }
        insert(12);
        if (db instanceof SqliteDatabase sqlite) {
            // a checkpoint completes only when no connection still reads an older snapshot
            assertEquals(0, checkpointBusy(sqlite));
        }
        assertEquals(3, count(0));
    }

    /** SQLite's alone: PostgreSQL's driver refuses a statement run with a parameter unbound. */
    @Test
    void aKeptStatementForgetsItsParameters() {
        open(Stores.SQLITE);
        insert(5);
        int[] counts = db.read(c -> {
            int[] result = new int[2];
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement st = c.prepareStatement(COUNT)) {
                    if (i == 0) {
                        st.setInt(1, 5);
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        result[i] = rs.getInt(1);
                    }
                }
            }
            return result;
        });
        // unbound, the parameter is NULL and nothing is >= NULL; the 5 of the first use must not linger
        assertEquals(1, counts[0]);
        assertEquals(0, counts[1]);
    }

    /** The cache's own bookkeeping: SQLite's alone. */
    @Test
    void theSameSqlWhileOpenGetsItsOwnStatementAndAClosedOneIsReused() {
        open(Stores.SQLITE);
        insert(1);
        insert(2);
        int both = db.read(c -> {
            try (PreparedStatement outer = c.prepareStatement(COUNT)) {
                try (PreparedStatement inner = c.prepareStatement(COUNT)) {
                    assertNotSame(outer, inner);
                    outer.setInt(1, 1);
                    inner.setInt(1, 2);
                    try (ResultSet a = outer.executeQuery(); ResultSet b = inner.executeQuery()) {
                        return a.getInt(1) * 10 + b.getInt(1);
                    }
                }
            }
        });
        assertEquals(21, both);
        db.read(c -> {
            PreparedStatement first;
            try (PreparedStatement st = c.prepareStatement(COUNT)) {
                first = st;
            }
            try (PreparedStatement st = c.prepareStatement(COUNT)) {
                assertSame(first, st);
            }
            assertThrows(SQLException.class, first::executeQuery, "a closed statement stays closed to its user");
            return null;
        });
    }

    /**
     * sqlite-jdbc finalizes a statement whose step fails with a plain SQLITE_ERROR ("no such savepoint", "no such
     * table"); a kept one must not stay in the cache dead, or every later use of that SQL fails. Here the whole
     * transaction is rolled back under a job (as SQLite does on a full disk), so the writer's "ROLLBACK TO job" fails;
     * afterwards a job that fails alone must still be rolled back alone, and the others of its group stored.
     */
    @Test
    void aStatementThatSqliteFinalizedIsPreparedAgain() {
        open(Stores.SQLITE);
        db.write(c -> c.createStatement().executeUpdate("CREATE TRIGGER whole BEFORE INSERT ON scratch WHEN NEW.n = 666"
                + " BEGIN SELECT RAISE(ROLLBACK, 'the whole transaction'); END"));
        assertThrows(StoreException.class, () -> insert(666));
        insert(1);
        StoreException duplicate = assertThrows(StoreException.class, () -> insert(1));
        assertTrue(duplicate.getMessage().contains("UNIQUE"), "the job's own failure, not the writer's: "
                + duplicate.getMessage());
        insert(2);
        assertEquals(2, count(0));

        // a job's own statement that SQLite refuses when it runs, then the same SQL where it is right
        StoreException refused = assertThrows(StoreException.class, () -> db.write(c -> execute(c, "RELEASE mine")));
        assertTrue(refused.getMessage().contains("no such savepoint"), refused.getMessage());
        db.write(c -> {
            execute(c, "SAVEPOINT mine");
            execute(c, "INSERT INTO scratch (n) VALUES (3)");
            execute(c, "RELEASE mine");
            return null;
        });
        assertEquals(3, count(0));
    }

    private static Void execute(java.sql.Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
            return null;
        }
    }

    private void insert(int n) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO scratch (n) VALUES (?)")) {
                st.setInt(1, n);
                return st.executeUpdate();
            }
        });
    }

    private int count(int atLeast) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(COUNT)) {
                st.setInt(1, atLeast);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static int checkpointBusy(SqliteDatabase db) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db.file());
                ResultSet rs = c.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
