package org.linli.central.config;

/** A configuration that cannot run: the message says which key and why, in plain words. */
public final class BadConfigException extends RuntimeException {
    public BadConfigException(String message) {
        super(message);
    }

    public BadConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
