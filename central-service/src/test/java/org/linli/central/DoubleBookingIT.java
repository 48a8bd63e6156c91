package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Many kiosks asking for one slot at the same instant: exactly one wins, and the database never holds an overlap. */
class DoubleBookingIT extends CentralIT {
    private static final int CLIENTS = 60;
    private static final int ROUNDS = 4;
    static final String OVERLAPS = """
            SELECT count(*) FROM booking a JOIN booking b ON a.room_id = b.room_id AND a.id < b.id
            WHERE a.status IN ('active', 'used') AND b.status IN ('active', 'used')
              AND a.start_ts < b.end_ts AND b.start_ts < a.end_ts""";

    @Test
    void exactlyOneOfManyConcurrentRequestsGetsTheSlot() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int hour = 9 + round * 2;
            int r = round;
            BookingRace.exactlyOneWins(CLIENTS, client -> {
                Map<String, Object> body = new HashMap<>();
                body.put("room", "activity-room");
                body.put("start", server.tomorrowAt(hour, 0).toString());
                // every other client asks for a longer, still overlapping span
                body.put("end", server.tomorrowAt(hour + 1, client % 2 == 0 ? 0 : 30).toString());
                body.put("phone", String.format("1390000%02d%02d", r, client));
                body.put("attendees", 2);
                return () -> server.post("/api/v1/bookings", server.kioskKey(), body).status();
            }, "round " + round);
        }
        assertEquals(ROUNDS, server.count("SELECT count(*) FROM booking WHERE room_id = 'activity-room'"));
        assertEquals(0, server.count(OVERLAPS));
    }

    @Test
    void theDatabaseItselfRefusesAnOverlappingRow() throws SQLException {
        try (Connection c = server.openDatabase()) {
            c.createStatement().execute("""
                    INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, status, created_ts, changed_ts)
                    VALUES ('wutong66', 'studio', 4000000000, 4000003600, 1, 'active', 0, 0)""");
            SQLException refused = assertThrows(SQLException.class, () -> c.createStatement().execute("""
                    INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, status, created_ts, changed_ts)
                    VALUES ('wutong66', 'studio', 4000001800, 4000005400, 1, 'active', 0, 0)"""));
            // SQLite's trigger or PostgreSQL's exclusion constraint
            assertTrue(org.linli.central.store.Dialect.overlapRefused(refused), refused.getMessage());
            c.createStatement().execute("DELETE FROM booking WHERE start_ts >= 4000000000");
        }
        assertEquals(0, server.count(OVERLAPS));
    }
}
