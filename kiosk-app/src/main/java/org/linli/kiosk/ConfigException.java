package org.linli.kiosk;

/** A configuration the kiosk cannot start with; the message tells the installer what to fix. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
