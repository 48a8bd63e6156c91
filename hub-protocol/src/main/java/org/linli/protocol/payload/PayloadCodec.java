package org.linli.protocol.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.linli.protocol.DeviceChannel;
import org.linli.protocol.payload.PayloadException.Kind;

/**
 * JSON codec for every payload of the MQTT tree, with strict validation. Decoding either returns a valid payload or
 * throws {@link PayloadException}; nothing else escapes it, whatever the bytes. Thread-safe.
 */
public final class PayloadCodec {
    /** The largest payload accepted, in bytes. */
    public static final int MAX_BYTES = 4096;
    /** Timestamps before this (2020-01-01) are absurd: an agent whose clock never synced. */
    public static final long MIN_TS = 1_577_836_800_000L;
    /** How far ahead of our clock a timestamp may be before it is absurd. */
    public static final Duration MAX_FUTURE = Duration.ofHours(1);
    static final int MAX_COUNT = 10_000;

    private final ObjectMapper mapper;
    private final Clock clock;

    public PayloadCodec(Clock clock) {
        this.clock = clock;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public PayloadCodec() {
        this(Clock.systemUTC());
    }

    /** The JSON bytes of a payload, as they go on the wire. */
    public byte[] encode(Payload payload) {
        try {
            Object wire = payload instanceof KeysPayload keys ? keys.keys() : payload;
            return mapper.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Decodes what a device published on a channel (status, occupancy, events, telemetry) or received (cmd). */
    public Payload decode(DeviceChannel channel, byte[] bytes) throws PayloadException {
        return switch (channel) {
            case STATUS -> decodeStatus(bytes);
            case OCCUPANCY -> decodeOccupancy(bytes);
            case EVENTS -> decodeEvent(bytes);
            case TELEMETRY -> decodeTelemetry(bytes);
            case CMD -> decodeCommand(bytes);
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
                f.requireLong("outboxDropped", 0, Long.MAX_VALUE), f.optionalString("version"));
    }

    public CommandPayload decodeCommand(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "command");
        String id = f.requireString("id");
        String cmd = f.requireOneOf("cmd", CommandPayload.UNLOCK, CommandPayload.IDENTIFY, CommandPayload.RELOAD);
        return new CommandPayload(id, cmd, ts(f), f.optionalId("room"), f.optionalInt("durationS", 1, 3600));
    }

    public RoomStatePayload decodeRoomState(byte[] bytes) throws PayloadException {
        Fields f = object(bytes, "room state");
        return new RoomStatePayload(ts(f), f.requireId("hub"), f.requireId("room"),
                f.requireOneOf("status", "free", "booked", "occupied", "over_capacity"), f.requireBoolean("occupied"),
                f.optionalInt("count", 0, MAX_COUNT), (int) f.requireLong("capacity", 0, MAX_COUNT),
                f.optionalString("source"), f.requireLong("since", 0, Long.MAX_VALUE), f.optionalString("bookingId"));
    }

    public RevokedPayload decodeRevoked(byte[] bytes) throws PayloadException {
        JsonNode root = tree(bytes);
        if (!root.isObject()) {
            throw new PayloadException(Kind.WRONG_TYPE, "revoked: expected a JSON object");
        }
        long ts = ts(new Fields(root, "revoked"));
        JsonNode list = root.get("bookings");
        if (list == null || !list.isArray()) {
            throw new PayloadException(Kind.MISSING_FIELD, "revoked: 'bookings' must be an array of ids");
        }
        List<String> ids = new ArrayList<>(list.size());
        for (JsonNode id : list) {
            if (!id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > Fields.MAX_STRING) {
                throw new PayloadException(Kind.WRONG_TYPE, "revoked: every booking id must be a short string");
            }
            ids.add(id.textValue());
        }
        return new RevokedPayload(ts, ids);
    }

    /** Decodes the keys array; it has no {@code ts} of its own, so the result carries the time of decoding. */
    public KeysPayload decodeKeys(byte[] bytes) throws PayloadException {
        JsonNode root = tree(bytes);
        if (!root.isArray()) {
            throw new PayloadException(Kind.WRONG_TYPE, "keys: expected a JSON array of keys");
        }
        List<KeysPayload.PublicKeyEntry> keys = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            if (!entry.isObject()) {
                throw new PayloadException(Kind.WRONG_TYPE, "keys: every key must be an object");
            }
            Fields f = new Fields(entry, "key");
            String kid = f.requireString("kid");
            String alg = f.requireOneOf("alg", KeysPayload.PublicKeyEntry.ED25519);
            String key = f.requireString("key");
            keys.add(new KeysPayload.PublicKeyEntry(kid, alg, key));
        }
        return new KeysPayload(clock.millis(), keys);
    }

    private Fields object(byte[] bytes, String what) throws PayloadException {
        JsonNode root = tree(bytes);
        if (!root.isObject()) {
            throw new PayloadException(Kind.WRONG_TYPE, what + ": expected a JSON object");
        }
        return new Fields(root, what);
    }

    private JsonNode tree(byte[] bytes) throws PayloadException {
        if (bytes == null || bytes.length == 0) {
            throw new PayloadException(Kind.MALFORMED_JSON, "empty payload");
        }
        if (bytes.length > MAX_BYTES) {
            throw new PayloadException(Kind.TOO_LARGE, "payload of " + bytes.length + " bytes is over the limit of "
                    + MAX_BYTES);
        }
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new PayloadException(Kind.MALFORMED_JSON, "empty payload");
            }
            return root;
        } catch (IOException | RuntimeException e) {
            // Jackson reports bad JSON as IOException, constraint violations as runtime exceptions: both are input.
            throw new PayloadException(Kind.MALFORMED_JSON, "not JSON: " + firstLine(e.getMessage()));
        }
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
