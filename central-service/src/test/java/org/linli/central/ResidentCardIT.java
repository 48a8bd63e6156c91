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

/**
 * Finding L3: a lost resident card can be revoked at a desk; the cards issued afterwards work. A resident who comes
 * with their card is seen, as one who types their number is, so retention keeps them while they keep coming.
 */
class ResidentCardIT {
    @TempDir
    Path dir;

    private static TestServer.Response bookWithCard(TestServer server, String card, int hour) {
        return server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "studio",
                "start", server.tomorrowAt(hour, 0).toString(), "end", server.tomorrowAt(hour, 30).toString(),
                "residentToken", card, "attendees", 1));
    }

    private static TestServer.Response checkInWithCard(TestServer server, String card) {
        return server.post("/api/v1/checkins", server.kioskKey(), Map.of("token", card, "service", "affairs"));
    }

    @Test
    void aResidentWhoComesWithTheirCardIsKeptByRetentionAndOneWhoStopsComingIsNot() {
        HubClock clock = HubTime.noon().clock();
        // a hub that keeps residents' data for 30 days, and gives cards for the usual year
        try (TestServer server = TestServer.start(dir, Map.of("residents.retention-days", "30"), clock)) {
            String card = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13800138210"))
                    .json().get("token").asText();
            long residents = server.count("SELECT count(*) FROM resident");
            for (int visit = 1; visit <= 3; visit++) {
                clock.advance(Duration.ofDays(20)); // never 30 days without a visit
                TestServer.Response visited = checkInWithCard(server, card);
                assertEquals(201, visited.status(), "visit " + visit + ", day " + 20 * visit + ": " + visited.text());
                server.components().retention().run();
                assertEquals(residents, server.count("SELECT count(*) FROM resident"),
                        "day " + 20 * visit + ": a resident who comes with their card every 20 days was deleted");
            }
            assertEquals(201, bookWithCard(server, card, 9).status(), "the card still books on day 60");

            clock.advance(Duration.ofDays(31)); // then they stop coming: 31 days after the last visit they go
            server.components().retention().run();
            assertEquals(residents - 1, server.count("SELECT count(*) FROM resident"));
            TestServer.Response gone = checkInWithCard(server, card);
            assertEquals(422, gone.status(), gone.text());
            assertTrue(gone.text().contains("deleted"), gone.text());
        }
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
