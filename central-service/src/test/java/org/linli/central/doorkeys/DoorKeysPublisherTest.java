package org.linli.central.doorkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RoomRevokedPayload;

/** Central never publishes a revocation list its doors would refuse: it raises the alarm instead. */
class DoorKeysPublisherTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T04:00:00Z"), ZoneOffset.UTC);

    @Test
    void aListOverTheDoorsLimitIsNotPublishedAndRaisesTheAlarm() {
        List<String> alarms = new ArrayList<>();
        // more valid bookings than a room can hold (the database forbids overlaps; this source does not)
        DoorKeysPublisher publisher = new DoorKeysPublisher(null, (room, from, until) -> {
            List<RoomRevokedPayload.Booking> valid = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                valid.add(new RoomRevokedPayload.Booking(Long.toString(Long.MAX_VALUE - i), from, until));
            }
            return new DoorKeysPublisher.Source(List.of(new RoomRevokedPayload.Window(from, until)), valid);
        }, null, null, (hub, room, bytes, reason) -> alarms.add(hub + "/" + room + " " + bytes + " " + reason),
                CLOCK);
        try {
            assertTrue(publisher.checkedList("wutong66", "studio").isEmpty());
            assertEquals(1, alarms.size());
            assertTrue(alarms.getFirst().startsWith("wutong66/studio "), alarms.getFirst());
            assertTrue(alarms.getFirst().contains("over the limit"), alarms.getFirst());
        } finally {
            publisher.close();
        }
    }

    @Test
    void aListTheDoorTakesIsPublishedWithoutAlarmAndEndsAnEarlierOne() throws Exception {
        List<String> alarms = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        DoorKeysPublisher publisher = new DoorKeysPublisher(null, (room, from, until) -> new DoorKeysPublisher.Source(
                List.of(new RoomRevokedPayload.Window(from + 600, from + 1800)),
                List.of(new RoomRevokedPayload.Booking("42", from + 1800, from + 3600))), null, null,
                new DoorKeysPublisher.Alarm() {
                    @Override
                    public void unpublishable(String hub, String room, int bytes, String reason) {
                        alarms.add(reason);
                    }

                    @Override
                    public void publishable(String hub, String room) {
                        ended.add(hub + "/" + room);
                    }
                }, CLOCK);
        try {
            byte[] list = publisher.checkedList("wutong66", "studio").orElseThrow();
            RoomRevokedPayload decoded = new PayloadCodec(CLOCK).decodeRoomRevoked(list);
            assertEquals(1, decoded.windows().size());
            assertEquals(List.of(), decoded.valid(), "a booking after the window is not named");
            assertEquals(DoorKeysPublisher.SPAN.toSeconds(), decoded.until() - decoded.from());
            assertTrue(alarms.isEmpty(), alarms.toString());
            assertEquals(List.of("wutong66/studio"), ended, "its revocations_unpublishable alert, if any, resolved");
        } finally {
            publisher.close();
        }
    }
}
