package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.alerts.Alert;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.payload.RoomRevokedPayload;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.RoomRevocations;
import org.linli.protocol.token.TokenFormat;

/**
 * Finding H2: however many bookings were cancelled, the room's revocation list reaches its doors and refuses the
 * cancelled booking, while the valid booking of a re-booked slot still opens.
 */
class RevocationListsIT {
    static final String HUB = TestServer.HUB;
    static final String ROOM = "studio";
    static final int CANCELLATIONS = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandCancellationsStillMakeAListTheDoorTakesAndThatRefusesTheCancelledBooking() throws Exception {
        HubTime noon = HubTime.noon();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-revocation-it"), noon.clock())) {
            long now = server.clock().instant().getEpochSecond();
            // 10,000 bookings made and cancelled in the room over the next 40 hours, as a kiosk key in a loop (or a
            // busy hub in weeks) leaves them
            writeCancelled(server, LongStream.range(0, CANCELLATIONS).map(i -> now - now % 1800 + 1800L * (i % 80)),
                    1800);
            String operator = server.token("operator");
            // a slot cancelled thousands of times, booked again: that booking must still open
            TestServer.Response rebooked = book(server, operator, 10);
            assertEquals(201, rebooked.status(), rebooked.text());
            TestServer.Response cancelled = book(server, operator, 15);
            assertEquals(201, cancelled.status(), cancelled.text());
            long cancelledId = cancelled.json().get("id").asLong();
            TestServer.Response cancel = server.delete("/api/v1/bookings/" + cancelledId, operator);
            assertEquals(200, cancel.status(), cancel.text());

            AccessToken cancelledToken = TokenFormat.parse(cancelled.json().get("token").asText());
            AccessToken rebookedToken = TokenFormat.parse(rebooked.json().get("token").asText());
            PayloadCodec door = new PayloadCodec(server.clock());
            byte[] bytes = Brokers.awaitRetained(broker, Topics.roomRevoked(HUB, ROOM), message -> {
                try {
                    return RoomRevocations.of(door.decodeRoomRevoked(message)).revokes(cancelledToken);
                } catch (Exception e) {
                    return false;
                }
            });
            RoomRevokedPayload list = door.decodeRoomRevoked(bytes);
            assertTrue(bytes.length <= RoomRevokedPayload.MAX_BYTES, bytes.length + " bytes");
            assertEquals(1, list.windows().size(), "touching cancelled slots are one window: " + list.windows());
            assertTrue(list.from() <= now && list.until() > now + 40 * 3600, list.from() + ".." + list.until());
            RoomRevocations revocations = RoomRevocations.of(list);
            assertTrue(revocations.revokes(cancelledToken));
            assertFalse(revocations.revokes(rebookedToken), "the valid booking of a re-booked slot is refused");
            assertEquals(java.util.List.of(Long.toString(rebookedToken.subject())), list.valid());
            System.out.println("room list after " + CANCELLATIONS + " cancellations: " + bytes.length + " bytes");

            // the hub-wide list, one id per cancellation and without a bound, is empty now
            RevokedPayload hubWide = door.decodeRevoked(Brokers.awaitRetained(broker, Topics.accessRevoked(HUB),
                    message -> true));
            assertTrue(hubWide.bookings().isEmpty(), hubWide.bookings().size() + " ids");
        }
    }

    /**
     * A hub made after start (the catalogue page, FromEmptyIT's finding) has its doors' keys and hub-wide list
     * retained at once, not at the hourly refresh: the door publisher follows the catalogue's {@code hub} event.
     */
    @Test
    void aHubMadeAfterStartHasItsDoorsKeysAtOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-new-hub-keys-it"), HubTime.noon().clock())) {
            // everything of start is out (the hubs of then were read before the demo hub's keys went)
            Brokers.awaitRetained(broker, Topics.accessKeys(HUB), message -> true);
            server.components().catalogue().put(new org.linli.central.catalogue.Hub("yongkang", "street", "xuhui",
                    new org.linli.central.catalogue.Name("永康邻里汇", "Yongkang Hub"),
                    java.time.ZoneId.of("Asia/Shanghai"), java.time.LocalTime.of(8, 0), java.time.LocalTime.of(21, 0)));
            Brokers.awaitRetained(broker, Topics.accessKeys("yongkang"), message -> true);
            Brokers.awaitRetained(broker, Topics.accessRevoked("yongkang"), message -> true);
        }
    }

    /** A door that cannot apply its list, or whose list is stale, says so, and the hub's staff see an alert. */
    @Test
    void aDoorThatRefusesItsListOrRunsStaleRaisesAnAlert() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.onMachineClock(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-revocation-alerts-it"))) {
            assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                    Map.of("id", "studio-door", "hub", HUB, "rooms", java.util.List.of(ROOM))).status());
            org.awaitility.Awaitility.await().until(() -> server.components().mqttConnected());
            PayloadCodec codec = new PayloadCodec(java.time.Clock.systemUTC());
            try (TestPublisher door = new TestPublisher(broker.url(), "studio-door")) {
                long now = System.currentTimeMillis();
                door.publish("linli/v1/devices/studio-door/events", codec.encode(new EventPayload(now, 1, ROOM,
                        "access.revocations_refused", null, "payload of 120000 bytes is over the limit")), false);
                door.publish("linli/v1/devices/studio-door/events", codec.encode(new EventPayload(now, 2, ROOM,
                        "access.revocations_stale", null, "covers only until …")), false);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> server
                        .components().alerts().open(HUB).stream().map(Alert::kind).toList()
                        .containsAll(java.util.List.of(Alert.REVOCATIONS_REFUSED, Alert.REVOCATIONS_STALE)));
            }
            Alert refused = server.components().alerts().open(HUB).stream()
                    .filter(a -> a.kind().equals(Alert.REVOCATIONS_REFUSED)).findFirst().orElseThrow();
            assertEquals(ROOM, refused.roomId());
            assertEquals("studio-door", refused.deviceId());
        }
    }

    /**
     * Finding H2's other half (issue #13): a list its doors would refuse, over their 96 KiB, is not published, and
     * the hub's staff see why through the service's own wiring (the publisher's alarm in LiveParts): an open
     * {@code revocations_unpublishable} alert on the dashboard's live snapshot, while the doors keep their last list;
     * once the list fits again it is published and the alert is resolved. No booking path makes such a list (5-minute
     * slots give a quarter of the limit at worst): it is 9,000 one-second cancellations a second apart, 9,000
     * windows that do not merge, written straight into the table.
     */
    @Test
    void aListOverTheDoorsLimitIsAnOpenAlertForTheHubsStaffUntilItFitsAgain() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-revocation-limit-it"), HubTime.noon().clock())) {
            PayloadCodec door = new PayloadCodec(server.clock());
            // the start's list, which the doors hold from now on
            Brokers.awaitRetained(broker, Topics.roomRevoked(HUB, ROOM), message -> true);
            long now = server.clock().instant().getEpochSecond();
            writeCancelled(server, LongStream.range(0, 9_000).map(i -> now + 60 + 2 * i), 1);
            String operator = server.token("operator");
            // a resident books the room tomorrow: its list is made again, and is too large
            TestServer.Response booked = book(server, operator, 10);
            assertEquals(201, booked.status(), booked.text());
            JsonNode alert = await().atMost(Duration.ofSeconds(20)).until(() -> unpublishable(server, operator),
                    a -> a != null && a.path("state").asText().equals("open"));
            assertEquals(ROOM, alert.path("room").asText(), alert.toString());
            assertTrue(alert.path("message").path("en").asText().contains("is over the limit of "
                    + RoomRevokedPayload.MAX_BYTES), alert.toString());
            assertTrue(alert.path("message").path("zh").asText().startsWith(ROOM + " 的撤销名单过大"),
                    alert.toString());
            assertEquals(List.of(), door.decodeRoomRevoked(Brokers.awaitRetained(broker, Topics.roomRevoked(HUB,
                    ROOM), message -> true)).windows(), "the doors keep the list they had");

            // the flood gone, the next change of the room publishes its list and ends the alert
            try (Connection c = server.openDatabase()) {
                assertEquals(9_000, c.createStatement().executeUpdate(
                        "DELETE FROM booking WHERE end_ts = start_ts + 1"));
            }
            AccessToken cancelled = TokenFormat.parse(booked.json().get("token").asText());
            TestServer.Response cancel = server.delete("/api/v1/bookings/" + cancelled.subject(), operator);
            assertEquals(200, cancel.status(), cancel.text());
            Brokers.awaitRetained(broker, Topics.roomRevoked(HUB, ROOM), message -> {
                try {
                    return RoomRevocations.of(door.decodeRoomRevoked(message)).revokes(cancelled);
                } catch (Exception e) {
                    return false;
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> unpublishable(server, operator),
                    a -> a != null && a.path("state").asText().equals("resolved"));
        }
    }

    /** Cancelled bookings of the room, one a start, each that long, written at once as the service stores them. */
    private static void writeCancelled(TestServer server, LongStream starts, long seconds) throws SQLException {
        long now = server.clock().instant().getEpochSecond();
        try (Connection c = server.openDatabase()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, status, created_ts,
                        changed_ts) VALUES (?, ?, ?, ?, 1, 'cancelled', ?, ?)""")) {
                for (long start : starts.toArray()) {
                    st.setString(1, HUB);
                    st.setString(2, ROOM);
                    st.setLong(3, start);
                    st.setLong(4, start + seconds);
                    st.setLong(5, now);
                    st.setLong(6, now);
                    st.addBatch();
                }
                st.executeBatch();
            }
            c.commit();
        }
    }

    /** The room's {@code revocations_unpublishable} alert as the hub's dashboard lists it, or null. */
    private static JsonNode unpublishable(TestServer server, String bearer) {
        for (JsonNode alert : server.get("/api/v1/hubs/" + HUB + "/live", bearer).json().path("alerts")) {
            if (alert.path("kind").asText().equals(Alert.REVOCATIONS_UNPUBLISHABLE)) {
                return alert;
            }
        }
        return null;
    }

    private static TestServer.Response book(TestServer server, String bearer, int hour) {
        return server.post("/api/v1/bookings", bearer, Map.of("room", ROOM,
                "start", server.tomorrowAt(hour, 0).toString(), "end", server.tomorrowAt(hour, 30).toString(),
                "phone", "1380000" + String.format("%04d", hour), "attendees", 1));
    }
}
