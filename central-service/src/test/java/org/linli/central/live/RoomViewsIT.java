package org.linli.central.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;

/**
 * A room's status reads its bookings again only when they can have changed: a booking event (made, cancelled,
 * released, used, here or on another replica), a booking of the room starting or ending, or {@link RoomViews#KEEP_MS}
 * passed. A busy room's state goes out ten times a second; its bookings change a few times a day.
 */
class RoomViewsIT {
    static final String ROOM = "studio";

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RoomViews.RoomView view() {
        return server.components().roomViews().room(ROOM);
    }

    private void blockWithoutAnEvent(OffsetDateTime from, OffsetDateTime to) throws Exception {
        try (Connection c = server.openDatabase()) {
            c.createStatement().execute("INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, status, "
                    + "kind, created_ts, changed_ts) VALUES ('" + TestServer.HUB + "', '" + ROOM + "', "
                    + from.toEpochSecond() + ", " + to.toEpochSecond() + ", 1, 'active', 'maintenance', 0, 0)");
        }
    }

    @Test
    void aBookingIsShownAtOnceAndAChangeWithoutAnEventWithinTheKeepingTime() throws Exception {
        assertEquals("free", view().status());
        assertNull(view().next());

        TestServer.Response booked = server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", ROOM,
                "start", server.tomorrowAt(10, 0).toString(), "end", server.tomorrowAt(11, 0).toString(),
                "phone", "13800138000", "attendees", 2));
        assertEquals(201, booked.status(), booked.text());
        assertEquals(server.tomorrowAt(10, 0).toInstant(), view().next().start(), "its event: read again at once");

        // written behind the service's back (no event): the kept bookings stand until the keeping time is over
        blockWithoutAnEvent(server.tomorrowAt(8, 30), server.tomorrowAt(9, 0));
        assertEquals(server.tomorrowAt(10, 0).toInstant(), view().next().start(), "kept");
        server.clock().advance(Duration.ofMillis(RoomViews.KEEP_MS));
        assertEquals(server.tomorrowAt(8, 30).toInstant(), view().next().start(), "read again");

        assertEquals(200, server.delete("/api/v1/bookings/" + booked.json().path("id").asText(),
                server.operatorToken()).status());
        assertEquals(server.tomorrowAt(8, 30).toInstant(), view().next().start());
    }

    @Test
    void aBookingThatStartsOrEndsIsShownAtThatMoment() throws Exception {
        OffsetDateTime start = server.tomorrowAt(8, 30);
        OffsetDateTime end = server.tomorrowAt(9, 0);
        blockWithoutAnEvent(start, end);
        server.clock().set(start.minusSeconds(1).toInstant());
        assertEquals("free", view().status());
        assertEquals(start.toInstant(), view().next().start());

        server.clock().advance(Duration.ofSeconds(1)); // well within the keeping time: the block's start
        assertEquals("maintenance", view().status());
        assertNull(view().next());

        server.clock().set(end.toInstant()); // and its end
        assertEquals("free", view().status());
    }
}
