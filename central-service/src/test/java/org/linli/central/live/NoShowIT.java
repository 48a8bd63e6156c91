package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.central.TestServer;
import org.linli.central.devices.DeviceRegistry;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Sensor-verified bookings: the server releases a no-show by itself and marks a booking used on presence + token,
 * at every {@link HubTime} in three zones. The hub is open around the clock here, so that the next booking after
 * five to midnight starts on the hub's next day.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#matrix")
class NoShowIT {
    static final String HUB = TestServer.HUB;

    @Parameter
    HubTime time;
    @TempDir
    Path dir;

    @Test
    void releasesANoShowBookingAfterFifteenMinutesAndMarksAUsedOne() throws Exception {
        HubClock clock = time.clock();
        // the next half hour that starts after now, in the hub: 00:00 on the hub's next day from 23:55 or 23:59
        ZonedDateTime now = clock.hubNow();
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS).plusMinutes(now.getMinute() < 30 ? 30 : 60);
        Path seed = TestServer.demoHubIn(dir.resolve("seed.yaml"), time.zone(), "00:00", "23:59");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of(
                        "catalogue.seed", seed.toString(),
                        "mqtt.url", broker.url(), "live.client-id", "central-no-show-it",
                        "live.no-show-minutes", "15", "live.no-show-sweep-seconds", "1",
                        "live.no-show-rule.max", "1", "live.no-show-rule.block-days", "14"), clock);
                TestPublisher door = new TestPublisher(broker.url(), "room-sensors")) {
            assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                    Map.of("id", "sensors-1", "hub", HUB, "rooms", List.of("studio", "classroom"))).status());
            Brokers.awaitRetained(broker, "linli/v1/hubs/" + HUB + "/access/keys", keys -> true);
            door.publish("linli/v1/devices/sensors-1/status", status(clock).getBytes(StandardCharsets.UTF_8), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.components().registry().view("sensors-1")
                    .map(DeviceRegistry.DeviceView::online).orElse(false));

            long noShow = book(server, "studio", start);
            long used = book(server, "classroom", start);

            clock.set(start.plusMinutes(1).toInstant());
            door.publish("linli/v1/devices/sensors-1/events", "{\"ts\":" + clock.millis()
                    + ",\"seq\":1,\"room\":\"classroom\",\"type\":\"access.granted\",\"bookingId\":\"" + used + "\"}");
            door.publish("linli/v1/devices/sensors-1/occupancy", Fuzz.occupancy(clock.millis(), 2, "classroom",
                    true, 3));
            await().atMost(Duration.ofSeconds(10)).until(() -> status(server, used).equals("used"));

            clock.set(start.plusMinutes(16).toInstant());
            await().atMost(Duration.ofSeconds(10)).until(() -> status(server, noShow).equals("released"));
            assertEquals("used", status(server, used));

            long resident = server.components().db().read(c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT resident_id FROM booking WHERE id = ?")) {
                    st.setLong(1, noShow);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            assertEquals(1, server.components().noShows().recent(resident));

            // the room's revocation list now covers the released booking's window, without naming it valid
            long from = start.toEpochSecond();
            org.linli.protocol.payload.PayloadCodec codec = new org.linli.protocol.payload.PayloadCodec(clock);
            byte[] revoked = Brokers.awaitRetained(broker, org.linli.protocol.Topics.roomRevoked(HUB, "studio"),
                    bytes -> {
                        try {
                            var list = codec.decodeRoomRevoked(bytes);
                            return !list.valid().contains(Long.toString(noShow)) && list.windows().stream()
                                    .anyMatch(w -> w.start() < from + 3600 && from < w.end());
                        } catch (org.linli.protocol.payload.PayloadException e) {
                            return false;
                        }
                    });
            assertTrue(new String(revoked, StandardCharsets.UTF_8).contains("windows"));

            JsonNode slots = server.get("/api/v1/rooms/studio/availability?date=" + start.toLocalDate(),
                    server.kioskKey()).json().get("slots");
            Boolean released = null;
            for (JsonNode slot : slots) {
                if (OffsetDateTime.parse(slot.get("start").asText()).isEqual(start.toOffsetDateTime())) {
                    released = slot.get("free").asBoolean();
                }
            }
            assertEquals(Boolean.TRUE, released, "the released slot is free again: " + slots);

            // One no-show is this hub's limit: the same resident cannot book again for two weeks, in any room.
            TestServer.Response refused = server.post("/api/v1/bookings", server.kioskKey(), Map.of(
                    "room", "reading-room", "start", start.plusHours(2).toOffsetDateTime().toString(),
                    "end", start.plusHours(3).toOffsetDateTime().toString(), "phone", "13800138000",
                    "attendees", 1, "purpose", "test"));
            assertEquals(422, refused.status(), refused.text());
            assertTrue(refused.text().contains("no-show-blocked"), refused.text());
        }
    }

    private static String status(HubClock clock) {
        return "{\"state\":\"online\",\"ts\":" + clock.millis() + ",\"version\":\"1.0\"}";
    }

    private static long book(TestServer server, String room, ZonedDateTime start) {
        TestServer.Response r = server.post("/api/v1/bookings", server.kioskKey(), Map.of(
                "room", room, "start", start.toOffsetDateTime().toString(),
                "end", start.plusHours(1).toOffsetDateTime().toString(), "phone", "13800138000",
                "attendees", 2, "purpose", "test"));
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asLong();
    }

    private static String status(TestServer server, long booking) {
        return server.get("/api/v1/bookings/" + booking, server.operatorToken()).json().get("status").asText();
    }
}
