package org.linli.protocol.config;

/** A setting that cannot be used; the message names where it came from (the file or variable), the key and why. */
public final class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message);
    }

    public ConfigError(String message, Throwable cause) {
        super(message, cause);
    }
}
