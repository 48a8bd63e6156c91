package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC helper on both stores with the service's schema: SQLite types a parameter by its value, PostgreSQL (whose
 * parameters the service sends untyped) by the column, so each kind of parameter, null among them, must bind on both.
 */
class SqlTest {
    @TempDir
    Path dir;
    Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void bindsEveryKindOfParameterAndReadsRowsBack(String store) {
        db = Stores.open(store, dir);
        db.write(c -> Sql.update(c,
                "CREATE TABLE t (name TEXT, n BIGINT, big BIGINT, x DOUBLE PRECISION, flag INTEGER)"));
        assertEquals(2, (int) db.write(c -> Sql.update(c, "INSERT INTO t VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
                "a", 1, 10_000_000_000L, 0.5, true, "b", null, null, null, false)));
        record Row(String name, Long n, long big, double x, boolean flag) {
        }
        List<Row> rows = db.read(c -> Sql.list(c, "SELECT * FROM t ORDER BY name", rs -> new Row(rs.getString(1),
                Sql.nullableLong(rs, "n"), rs.getLong(3), rs.getDouble(4), rs.getInt(5) == 1)));
        assertEquals(List.of(new Row("a", 1L, 10_000_000_000L, 0.5, true), new Row("b", null, 0, 0, false)), rows);
        assertEquals(1, (int) db.read(c -> Sql.number(c, "SELECT count(*) FROM t WHERE flag = ?", true)));
        assertEquals(1, (int) db.read(c -> Sql.number(c, "SELECT count(*) FROM t WHERE big > ?", 9_000_000_000L)));
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void noRowAndARowReadAsNullAreBothNone(String store) {
        db = Stores.open(store, dir);
        db.write(c -> Sql.update(c, "CREATE TABLE t (x DOUBLE PRECISION)"));
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
