package org.linli.central.store;

/** The database failed (disk, corruption, a bug in our SQL): a 500, never the client's fault. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
