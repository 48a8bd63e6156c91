package org.linli.kiosk.central;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as the kiosk reads and writes it: objects, arrays, text, numbers, true/false and null, on Jackson's
 * streaming core alone. The kiosk used Jackson's data binding before; it loaded some 600 classes more and kept their
 * caches for the few answers the kiosk reads (decision in kiosk-app/README.md, "Memory"). Reading is lenient in what
 * it looks for ({@link #path} of a field that is not there is {@link #MISSING}, as the API may grow) and strict in the
 * syntax (anything that is not JSON is an {@link IOException}).
 */
public final class Json {
    /** What {@link #path} gives for a field that is not there, or for any field of something that is not an object. */
    public static final Json MISSING = new Json(Missing.INSTANCE);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    private enum Missing { INSTANCE }

    // Map<String, Object>, List<Object>, String, BigDecimal or BigInteger or Long, Boolean, null, or Missing
    private final Object value;

    private Json(Object value) {
        this.value = value;
    }

    public static Json parse(byte[] text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parseWhole(parser);
        }
    }

    public static Json parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parseWhole(parser);
        }
    }

    private static Json parseWhole(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            throw new IOException("no JSON value");
        }
        Object value = read(parser);
        if (parser.nextToken() != null) {
            throw new IOException("more than one JSON value");
        }
        return new Json(value);
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                yield Collections.unmodifiableMap(object);
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                yield Collections.unmodifiableList(array);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    /** A field of this object; {@link #MISSING} when there is no such field or this is not an object. */
    public Json path(String field) {
        if (value instanceof Map<?, ?> object && object.containsKey(field)) {
            return new Json(object.get(field));
        }
        return MISSING;
    }

    /** The items of this array; none when this is not an array. */
    public List<Json> elements() {
        if (value instanceof List<?> array) {
            return array.stream().map(Json::new).toList();
        }
        return List.of();
    }

    public boolean isMissing() {
        return value == Missing.INSTANCE;
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    /**
     * Text as it is, a number or true/false as written; {@code orElse} for null, a missing field, an object or an
     * array.
     */
    public String asText(String orElse) {
        return switch (value) {
            case String text -> text;
            case BigDecimal number -> number.toPlainString();
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case null, default -> orElse;
        };
    }

    /** {@link #asText(String)} with "" for what has no text. */
    public String asText() {
        return asText("");
    }

    /** A whole number (also one written as text, e.g. "12"); {@code orElse} for anything else. */
    public int asInt(int orElse) {
        Integer whole = asInteger();
        return whole == null ? orElse : whole;
    }

    public int asInt() {
        return asInt(0);
    }

    /**
     * A whole number that fits an int (also one written as text, e.g. "12"), or null when there is none: for fields
     * that the API leaves out or sets to null.
     */
    public Integer asInteger() {
        return switch (value) {
            case Long number when number == number.intValue() -> number.intValue();
            case BigDecimal number when number.stripTrailingZeros().scale() <= 0
                    && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 -> number.intValue();
            case String text when text.matches("-?\\d{1,9}") -> Integer.parseInt(text);
            case null, default -> null;
        };
    }

    public boolean asBoolean() {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /** An ISO-8601 time with its offset, e.g. 2026-11-28T09:00:00+08:00; null when absent or not a time. */
    public OffsetDateTime asTime() {
        try {
            return value instanceof String text ? OffsetDateTime.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An ISO-8601 date, e.g. 2026-11-28; null when absent or not a date. */
    public LocalDate asDate() {
        try {
            return value instanceof String text ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Names as the API sends them, {@code {"zh": …, "en": …}}; null when absent. */
    public Names asNames() {
        return isObject() ? new Names(path("zh").asText(null), path("en").asText(null)) : null;
    }

    /** The items of this array as text, skipping what is not text. */
    public List<String> asTextList() {
        return elements().stream().map(item -> item.asText(null)).filter(java.util.Objects::nonNull).toList();
    }

    /** This value as JSON text. */
    @Override
    public String toString() {
        return text(this);
    }

    /** Same JSON value: same fields with the same values (in any order), same items in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Json json && java.util.Objects.equals(value, json.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(value);
    }

    /** {@link #write} as text: one line, as JSON text has no raw line breaks. */
    public static String text(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    /**
     * JSON text of a value made of maps with text keys, lists, text, numbers, true/false, null, times and dates
     * (written as ISO-8601 text) and {@link Json} values. A map's null values are left out, so a request carries only
     * what it has.
     */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeNull();
            case Json json when json.isMissing() -> out.writeNull();
            case Json json -> write(out, json.value);
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> field : map.entrySet()) {
                    if (field.getValue() != null) {
                        out.writeFieldName(field.getKey().toString());
                        write(out, field.getValue());
                    }
                }
                out.writeEndObject();
            }
            case Iterable<?> list -> {
                out.writeStartArray();
                for (Object item : list) {
                    write(out, item);
                }
                out.writeEndArray();
            }
            case String text -> out.writeString(text);
            case Boolean bool -> out.writeBoolean(bool);
            case Integer number -> out.writeNumber(number);
            case Long number -> out.writeNumber(number);
            case BigDecimal number -> out.writeNumber(number);
            case BigInteger number -> out.writeNumber(number);
            case Double number -> out.writeNumber(number);
            case Names names -> write(out, names.asMap());
            case TemporalAccessor time -> out.writeString(time.toString());
            default -> throw new IllegalArgumentException("not JSON: " + value.getClass().getName());
        }
    }
}
