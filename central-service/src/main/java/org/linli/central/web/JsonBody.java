package org.linli.central.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.linli.central.errors.InvalidInput;

/**
 * A request's JSON object, read with a size limit, with typed accessors that collect every field problem so the
 * client hears about all of them at once ({@link #done()} throws them as one 400).
 */
public final class JsonBody {
    private final JsonNode root;
    private final List<InvalidInput.FieldError> errors = new ArrayList<>();

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** Reads the body; a missing body is an empty object, so required fields are reported by name. */
    public static JsonBody read(ServerRequest req, long maxBytes) {
        if (req.headers().contentLength().orElse(0) > maxBytes) {
            throw ProblemException.tooLarge(maxBytes);
        }
        byte[] bytes = limited(req, maxBytes);
        if (bytes.length == 0) {
            return new JsonBody(Json.MAPPER.createObjectNode());
        }
        req.headers().contentType().ifPresent(type -> {
            if (!type.mediaType().subtype().contains("json")) {
                throw ProblemException.unsupportedMediaType("send the body as application/json, not "
                        + type.mediaType().text());
            }
        });
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ProblemException.badRequest("the body is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("the body must be a JSON object");
        }
        return new JsonBody(node);
    }

    private static byte[] limited(ServerRequest req, long maxBytes) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw ProblemException.tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read");
        }
    }

    public boolean has(String field) {
        JsonNode value = root.get(field);
        return value != null && !value.isNull();
    }

    public boolean isNumber(String field) {
        JsonNode value = root.get(field);
        return value != null && value.isNumber();
    }

    /** Notes a problem with a field, thrown with the others by {@link #done}. */
    public void error(String field, String message) {
        errors.add(new InvalidInput.FieldError(field, message));
    }

    /** A field as sent, for nested values the typed readers do not cover; null when absent. */
    public JsonNode node(String field) {
        return root.get(field);
    }

    /** A required text of at most {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        if (!has(field)) {
            error(field, "is required");
            return null;
        }
        return optionalText(field, maxLength);
    }

    public String optionalText(String field, int maxLength) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            error(field, "must be text");
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            error(field, "must not be empty");
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            error(field, "must have at most " + maxLength + " characters");
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            error(field, "must not contain control characters");
            return null;
        }
        return text;
    }

    public Integer integer(String field, int min, int max) {
        if (!has(field)) {
            error(field, "is required");
            return null;
        }
        return optionalInteger(field, min, max);
    }

    /** A whole number that may be larger than an int (booking ids go up to 2<sup>53</sup>). */
    public Long optionalLong(String field, long min, long max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            error(field, "must be a whole number");
            return null;
        }
        long number = value.longValue();
        if (number < min || number > max) {
            error(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    public Integer optionalInteger(String field, int min, int max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be a whole number");
            return null;
        }
        int number = value.intValue();
        if (number < min || number > max) {
            error(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    /** A required time with its offset, e.g. {@code 2026-11-28T09:00:00+08:00}. */
    public OffsetDateTime time(String field) {
        if (!has(field)) {
            error(field, "is required");
            return null;
        }
        return optionalTime(field);
    }

    public OffsetDateTime optionalTime(String field) {
        String text = optionalText(field, 40);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            error(field, "must be a time with offset like 2026-11-28T09:00:00+08:00");
            return null;
        }
    }

    public LocalDate optionalDate(String field) {
        String text = optionalText(field, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(field, "must be a date like 2026-11-28");
            return null;
        }
    }

    /** A required list of 1..{@code maxItems} ids (letters, digits, '-', '_'). */
    public List<String> ids(String field, int maxItems) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            error(field, "is required");
            return null;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
            error(field, "must be a list of 1 to " + maxItems + " ids");
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || !item.asText().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
                error(field, "must hold ids of letters, digits, '-' or '_'");
                return null;
            }
            ids.add(item.asText());
        }
        return List.copyOf(ids);
    }

    /** Notes every field sent that is not one of those named (a misspelt name would otherwise change nothing). */
    public void onlyFields(java.util.Collection<String> known) {
        root.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                error(field, "unknown field; one of " + known);
            }
        });
    }

    /** Throws the collected field problems, if any, as one 400. */
    public void done() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** Canonical JSON of the body, to compare two requests. */
    public String canonical() {
        return root.toString();
    }
}
