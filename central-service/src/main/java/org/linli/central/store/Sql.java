package org.linli.central.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three shapes of plain JDBC the feature stores use, on the connection a {@link Database} lends them: one row, a
 * list of rows, an update. Statements come from {@code prepareStatement}, so the connection's {@link StatementCache}
 * keeps each SQL text compiled, and they are closed (returned to the cache) before these return. Parameters are
 * bound in order: null, String, Integer, Long, Double, and Boolean as 1 or 0 (how the schema stores flags).
 */
public final class Sql {
    private Sql() {
    }

    /** Reads the current row of a result set into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The first row, if there is one; a row read as null (the avg() of no rows) counts as none. */
    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        }
    }

    /** Every row, in the order the query gives them. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }

    /** The first column of the first row as a number: {@code count(*)} and the like (0 when there is no row). */
    public static int number(Connection c, String sql, Object... params) throws SQLException {
        return one(c, sql, rs -> rs.getInt(1), params).orElse(0);
    }

    /** An INSERT, UPDATE or DELETE. @return how many rows it changed */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            return st.executeUpdate();
        }
    }

    /** A nullable column as a Long (JDBC reads SQL NULL as 0). */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int at = i + 1;
            switch (params[i]) {
                case null -> st.setObject(at, null);
                case String text -> st.setString(at, text);
                case Integer number -> st.setInt(at, number);
                case Long number -> st.setLong(at, number);
                case Double number -> st.setDouble(at, number);
                case Boolean flag -> st.setInt(at, flag ? 1 : 0);
                default -> throw new IllegalArgumentException("cannot bind a " + params[i].getClass().getName());
            }
        }
    }
}
