package org.linli.central.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Transactions over plain JDBC. The SQL of the features is portable; what is particular to an engine (SQLite's
 * {@code BEGIN IMMEDIATE}, pragmas, pooling) stays behind this interface so a PostgreSQL one can replace it.
 */
public interface Database extends AutoCloseable {

    /** Work done with a connection; it may throw SQL or domain exceptions. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs reads outside any write lock; sees the last committed state. */
    <T> T read(Work<T> work);

    /**
     * Runs work in one write transaction that holds the database's write lock from its first statement, so a
     * check followed by an insert cannot interleave with another writer. Rolled back when the work throws.
     */
    <T> T write(Work<T> work);

    /** The SQL particular to this engine. */
    default Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    void close();
}
