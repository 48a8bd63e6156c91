package org.linli.protocol.payload;

import java.util.Map;
import org.linli.protocol.Ids;
import org.linli.protocol.payload.PayloadException.Kind;

/**
 * Reads fields from a JSON object (as {@code PayloadCodec} parses it: a map of plain Java values) and says exactly what
 * is wrong when one does not fit.
 */
final class Fields {
    static final int MAX_STRING = 256;

    private final Map<?, ?> object;
    private final String what;

    Fields(Map<?, ?> object, String what) {
        this.object = object;
        this.what = what;
    }

    /** The raw value of a field: null when absent or JSON null. */
    Object get(String name) {
        return object.get(name);
    }

    private Object present(String name) throws PayloadException {
        Object node = object.get(name);
        if (node == null) {
            throw new PayloadException(Kind.MISSING_FIELD, what + ": '" + name + "' is missing");
        }
        return node;
    }

    private boolean absent(String name) {
        return object.get(name) == null;
    }

    long requireLong(String name, long min, long max) throws PayloadException {
        // whole numbers too large for a long are BigInteger, fractions Double: both the wrong type here
        if (!(present(name) instanceof Long number)) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be a whole number");
        }
        long value = number;
        if (value < min || value > max) {
            throw new PayloadException(Kind.BAD_VALUE,
                    what + ": '" + name + "' is " + value + ", outside " + min + ".." + max);
        }
        return value;
    }

    Long optionalLong(String name, long min, long max) throws PayloadException {
        return absent(name) ? null : requireLong(name, min, max);
    }

    Integer optionalInt(String name, int min, int max) throws PayloadException {
        return absent(name) ? null : (int) requireLong(name, min, max);
    }

    Double optionalDouble(String name, double min, double max) throws PayloadException {
        if (absent(name)) {
            return null;
        }
        if (!(object.get(name) instanceof Number number)) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be a number");
        }
        double value = number.doubleValue();
        if (!(value >= min && value <= max)) {
            throw new PayloadException(Kind.BAD_VALUE, what + ": '" + name + "' is " + value + ", outside "
                    + min + ".." + max);
        }
        return value;
    }

    boolean requireBoolean(String name) throws PayloadException {
        if (!(present(name) instanceof Boolean value)) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be true or false");
        }
        return value;
    }

    String requireString(String name) throws PayloadException {
        if (!(present(name) instanceof String value)) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be a string");
        }
        if (value.isEmpty() || value.length() > MAX_STRING) {
            throw new PayloadException(Kind.BAD_VALUE, what + ": '" + name + "' must be 1-" + MAX_STRING
                    + " characters");
        }
        return value;
    }

    String optionalString(String name) throws PayloadException {
        return absent(name) ? null : requireString(name);
    }

    String requireId(String name) throws PayloadException {
        String value = requireString(name);
        if (!Ids.isValid(value)) {
            throw new PayloadException(Kind.BAD_VALUE, what + ": '" + name
                    + "' must be an id of letters, digits, '-' or '_'");
        }
        return value;
    }

    String optionalId(String name) throws PayloadException {
        return absent(name) ? null : requireId(name);
    }

    String requireOneOf(String name, String... allowed) throws PayloadException {
        String value = requireString(name);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new PayloadException(Kind.BAD_VALUE, what + ": '" + name + "' must be one of "
                + String.join(", ", allowed));
    }
}
