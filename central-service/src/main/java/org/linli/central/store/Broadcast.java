package org.linli.central.store;

/**
 * Short texts sent to every other process that shares the database (PostgreSQL's LISTEN/NOTIFY): how an event that
 * happened in one central replica reaches the screens connected to another. See {@link Database#broadcast}.
 */
public interface Broadcast extends AutoCloseable {
    /** At most 7,000 bytes of UTF-8 (NOTIFY's limit is 8,000); larger texts are refused. */
    int MAX_BYTES = 7_000;

    /** Sends the text to the other processes, in the order of the calls; does not wait for the database. */
    void send(String text);

    @Override
    void close();
}
