package org.linli.protocol.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.linli.protocol.DeviceChannel;
import org.linli.protocol.payload.PayloadException.Kind;

/**
 * JSON codec for every payload of the MQTT tree, with strict validation. Decoding either returns a valid payload or
 * throws {@link PayloadException}; nothing else escapes it, whatever the bytes. Thread-safe.
 *
 * <p>Written on Jackson's streaming core, not databind: the device agent runs in a 64 MB budget, and databind's ~490
 * classes were its largest share of class metadata. Fields go out in record order, null fields are left out.
 */
public final class PayloadCodec {
    /** The largest payload accepted, in bytes; revocation lists have their own, larger limits. */
    public static final int MAX_BYTES = 4096;
    /** Timestamps before this (2020-01-01) are absurd: an agent whose clock never synced. */
    public static final long MIN_TS = 1_577_836_800_000L;
    /** How far ahead of our clock a timestamp may be before it is absurd. */
    public static final Duration MAX_FUTURE = Duration.ofHours(1);
    static final int MAX_COUNT = 10_000;

    private final JsonFactory factory;
    private final Clock clock;

    public PayloadCodec(Clock clock) {
        this.clock = clock;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
                .build();
    }

    public PayloadCodec() {
        this(Clock.systemUTC());
    }

    /** The JSON bytes of a payload, as they go on the wire. */
    public byte[] encode(Payload payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = factory.createGenerator(out)) {
            PayloadWriter.write(g, payload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    /** Decodes what a device published on a channel (status, occupancy, events, telemetry) or received (cmd, ack). */
    public Payload decode(DeviceChannel channel, byte[] bytes) throws PayloadException {
        return switch (channel) {
            case STATUS -> decodeStatus(bytes);
            case OCCUPANCY -> decodeOccupancy(bytes);
            case EVENTS -> decodeEvent(bytes);
            case TELEMETRY -> decodeTelemetry(bytes);
            case CMD -> decodeCommand(bytes);
            case ACK -> decodeAck(bytes);
        };
    }

    public StatusPayload decodeStatus(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "status");
        return new StatusPayload(f.requireOneOf("state", StatusPayload.ONLINE, StatusPayload.OFFLINE), ts(f),
                f.optionalString("version"));
    }

    public OccupancyPayload decodeOccupancy(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "occupancy");
        return new OccupancyPayload(ts(f), seq(f), f.requireId("room"), f.requireBoolean("occupied"),
                f.optionalInt("count", 0, MAX_COUNT), f.requireString("source"));
    }

    public EventPayload decodeEvent(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "event");
        long ts = ts(f);
        long seq = seq(f);
        String type = f.requireString("type");
        if (EventType.byWire(type).isEmpty()) {
            throw new PayloadException(Kind.UNKNOWN_TYPE, "event: unknown type '" + type + "'");
        }
        return new EventPayload(ts, seq, f.optionalId("room"), type, f.optionalString("bookingId"),
                f.optionalString("reason"));
    }

    public TelemetryPayload decodeTelemetry(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "telemetry");
        return new TelemetryPayload(ts(f), seq(f), f.requireLong("uptimeS", 0, Long.MAX_VALUE),
                f.requireLong("heapBytes", 0, Long.MAX_VALUE), f.requireLong("rssBytes", 0, Long.MAX_VALUE),
                f.optionalDouble("cpuTempC", -60, 150), (int) f.requireLong("outboxDepth", 0, Integer.MAX_VALUE),
                f.requireLong("outboxDropped", 0, Long.MAX_VALUE), f.optionalString("version"),
                f.optionalLong("revocationsTs", MIN_TS, Long.MAX_VALUE),
                f.optionalLong("revocationsRefused", 0, Long.MAX_VALUE));
    }

    /**
     * A command, signed or not (the agent refuses the unsigned ones, saying so). Its {@code ts} is not held against
     * this clock here: the command verifier judges freshness, and a command from "the future" is evidence that this
     * clock is behind.
     */
    public CommandPayload decodeCommand(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "command");
        String id = f.requireString("id");
        String cmd = f.requireOneOf("cmd", CommandPayload.UNLOCK, CommandPayload.IDENTIFY, CommandPayload.RELOAD);
        long ts = f.requireLong("ts", MIN_TS, Long.MAX_VALUE);
        String room = f.optionalId("room");
        Integer durationS = f.optionalInt("durationS", 1, 3600);
        String nonce = f.optionalString("nonce");
        if (nonce != null && !nonce.matches("[A-Za-z0-9_-]{16,64}")) {
            throw new PayloadException(Kind.BAD_VALUE, "command: 'nonce' must be 16-64 characters of base64url");
        }
        String sig = f.optionalString("sig");
        if (sig != null && !sig.matches("[A-Za-z0-9+/]{86}==")) {
            throw new PayloadException(Kind.BAD_VALUE, "command: 'sig' must be a 64-byte signature in base64");
        }
        return new CommandPayload(id, cmd, ts, room, durationS, f.optionalId("device"), nonce,
                f.optionalInt("kid", 0, 0xffff), sig);
    }

    /** A receipt: {@code {"ts":…,"seqs":[[from,to],…]}}, 1 to 64 ascending, non-overlapping ranges. */
    /**
     * A receipt. Its {@code ts} is not held against this clock: a receipt is central's word on the time, and a device
     * whose clock was set back must still take it (and learns from it that its clock is behind).
     */
    public AckPayload decodeAck(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "ack");
        long ts = f.requireLong("ts", MIN_TS, Long.MAX_VALUE);
        if (!(f.get("seqs") instanceof List<?> list) || list.isEmpty() || list.size() > AckPayload.MAX_RANGES) {
            throw new PayloadException(Kind.MISSING_FIELD, "ack: 'seqs' must be an array of 1-"
                    + AckPayload.MAX_RANGES + " [from, to] ranges");
        }
        List<AckPayload.Range> ranges = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long from)
                    || !(pair.get(1) instanceof Long to)) {
                throw new PayloadException(Kind.WRONG_TYPE, "ack: every range must be [from, to], two whole numbers");
            }
            if (from < 0 || to < from) {
                throw new PayloadException(Kind.BAD_VALUE, "ack: [" + from + ", " + to + "] is not a range of seqs");
            }
            if (!ranges.isEmpty() && from <= ranges.getLast().to()) {
                throw new PayloadException(Kind.BAD_VALUE, "ack: ranges must ascend without overlapping");
            }
            ranges.add(new AckPayload.Range(from, to));
        }
        return new AckPayload(ts, ranges);
    }

    /**
     * The {@code seq} of a device message that does not decode (a field out of range, an absurd clock), when it has
     * one that is valid: so that the central service can tell the device the message is dropped for good, and the
     * device stops sending it again.
     */
    public OptionalLong seqOf(byte[] bytes) {
        try {
            if (tree(bytes) instanceof Map<?, ?> root && root.get("seq") instanceof Long seq && seq >= 0) {
                return OptionalLong.of(seq);
            }
        } catch (PayloadException notJson) {
            // no seq to be had
        }
        return OptionalLong.empty();
    }

    public RoomStatePayload decodeRoomState(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "room state");
        return new RoomStatePayload(ts(f), f.requireId("hub"), f.requireId("room"),
                f.requireOneOf("status", "free", "booked", "maintenance", "occupied", "over_capacity"), f.requireBoolean("occupied"),
                f.optionalInt("count", 0, MAX_COUNT), (int) f.requireLong("capacity", 0, MAX_COUNT),
                f.optionalString("source"), f.requireLong("since", 0, Long.MAX_VALUE), f.optionalString("bookingId"));
    }

    /**
     * The hub-wide list, up to {@link RevokedPayload#MAX_BYTES}. Its {@code ts} is not held against this clock: a door
     * judges a list against the one it has (a door whose clock was set back must still take new lists).
     */
    public RevokedPayload decodeRevoked(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, RevokedPayload.MAX_BYTES, "revoked");
        long ts = f.requireLong("ts", MIN_TS, Long.MAX_VALUE);
        if (!(f.get("bookings") instanceof List<?> list)) {
            throw new PayloadException(Kind.MISSING_FIELD, "revoked: 'bookings' must be an array of ids");
        }
        List<String> ids = new ArrayList<>(list.size());
        for (Object id : list) {
            if (!(id instanceof String text) || text.isEmpty() || text.length() > Fields.MAX_STRING) {
                throw new PayloadException(Kind.WRONG_TYPE, "revoked: every booking id must be a short string");
            }
            ids.add(text);
        }
        return new RevokedPayload(ts, ids);
    }

    /**
     * A room's list, up to {@link RoomRevokedPayload#MAX_BYTES}, checked strictly: windows inside the span,
     * ascending and not touching, ids short and unique. Like the hub-wide list, its {@code ts} is judged by the door
     * against the list it has, not against its clock.
     */
    public RoomRevokedPayload decodeRoomRevoked(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, RoomRevokedPayload.MAX_BYTES, "room revoked");
        long ts = f.requireLong("ts", MIN_TS, Long.MAX_VALUE);
        String room = f.requireId("room");
        long from = f.requireLong("from", 0, 0xffff_ffffL);
        long until = f.requireLong("until", from + 1, from + RoomRevokedPayload.MAX_SPAN.toSeconds());
        long span = until - from;
        if (!(f.get("windows") instanceof List<?> rawWindows)) {
            throw new PayloadException(Kind.MISSING_FIELD, "room revoked: 'windows' must be an array of [start, end]");
        }
        List<RoomRevokedPayload.Window> windows = new ArrayList<>(rawWindows.size());
        long previousEnd = -1;
        for (Object raw : rawWindows) {
            if (!(raw instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long start)
                    || !(pair.get(1) instanceof Long end)) {
                throw new PayloadException(Kind.WRONG_TYPE,
                        "room revoked: every window must be [start, end], whole seconds after 'from'");
            }
            if (start <= previousEnd || start < 0 || end <= start || end > span) {
                throw new PayloadException(Kind.BAD_VALUE, "room revoked: windows must lie within 0.." + span
                        + ", each ending after it starts, ascending and not touching");
            }
            previousEnd = end;
            windows.add(new RoomRevokedPayload.Window(from + start, from + end));
        }
        if (!(f.get("valid") instanceof List<?> rawValid)) {
            throw new PayloadException(Kind.MISSING_FIELD, "room revoked: 'valid' must be an array of booking ids");
        }
        java.util.Set<String> valid = new java.util.LinkedHashSet<>();
        for (Object id : rawValid) {
            if (!(id instanceof String text) || text.length() > RoomRevokedPayload.MAX_ID_LENGTH
                    || !org.linli.protocol.Ids.isValid(text)) {
                throw new PayloadException(Kind.WRONG_TYPE, "room revoked: every valid booking id must be 1-"
                        + RoomRevokedPayload.MAX_ID_LENGTH + " letters, digits, '-' or '_'");
            }
            if (!valid.add(text)) {
                throw new PayloadException(Kind.BAD_VALUE, "room revoked: booking " + text + " is named twice");
            }
        }
        return new RoomRevokedPayload(ts, room, from, until, windows, List.copyOf(valid));
    }

    /** Decodes the keys array; it has no {@code ts} of its own, so the result carries the time of decoding. */
    public KeysPayload decodeKeys(byte[] bytes) throws PayloadException {
        if (!(tree(bytes) instanceof List<?> root)) {
            throw new PayloadException(Kind.WRONG_TYPE, "keys: expected a JSON array of keys");
        }
        List<KeysPayload.PublicKeyEntry> keys = new ArrayList<>(root.size());
        for (Object entry : root) {
            if (!(entry instanceof Map<?, ?> object)) {
                throw new PayloadException(Kind.WRONG_TYPE, "keys: every key must be an object");
            }
            Fields f = new Fields(object, "key");
            String kid = f.requireString("kid");
            String alg = f.requireOneOf("alg", KeysPayload.PublicKeyEntry.ED25519);
            String key = f.requireString("key");
            keys.add(new KeysPayload.PublicKeyEntry(kid, alg, key));
        }
        return new KeysPayload(clock.millis(), keys);
    }

    private Fields object(byte[] bytes, String what) throws PayloadException {
        return object(bytes, MAX_BYTES, what);
    }

    private Fields object(byte[] bytes, int maxBytes, String what) throws PayloadException {
        if (!(tree(bytes, maxBytes) instanceof Map<?, ?> root)) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": expected a JSON object");
        }
        return new Fields(root, what);
    }

    /**
     * The first JSON value of the bytes as plain Java: {@code Map} (in order), {@code List}, {@code String},
     * {@code Long} (or {@code BigInteger} when too large), {@code Double}, {@code Boolean}, or null for JSON null.
     */
    private Object tree(byte[] bytes) throws PayloadException {
        return tree(bytes, MAX_BYTES);
    }

    private Object tree(byte[] bytes, int maxBytes) throws PayloadException {
        if (bytes == null || bytes.length == 0) {
            throw new PayloadException(Kind.MALFORMED_JSON, "empty payload");
        }
        if (bytes.length > maxBytes) {
            throw new PayloadException(Kind.TOO_LARGE, "payload of " + bytes.length + " bytes is over the limit of "
                    + maxBytes);
        }
        try (JsonParser parser = factory.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PayloadException(Kind.MALFORMED_JSON, "empty payload");
            }
            return value(parser, first);
        } catch (IOException | RuntimeException e) {
            // Jackson reports bad JSON and constraint violations (depth, duplicate names) as IOException;
            // anything at runtime is the input's fault too.
            throw new PayloadException(Kind.MALFORMED_JSON, "not JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Recursion is bounded: the parser refuses nesting deeper than 8. */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private long ts(Fields f) throws PayloadException {
        return f.requireLong("ts", MIN_TS, clock.millis() + MAX_FUTURE.toMillis());
    }

    private static long seq(Fields f) throws PayloadException {
        return f.requireLong("seq", 0, Long.MAX_VALUE);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) : line;
    }
}
