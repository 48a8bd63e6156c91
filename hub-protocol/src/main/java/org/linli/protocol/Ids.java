package org.linli.protocol;

import java.util.regex.Pattern;

/**
 * Identifiers of devices, hubs and rooms. They appear inside MQTT topics and ACL patterns, so they are restricted to
 * letters, digits, {@code -} and {@code _} (never {@code /}, {@code +} or {@code #}), 1 to 64 characters.
 */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Ids() {
    }

    /** Whether {@code value} is a well-formed id. */
    public static boolean isValid(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /**
     * Returns {@code value} when it is a well-formed id.
     *
     * @param kind what the id names ("device", "hub", "room"), used in the message
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    public static String require(String kind, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(kind + " id must be 1-64 letters, digits, '-' or '_' (got "
                    + describe(value) + ")");
        }
        return value;
    }

    static String describe(String value) {
        if (value == null) {
            return "nothing";
        }
        return value.length() > 40 ? "'" + value.substring(0, 40) + "…'" : "'" + value + "'";
    }
}
