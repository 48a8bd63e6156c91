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

    /**
     * A channel to the other processes on this database, or empty when there can be none (SQLite: one process).
     *
     * @param receiver called on the channel's own thread with each text another process sent; must not block
     */
    default java.util.Optional<Broadcast> broadcast(String channel, java.util.function.Consumer<String> receiver) {
        return broadcast(channel, receiver, since -> { });
    }

    /**
     * The same, for a receiver that can catch up on what it missed.
     *
     * @param missed called on the channel's own thread when texts sent from that time on (milliseconds of the epoch)
     *     may not have reached this process: it could not listen for a while (its connection to the database was lost)
     *     and listens again; must not block
     */
    default java.util.Optional<Broadcast> broadcast(String channel, java.util.function.Consumer<String> receiver,
            java.util.function.LongConsumer missed) {
        return java.util.Optional.empty();
    }

    /** The SQL particular to this engine. */
    default Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    void close();
}
