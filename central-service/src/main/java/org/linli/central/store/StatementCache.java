package org.linli.central.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection that keeps its prepared statements: {@code prepareStatement(sql)} hands out the statement prepared
 * the first time, and its {@code close()} only resets it (closes its result set, which resets the SQLite statement
 * and so ends its read of the database, and clears the parameters).
 *
 * <p>Why: SQLite compiles every statement anew on each {@code prepareStatement}, and a booking runs about ten of
 * them (replay check, resident, active count, overlap, insert, savepoints): the compiling cost more than the work.
 * The features keep writing plain {@code try (PreparedStatement st = c.prepareStatement(…))} code.
 *
 * <p>Not thread-safe, like the connection: the writer thread owns the writer connection and a reader is used by one
 * thread at a time. A statement still open when the same SQL is asked for again (a nested use) gets a fresh,
 * uncached one. Only constant SQL is expected; past {@link #MAX_STATEMENTS} the rest are not cached.
 */
final class StatementCache implements InvocationHandler {
    static final int MAX_STATEMENTS = 200;
    private static final Method PREPARE;

    static {
        try {
            PREPARE = Connection.class.getMethod("prepareStatement", String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Connection connection;
    private final Map<String, Cached> statements = new HashMap<>();

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The connection with a statement cache in front; closing it closes the cached statements too. */
    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new StatementCache(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.equals(PREPARE)) {
            return prepare((String) args[0]);
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            for (Cached cached : statements.values()) {
                cached.statement.close();
            }
            statements.clear();
        }
        return call(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached != null && !cached.inUse && cached.failed) {
            // sqlite-jdbc finalizes a statement whose step failed with a plain SQLITE_ERROR (a savepoint gone with a
            // transaction SQLite rolled back whole) and yet says it is open: kept, every later use of this SQL would
            // fail with "statement is not executing". One that failed is prepared again.
            statements.remove(sql);
            closeQuietly(cached.statement);
            cached = null;
        }
        if (cached == null) {
            if (statements.size() >= MAX_STATEMENTS) {
                return connection.prepareStatement(sql);
            }
            cached = new Cached(connection.prepareStatement(sql));
            statements.put(sql, cached);
        }
        if (cached.inUse) {
            return connection.prepareStatement(sql);
        }
        cached.inUse = true;
        return cached.proxy;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // finalized already: nothing left to free
        }
    }

    /** A prepared statement whose close() returns it to the cache. */
    private static final class Cached implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement proxy;
        boolean inUse;
        /** An operation on it threw: it may be finalized underneath, so it is not handed out again. */
        boolean failed;
        ResultSet open;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (inUse) {
                    inUse = false;
                    release();
                }
                return null;
            }
            if (method.getName().equals("isClosed") && method.getParameterCount() == 0) {
                return !inUse;
            }
            if (!inUse) {
                throw new SQLException("the statement is closed");
            }
            Object result;
            try {
                result = call(statement, method, args);
            } catch (SQLException e) {
                failed = true;
                throw e;
            }
            if (result instanceof ResultSet rs) {
                open = rs;
            }
            return result;
        }

        private void release() throws SQLException {
            // Closing the result set resets the SQLite statement: without that it would keep its read open and
            // the connection would go on seeing an old snapshot (and hold off checkpoints).
            if (open != null) {
                ResultSet rs = open;
                open = null;
                rs.close();
            }
            if (!failed) {
                statement.clearParameters();
            }
        }
    }
}
