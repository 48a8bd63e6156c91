package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database file holds residents' encrypted numbers and staff accounts: only the service reads it. */
class SqliteFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseAndItsJournalsAreTheServicesAlone() throws Exception {
        Path file = dir.resolve("data/linli.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            db.write(c -> {
                try (var st = c.createStatement()) {
                    st.execute("CREATE TABLE probe (x INTEGER)");
                    st.execute("INSERT INTO probe VALUES (1)");
                }
                return null;
            });
            for (String name : new String[] {"linli.db", "linli.db-wal", "linli.db-shm"}) {
                Path each = file.resolveSibling(name);
                if (Files.exists(each)) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(each)),
                            name);
                }
            }
            assertEquals(true, Files.exists(file.resolveSibling("linli.db-wal")), "the journal was checked too");
        }
    }
}
