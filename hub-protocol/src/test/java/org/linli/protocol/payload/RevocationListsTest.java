package org.linli.protocol.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.protocol.payload.PayloadException.Kind;
import org.linli.protocol.payload.RoomRevokedPayload.Booking;
import org.linli.protocol.payload.RoomRevokedPayload.Window;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.RoomRevocations;

/**
 * The revocation lists a door takes (review finding H2): their own size limits, sized for the worst case the design
 * allows; a room list that stays small whatever the number of cancellations; and no judgement of a list by the clock.
 */
class RevocationListsTest {
    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");
    static final long FROM = NOW.getEpochSecond();
    final PayloadCodec codec = new PayloadCodec(Clock.fixed(NOW, ZoneOffset.UTC));

    static AccessToken booking(long id, long start, long end) {
        return AccessToken.booking(1, id, "h", "r101", Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
    }

    @Test
    void tenThousandCancellationsOfOneSlotAreOneWindow() throws PayloadException {
        long slot = FROM + 3600;
        List<Window> cancelled = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            cancelled.add(new Window(slot, slot + 1800));
        }
        RoomRevokedPayload list = RoomRevokedPayload.of(NOW.toEpochMilli(), "r101", FROM, FROM + 86_400, cancelled,
                List.of(new Booking("777001", slot, slot + 1800), new Booking("777002", slot + 7200, slot + 9000)));
        byte[] wire = codec.encode(list);
        assertTrue(wire.length < 200, new String(wire, StandardCharsets.UTF_8));
        assertEquals("{\"ts\":" + NOW.toEpochMilli() + ",\"room\":\"r101\",\"from\":" + FROM + ",\"until\":"
                + (FROM + 86_400) + ",\"windows\":[[3600,5400]],\"valid\":[\"777001\"]}",
                new String(wire, StandardCharsets.UTF_8), "only the booking made after the cancellations is valid");

        RoomRevocations room = RoomRevocations.of(codec.decodeRoomRevoked(wire));
        for (int id = 1; id <= 10_000; id += 997) {
            assertTrue(room.revokes(booking(id, slot, slot + 1800)), "cancelled booking " + id);
        }
        assertFalse(room.revokes(booking(777001, slot, slot + 1800)), "the slot's current booking opens");
        assertFalse(room.revokes(booking(555, slot + 1800, slot + 3600)), "the next slot is untouched");
        assertTrue(room.revokes(booking(556, slot - 1800, slot + 60)), "a window that overlaps by a minute");
    }

    @Test
    void mergesOverlappingAndTouchingWindowsAndCutsThemToTheSpan() {
        RoomRevokedPayload list = RoomRevokedPayload.of(1, "r", 1000, 5000, List.of(new Window(900, 1200),
                new Window(1200, 1300), new Window(1500, 1800), new Window(1700, 2000), new Window(4900, 9000),
                new Window(6000, 7000)), List.of());
        assertEquals(List.of(new Window(1000, 1300), new Window(1500, 2000), new Window(4900, 5000)), list.windows());
    }

    /**
     * The worst case the design allows: a week's span (the most a list may cover) at 5-minute slots (the shortest a
     * room may have), every other slot a cancelled window and every slot a valid booking with a 32-character id
     * overlapping one (bookings may start off the windows' grid when a slot length changes). It fits the door's own
     * limit, and every decision still comes out right.
     */
    @Test
    void theWorstCaseTheDesignAllowsFitsTheDoorsLimit() throws PayloadException {
        long from = FROM;
        long until = from + RoomRevokedPayload.MAX_SPAN.toSeconds();
        List<Window> cancelled = new ArrayList<>();
        List<Booking> active = new ArrayList<>();
        for (long t = from; t + 600 <= until; t += 600) {
            cancelled.add(new Window(t, t + 300));
        }
        for (long t = from; t + 300 <= until; t += 300) {
            active.add(new Booking(t == from ? "4711" : String.format("%032d", t), t - 150, t + 150));
        }
        RoomRevokedPayload list = RoomRevokedPayload.of(Long.MAX_VALUE / 2, "room-with-a-long-name-0123456789",
                from, until, cancelled, active);
        assertEquals(1008, list.windows().size());
        assertEquals(2016, list.valid().size());
        byte[] wire = codec.encode(list);
        assertTrue(wire.length <= RoomRevokedPayload.MAX_BYTES, wire.length + " bytes");
        assertTrue(wire.length > RoomRevokedPayload.MAX_BYTES * 3 / 4, "the limit is not far above the worst case: "
                + wire.length);
        RoomRevocations room = RoomRevocations.of(codec.decodeRoomRevoked(wire));
        assertEquals(1008, room.windows());
        assertFalse(room.revokes(booking(4711, from - 150, from + 150)), "a valid booking opens");
        assertTrue(room.revokes(booking(1, from + 150, from + 450)), "a cancelled one does not");
        assertFalse(room.revokes(booking(2, from + 300, from + 600)), "between two windows");
    }

    @Test
    void aHubWideListOverTheOldFourKilobytesIsTaken() throws PayloadException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add(Integer.toString(100_000 + i));
        }
        byte[] wire = codec.encode(new RevokedPayload(NOW.toEpochMilli(), ids));
        assertTrue(wire.length > 4096 && wire.length <= RevokedPayload.MAX_BYTES, wire.length + " bytes");
        assertEquals(ids, codec.decodeRevoked(wire).bookings());
    }

    @Test
    void aListOverTheDoorsOwnLimitIsRefusedAsTooLargeSayingHowLarge() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            ids.add(Integer.toString(1_000_000 + i));
        }
        byte[] wire = codec.encode(new RevokedPayload(NOW.toEpochMilli(), ids));
        PayloadException e = assertThrows(PayloadException.class, () -> codec.decodeRevoked(wire));
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains(Integer.toString(wire.length)), e.getMessage());
    }

    @Test
    void aListFromTheDoorsFutureIsTakenTheDoorJudgesItAgainstThePreviousOne() throws PayloadException {
        long dayAhead = NOW.plus(Duration.ofDays(2)).toEpochMilli();
        assertEquals(dayAhead, codec.decodeRevoked(codec.encode(new RevokedPayload(dayAhead, List.of("1")))).ts());
        RoomRevokedPayload room = RoomRevokedPayload.of(dayAhead, "r", FROM, FROM + 60, List.of(), List.of());
        assertEquals(dayAhead, codec.decodeRoomRevoked(codec.encode(room)).ts());
    }

    static Stream<Arguments> badRoomLists() {
        String head = "{\"ts\":" + NOW.toEpochMilli() + ",\"room\":\"r\",\"from\":1000,\"until\":5000,";
        return Stream.of(
                Arguments.of(head + "\"windows\":[[10,20],[5,8]],\"valid\":[]}", Kind.BAD_VALUE),
                Arguments.of(head + "\"windows\":[[10,20],[20,30]],\"valid\":[]}", Kind.BAD_VALUE),
                Arguments.of(head + "\"windows\":[[10,10]],\"valid\":[]}", Kind.BAD_VALUE),
                Arguments.of(head + "\"windows\":[[-5,10]],\"valid\":[]}", Kind.BAD_VALUE),
                Arguments.of(head + "\"windows\":[[10,4001]],\"valid\":[]}", Kind.BAD_VALUE),
                Arguments.of(head + "\"windows\":[[10,20,30]],\"valid\":[]}", Kind.WRONG_TYPE),
                Arguments.of(head + "\"windows\":[[10.5,20]],\"valid\":[]}", Kind.WRONG_TYPE),
                Arguments.of(head + "\"windows\":[],\"valid\":[\"1\",\"1\"]}", Kind.BAD_VALUE),
                Arguments.of(head + "\"windows\":[],\"valid\":[\"" + "1".repeat(33) + "\"]}", Kind.WRONG_TYPE),
                Arguments.of(head + "\"windows\":[],\"valid\":[\"a/b\"]}", Kind.WRONG_TYPE),
                Arguments.of(head + "\"windows\":[],\"valid\":[7]}", Kind.WRONG_TYPE),
                Arguments.of(head + "\"valid\":[]}", Kind.MISSING_FIELD),
                Arguments.of(head + "\"windows\":[]}", Kind.MISSING_FIELD),
                Arguments.of("{\"ts\":" + NOW.toEpochMilli() + ",\"room\":\"r\",\"from\":1000,\"until\":1000,"
                        + "\"windows\":[],\"valid\":[]}", Kind.BAD_VALUE),
                Arguments.of("{\"ts\":" + NOW.toEpochMilli() + ",\"room\":\"r\",\"from\":0,\"until\":"
                        + (RoomRevokedPayload.MAX_SPAN.toSeconds() + 1) + ",\"windows\":[],\"valid\":[]}",
                        Kind.BAD_VALUE),
                Arguments.of("{\"ts\":5,\"room\":\"r\",\"from\":0,\"until\":10,\"windows\":[],\"valid\":[]}",
                        Kind.BAD_VALUE));
    }

    @ParameterizedTest
    @MethodSource("badRoomLists")
    void refusesARoomListThatIsNotStrictlyWellFormed(String json, Kind expected) {
        PayloadException e = assertThrows(PayloadException.class,
                () -> codec.decodeRoomRevoked(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, e.kind(), e.getMessage());
    }
}
