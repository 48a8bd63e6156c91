package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC helper on a real SQLite file with the service's schema. */
class SqlTest {
    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void bindsEveryKindOfParameterAndReadsRowsBack() {
        db.write(c -> Sql.update(c, "CREATE TABLE t (name TEXT, n INTEGER, big INTEGER, x REAL, flag INTEGER)"));
        assertEquals(2, (int) db.write(c -> Sql.update(c, "INSERT INTO t VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
                "a", 1, 10_000_000_000L, 0.5, true, "b", null, null, null, false)));
        record Row(String name, Long n, long big, double x, boolean flag) {
        }
        List<Row> rows = db.read(c -> Sql.list(c, "SELECT * FROM t ORDER BY name", rs -> new Row(rs.getString(1),
                Sql.nullableLong(rs, "n"), rs.getLong(3), rs.getDouble(4), rs.getInt(5) == 1)));
        assertEquals(List.of(new Row("a", 1L, 10_000_000_000L, 0.5, true), new Row("b", null, 0, 0, false)), rows);
        assertEquals(1, (int) db.read(c -> Sql.number(c, "SELECT count(*) FROM t WHERE flag = ?", true)));
    }

    @Test
    void noRowAndARowReadAsNullAreBothNone() {
        db.write(c -> Sql.update(c, "CREATE TABLE t (x REAL)"));
        assertEquals(Optional.empty(), db.read(c -> Sql.one(c, "SELECT x FROM t", rs -> rs.getDouble(1))));
        Optional<Double> average = db.read(c -> Sql.one(c, "SELECT avg(x) FROM t", rs -> {
            double value = rs.getDouble(1);
            return rs.wasNull() ? null : value;
        }));
        assertEquals(Optional.empty(), average);
        assertEquals(0, (int) db.read(c -> Sql.number(c, "SELECT x FROM t")));
        assertNull(db.read(c -> Sql.one(c, "SELECT max(x) FROM t", rs -> rs.getString(1))).orElse(null));
    }
}
