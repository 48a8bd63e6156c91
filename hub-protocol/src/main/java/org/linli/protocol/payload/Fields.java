package org.linli.protocol.payload;

import com.fasterxml.jackson.databind.JsonNode;
import org.linli.protocol.Ids;
import org.linli.protocol.payload.PayloadException.Kind;

/** Reads fields from a JSON object and says exactly what is wrong when one does not fit. */
final class Fields {
    static final int MAX_STRING = 256;

    private final JsonNode object;
    private final String what;

    Fields(JsonNode object, String what) {
        this.object = object;
        this.what = what;
    }

    private JsonNode present(String name) throws PayloadException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw new PayloadException(Kind.MISSING_FIELD, what + ": '" + name + "' is missing");
        }
        return node;
    }

    private boolean absent(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull();
    }

    long requireLong(String name, long min, long max) throws PayloadException {
        JsonNode node = present(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be a whole number");
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw new PayloadException(Kind.BAD_VALUE,
                    what + ": '" + name + "' is " + value + ", outside " + min + ".." + max);
        }
        return value;
    }

    Integer optionalInt(String name, int min, int max) throws PayloadException {
        return absent(name) ? null : (int) requireLong(name, min, max);
    }

    Double optionalDouble(String name, double min, double max) throws PayloadException {
        if (absent(name)) {
            return null;
        }
        JsonNode node = object.get(name);
        if (!node.isNumber()) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be a number");
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            throw new PayloadException(Kind.BAD_VALUE, what + ": '" + name + "' is " + value + ", outside "
                    + min + ".." + max);
        }
        return value;
    }

    boolean requireBoolean(String name) throws PayloadException {
        JsonNode node = present(name);
        if (!node.isBoolean()) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be true or false");
        }
        return node.booleanValue();
    }

    String requireString(String name) throws PayloadException {
        JsonNode node = present(name);
        if (!node.isTextual()) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": '" + name + "' must be a string");
        }
        String value = node.textValue();
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
