package org.linli.agent.config;

/** A configuration that cannot be used; the message names the file, the key and what is wrong. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
