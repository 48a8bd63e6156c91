package org.linli.protocol.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.protocol.DeviceChannel;
import org.linli.protocol.payload.PayloadException.Kind;

class PayloadCodecTest {
    static final long NOW = Instant.parse("2026-11-28T02:00:00Z").toEpochMilli();
    final PayloadCodec codec = new PayloadCodec(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void roundTripsEveryDevicePayload() throws PayloadException {
        List<Payload> payloads = List.of(
                new StatusPayload("online", NOW, "0.1.0"),
                new StatusPayload("offline", NOW, null),
                new OccupancyPayload(NOW, 0, "wt66-r101", true, 3, "beam"),
                new OccupancyPayload(NOW, 9, "wt66-r101", false, null, "pir"),
                new EventPayload(NOW, 17, "wt66-r101", "access.granted", "4711", null),
                new EventPayload(NOW, 18, "wt66-r101", "access.denied", null, "EXPIRED"),
                new TelemetryPayload(NOW, 19, 3600, 20_000_000, 60_000_000, 48.5, 0, 2, "0.1.0"),
                new TelemetryPayload(NOW, 20, 1, 1, 1, null, 12, 0, null),
                new TelemetryPayload(NOW, 21, 1, 1, 1, null, 0, 0, null, NOW - 60_000, 3L),
                new CommandPayload("c-1", "unlock", NOW, "wt66-r101", 5),
                new CommandPayload("c-2", "identify", NOW, null, null));
        for (Payload payload : payloads) {
            DeviceChannel channel = switch (payload) {
                case StatusPayload s -> DeviceChannel.STATUS;
                case OccupancyPayload o -> DeviceChannel.OCCUPANCY;
                case EventPayload e -> DeviceChannel.EVENTS;
                case TelemetryPayload t -> DeviceChannel.TELEMETRY;
                default -> DeviceChannel.CMD;
            };
            assertEquals(payload, codec.decode(channel, codec.encode(payload)), payload.toString());
        }
    }

    @Test
    void roundTripsTheCentralPayloads() throws PayloadException {
        RoomStatePayload state = new RoomStatePayload(NOW, "xh-wt66", "wt66-r101", "occupied", true, 4, 12, "beam",
                NOW - 60_000, "4711");
        assertEquals(state, codec.decodeRoomState(codec.encode(state)));
        RevokedPayload revoked = new RevokedPayload(NOW, List.of("4711", "4712"));
        assertEquals(revoked, codec.decodeRevoked(codec.encode(revoked)));
        KeysPayload keys = new KeysPayload(NOW, List.of(new KeysPayload.PublicKeyEntry("1", "Ed25519", "AAAA")));
        assertEquals(keys, codec.decodeKeys(codec.encode(keys)));
        AckPayload ack = new AckPayload(NOW, List.of(new AckPayload.Range(0, 99), new AckPayload.Range(101, 101),
                new AckPayload.Range(Long.MAX_VALUE, Long.MAX_VALUE)));
        assertEquals(ack, codec.decode(DeviceChannel.ACK, codec.encode(ack)));
        assertEquals("{\"ts\":" + NOW + ",\"seqs\":[[0,99],[101,101],[9223372036854775807,9223372036854775807]]}",
                text(ack));
    }

    @Test
    void receiptsJoinAdjacentSeqsAndSplitPastTheLimitOfRanges() {
        long[] seqs = {7, 5, 6, 6, 9, 10, 12, 0};
        assertEquals(List.of(new AckPayload(NOW, List.of(new AckPayload.Range(0, 0), new AckPayload.Range(5, 7),
                new AckPayload.Range(9, 10), new AckPayload.Range(12, 12)))), AckPayload.of(NOW, seqs, seqs.length));
        assertEquals(List.of(new AckPayload(NOW, List.of(new AckPayload.Range(5, 7)))), AckPayload.of(NOW, seqs, 3));

        long[] every = new long[AckPayload.MAX_RANGES * 2 + 1];
        for (int i = 0; i < every.length; i++) {
            every[i] = 2L * i;
        }
        List<AckPayload> receipts = AckPayload.of(NOW, every, every.length);
        assertEquals(List.of(AckPayload.MAX_RANGES, AckPayload.MAX_RANGES, 1),
                receipts.stream().map(r -> r.seqs().size()).toList());
        for (AckPayload receipt : receipts) {
            assertTrue(codec.encode(receipt).length <= PayloadCodec.MAX_BYTES);
        }
        long[] largest = new long[AckPayload.MAX_RANGES];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = Long.MAX_VALUE - 2L * i;
        }
        assertTrue(codec.encode(AckPayload.of(NOW, largest, largest.length).getFirst()).length
                <= PayloadCodec.MAX_BYTES, "a full receipt of the largest seqs fits the payload limit");
    }

    @Test
    void findsTheSeqOfAMessageThatDoesNotDecode() {
        assertEquals(java.util.OptionalLong.of(42), codec.seqOf(
                "{\"ts\":12,\"seq\":42,\"room\":\"r\"}".getBytes(StandardCharsets.UTF_8)));
        for (String none : List.of("{\"ts\":12}", "{\"seq\":-1}", "{\"seq\":\"42\"}", "{\"seq\":4.2}", "[42]", "{",
                "")) {
            assertTrue(codec.seqOf(none.getBytes(StandardCharsets.UTF_8)).isEmpty(), none);
        }
    }

    @Test
    void writesTheKeysAsTheBareArrayOfDesignMd() {
        KeysPayload keys = new KeysPayload(NOW, List.of(new KeysPayload.PublicKeyEntry("1", "Ed25519", "AAAA")));
        assertEquals("[{\"kid\":\"1\",\"alg\":\"Ed25519\",\"key\":\"AAAA\"}]",
                new String(codec.encode(keys), StandardCharsets.UTF_8));
    }

    @Test
    void writesFieldsInRecordOrderAndLeavesOutNulls() {
        assertEquals("{\"ts\":" + NOW + ",\"seq\":17,\"room\":\"wt66-r101\",\"type\":\"access.granted\","
                + "\"bookingId\":\"4711\"}",
                text(new EventPayload(NOW, 17, "wt66-r101", "access.granted", "4711", null)));
        assertEquals("{\"state\":\"offline\",\"ts\":" + NOW + "}", text(new StatusPayload("offline", NOW, null)));
        assertEquals("{\"ts\":" + NOW + ",\"seq\":19,\"uptimeS\":3600,\"heapBytes\":20000000,\"rssBytes\":60000000,"
                + "\"cpuTempC\":48.5,\"outboxDepth\":0,\"outboxDropped\":2,\"version\":\"0.1.0\"}",
                text(new TelemetryPayload(NOW, 19, 3600, 20_000_000, 60_000_000, 48.5, 0, 2, "0.1.0")));
        assertEquals("{\"ts\":" + NOW + ",\"seq\":0,\"room\":\"r\",\"occupied\":false,\"source\":\"pir\"}",
                text(new OccupancyPayload(NOW, 0, "r", false, null, "pir")));
        assertEquals("{\"id\":\"c-1\",\"cmd\":\"unlock\",\"ts\":" + NOW + ",\"room\":\"r\",\"durationS\":5}",
                text(new CommandPayload("c-1", "unlock", NOW, "r", 5)));
        assertEquals("{\"ts\":" + NOW + ",\"hub\":\"h\",\"room\":\"r\",\"status\":\"free\",\"occupied\":false,"
                + "\"capacity\":12,\"since\":1}",
                text(new RoomStatePayload(NOW, "h", "r", "free", false, null, 12, null, 1, null)));
        assertEquals("{\"ts\":" + NOW + ",\"bookings\":[\"4711\",\"\\\"quoted\\\"\"]}",
                text(new RevokedPayload(NOW, List.of("4711", "\"quoted\""))));
    }

    private String text(Payload payload) {
        return new String(codec.encode(payload), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> malformed() {
        String ts = "\"ts\":" + NOW;
        return Stream.of(
                Arguments.of(DeviceChannel.OCCUPANCY, "", Kind.MALFORMED_JSON),
                Arguments.of(DeviceChannel.OCCUPANCY, "{", Kind.MALFORMED_JSON),
                Arguments.of(DeviceChannel.OCCUPANCY, "not json", Kind.MALFORMED_JSON),
                Arguments.of(DeviceChannel.OCCUPANCY, "[]", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "42", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "null", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"seq\":1,\"room\":\"r\",\"occupied\":true,\"source\":\"pir\"}",
                        Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"room\":\"r\",\"occupied\":true,\"source\":\"pir\"}",
                        Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"ts\":\"" + NOW + "\",\"seq\":1,\"room\":\"r\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"ts\":" + NOW + ".5,\"seq\":1,\"room\":\"r\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":1,\"room\":\"r\",\"occupied\":\"yes\","
                        + "\"source\":\"pir\"}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":1,\"room\":\"r\",\"occupied\":1,"
                        + "\"source\":\"pir\"}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":-1,\"room\":\"r\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":1,\"room\":\"r\",\"occupied\":true,"
                        + "\"count\":-1,\"source\":\"beam\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":1,\"room\":\"r\",\"occupied\":true,"
                        + "\"count\":1000000,\"source\":\"beam\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"ts\":" + (NOW + 86_400_000L) + ",\"seq\":1,\"room\":\"r\","
                        + "\"occupied\":true,\"source\":\"pir\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"ts\":12,\"seq\":1,\"room\":\"r\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"ts\":1e30,\"seq\":1,\"room\":\"r\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"ts\":99999999999999999999999,\"seq\":1,\"room\":\"r\","
                        + "\"occupied\":true,\"source\":\"pir\"}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":1,\"room\":\"r/#\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + ",\"seq\":1,\"room\":\"\",\"occupied\":true,"
                        + "\"source\":\"pir\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.OCCUPANCY, "{" + ts + "," + ts + ",\"seq\":1,\"room\":\"r\","
                        + "\"occupied\":true,\"source\":\"pir\"}", Kind.MALFORMED_JSON),
                Arguments.of(DeviceChannel.EVENTS, "{" + ts + ",\"seq\":1,\"room\":\"r\",\"type\":\"door.exploded\"}",
                        Kind.UNKNOWN_TYPE),
                Arguments.of(DeviceChannel.EVENTS, "{" + ts + ",\"seq\":1,\"room\":\"r\",\"type\":7}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.EVENTS, "{" + ts + ",\"seq\":1,\"room\":\"r\"}", Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.EVENTS, "{" + ts + ",\"seq\":1,\"type\":\"access.denied\",\"reason\":\""
                        + "x".repeat(300) + "\"}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.STATUS, "{\"state\":\"sleeping\"," + ts + "}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.STATUS, "{\"state\":\"online\"}", Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.TELEMETRY, "{" + ts + ",\"seq\":1}", Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.TELEMETRY, "{" + ts + ",\"seq\":1,\"uptimeS\":1,\"heapBytes\":1,"
                        + "\"rssBytes\":1,\"outboxDepth\":0,\"outboxDropped\":0,\"cpuTempC\":999}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.CMD, "{\"id\":\"c\",\"cmd\":\"selfdestruct\"," + ts + "}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.CMD, "{\"id\":\"c\",\"cmd\":\"unlock\"," + ts + ",\"durationS\":100000}",
                        Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + "}", Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[]}", Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[" + "[1,1],".repeat(64) + "[1,1]]}",
                        Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[1]]}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[1,2,3]]}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[1,2]}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[1,\"2\"]]}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[1.5,2]]}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[1,99999999999999999999]]}", Kind.WRONG_TYPE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[2,1]]}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[-1,1]]}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[5,9],[9,12]]}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.ACK, "{" + ts + ",\"seqs\":[[5,9],[1,2]]}", Kind.BAD_VALUE),
                Arguments.of(DeviceChannel.ACK, "{\"seqs\":[[1,2]]}", Kind.MISSING_FIELD),
                Arguments.of(DeviceChannel.OCCUPANCY, "[".repeat(50) + "]".repeat(50), Kind.MALFORMED_JSON),
                Arguments.of(DeviceChannel.OCCUPANCY, "{\"a\":\"" + "x".repeat(5000) + "\"}", Kind.TOO_LARGE));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedPayloadsWithATypedError(DeviceChannel channel, String json, Kind expected) {
        PayloadException e = assertThrows(PayloadException.class,
                () -> codec.decode(channel, json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, e.kind(), e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void acceptsUnknownExtraFieldsForForwardCompatibility() throws PayloadException {
        byte[] json = ("{\"ts\":" + NOW + ",\"seq\":1,\"room\":\"r\",\"occupied\":true,\"source\":\"pir\","
                + "\"firmware\":\"2\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(new OccupancyPayload(NOW, 1, "r", true, null, "pir"), codec.decodeOccupancy(json));
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButPayloadException() {
        Random random = new Random(42);
        byte[] valid = codec.encode(new OccupancyPayload(NOW, 5, "r1", true, 2, "beam"));
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = i % 2 == 0 ? randomBytes(random) : mutate(valid, random);
            for (DeviceChannel channel : DeviceChannel.values()) {
                try {
                    codec.decode(channel, bytes);
                } catch (PayloadException expected) {
                    // the only allowed failure
                }
            }
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return random.nextBoolean() ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
}
