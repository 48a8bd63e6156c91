package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * The wait a ticket is told comes from how long its service really took at the counters (finding C3: only the
 * typical time was ever tested), and a ticket a counter left called when it closed for the day is no service time:
 * ended the next morning by "call next", it had counted as a service of twenty hours.
 */
class WaitEstimateIT {
    @TempDir
    Path dir;

    private static JsonNode draw(TestServer server) {
        TestServer.Response r = server.post("/api/v1/services/health/tickets", server.kioskKey(), Map.of());
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    private String session;

    private void counter(TestServer server, String action) {
        // counter-2 is the only counter of the demo hub that serves health (typical 10 minutes)
        TestServer.Response r = server.post("/api/v1/counters/counter-2/" + action, session, null);
        assertEquals(200, r.status(), action + ": " + r.text());
    }

    @Test
    void theWaitFollowsRealServiceTimesAndATicketLeftCalledOvernightIsNotOne() {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            session = server.login("counter", server.password("counter"));
            for (int i = 0; i < 3; i++) { // three services of 4 minutes
                draw(server);
                counter(server, "call-next");
                clock.advance(Duration.ofMinutes(4));
                counter(server, "complete");
            }
            draw(server);
            JsonNode oneAhead = draw(server);
            assertEquals(4, oneAhead.get("estimatedWaitMinutes").asInt(), "4 minutes a person: " + oneAhead);

            counter(server, "call-next"); // and the counter closes for the day with it still called
            clock.advance(Duration.ofHours(20));
            session = server.login("counter", server.password("counter")); // the evening's session ended unused
            draw(server);
            counter(server, "call-next"); // the next morning: ends yesterday's, calls today's first
            draw(server);
            JsonNode nextMorning = draw(server);
            assertEquals(1, nextMorning.get("peopleAhead").asInt(), nextMorning.toString());
            assertEquals(4, nextMorning.get("estimatedWaitMinutes").asInt(),
                    "the night the ticket stayed called is no service time: " + nextMorning);
        }
    }
}
