package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes committed together, on both stores: each one all or nothing, none answered before it is stored. A write
 * that fails in the database itself matters most on PostgreSQL, where a failed statement aborts the transaction
 * until it is rolled back to the write's savepoint.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aFailingWriteIsRolledBackAloneWhileTheOthersOfItsGroupAreStored(String store) throws Exception {
        int writers = 120;
        try (Database db = Stores.open(store, dir);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            db.write(c -> c.createStatement().executeUpdate("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return db.write(c -> {
                        insert(c, n);
                        if (n % 10 == 0) {
                            throw new IllegalArgumentException("refused " + n);
                        }
                        if (n % 10 == 5) {
                            // the database's own refusal: the same key twice
                            insert(c, n);
                        }
                        return n;
                    });
                }));
            }
            go.countDown();
            for (int i = 0; i < writers; i++) {
                int n = i;
                if (n % 10 == 0) {
                    Exception e = assertThrows(Exception.class, () -> answers.get(n).get());
                    assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
                } else if (n % 10 == 5) {
                    Exception e = assertThrows(Exception.class, () -> answers.get(n).get());
                    assertTrue(e.getCause() instanceof StoreException, e.toString());
                } else {
                    assertEquals(n, answers.get(n).get());
                    // answered, so it must already be visible to a reader on another connection
                    assertEquals(1, rows(db, "SELECT count(*) FROM scratch WHERE n = " + n));
                }
            }
            assertEquals(writers - writers / 5, rows(db, "SELECT count(*) FROM scratch"));
            assertEquals(0, rows(db, "SELECT count(*) FROM scratch WHERE n % 5 = 0"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aWriteInsideAWriteIsRefusedInsteadOfDeadlocking(String store) {
        try (Database db = Stores.open(store, dir)) {
            StoreException e = assertThrows(StoreException.class, () -> db.write(c -> db.write(d -> 1)));
            assertTrue(e.getMessage().contains("inside another write"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void writesAfterCloseAreRefused(String store) {
        Database db = Stores.open(store, dir);
        db.close();
        assertThrows(StoreException.class, () -> db.write(c -> 1));
    }

    private static void insert(java.sql.Connection c, int n) throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO scratch (n) VALUES (?)")) {
            st.setInt(1, n);
            st.executeUpdate();
        }
    }

    private static int rows(Database db, String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
