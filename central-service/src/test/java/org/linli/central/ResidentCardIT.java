package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/** Finding L3: a lost resident card can be revoked at a desk; the cards issued afterwards work. */
class ResidentCardIT {
    @TempDir
    Path dir;

    private static TestServer.Response bookWithCard(TestServer server, String card, int hour) {
        return server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "studio",
                "start", server.tomorrowAt(hour, 0).toString(), "end", server.tomorrowAt(hour, 30).toString(),
                "residentToken", card, "attendees", 1));
    }

    @Test
    void aReportedLostCardIsRefusedAndANewOneWorks() {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            String lost = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13800138200"))
                    .json().get("token").asText();
            assertEquals(201, bookWithCard(server, lost, 9).status());

            assertEquals(403, server.post("/api/v1/residents/card/revoke", server.kioskKey(),
                    Map.of("phone", "13800138200")).status(), "a kiosk could void a neighbour's card");
            TestServer.Response revoked = server.post("/api/v1/residents/card/revoke", server.operatorToken(),
                    Map.of("phone", "13800138200"));
            assertEquals(200, revoked.status(), revoked.text());
            assertTrue(revoked.json().get("revoked").asBoolean());

            TestServer.Response refused = bookWithCard(server, lost, 10);
            assertEquals(422, refused.status(), refused.text());
            assertTrue(refused.text().contains("reported lost"), refused.text());
            assertEquals(422, server.post("/api/v1/checkins", server.kioskKey(), Map.of("token", lost,
                    "service", "affairs")).status());

            clock.advance(Duration.ofSeconds(2));
            String replacement = server.post("/api/v1/residents/card", server.kioskKey(),
                    Map.of("phone", "13800138200")).json().get("token").asText();
            assertEquals(201, bookWithCard(server, replacement, 11).status());
            assertEquals(false, server.post("/api/v1/residents/card/revoke", server.operatorToken(),
                    Map.of("phone", "13900000000")).json().get("revoked").asBoolean());
        }
    }
}
