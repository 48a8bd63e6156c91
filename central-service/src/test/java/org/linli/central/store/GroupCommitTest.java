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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes committed together: each one all or nothing, none answered before it is stored. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void aFailingWriteIsRolledBackAloneWhileTheOthersOfItsGroupAreStored() throws Exception {
        int writers = 120;
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            db.write(c -> c.createStatement().executeUpdate("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return db.write(c -> {
                        try (PreparedStatement st = c.prepareStatement("INSERT INTO scratch (n) VALUES (?)")) {
                            st.setInt(1, n);
                            st.executeUpdate();
                        }
                        if (n % 10 == 0) {
                            throw new IllegalArgumentException("refused " + n);
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
                } else {
                    assertEquals(n, answers.get(n).get());
                    // answered, so it must already be visible to a reader on another connection
                    assertEquals(1, rows(db, "SELECT count(*) FROM scratch WHERE n = " + n));
                }
            }
            assertEquals(writers - writers / 10, rows(db, "SELECT count(*) FROM scratch"));
            assertEquals(0, rows(db, "SELECT count(*) FROM scratch WHERE n % 10 = 0"));
        }
    }

    @Test
    void aWriteInsideAWriteIsRefusedInsteadOfDeadlocking() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"))) {
            StoreException e = assertThrows(StoreException.class, () -> db.write(c -> db.write(d -> 1)));
            assertTrue(e.getMessage().contains("inside another write"), e.getMessage());
        }
    }

    @Test
    void writesAfterCloseAreRefused() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"));
        db.close();
        assertThrows(StoreException.class, () -> db.write(c -> 1));
    }

    private static int rows(SqliteDatabase db, String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
