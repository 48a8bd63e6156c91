package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * A clerk opens and closes a counter (features review §4.15). A counter nobody ever opened or closed counts as open,
 * so a hub that never uses the button works as before; a closed one refuses call-next with a 409 and is left out of
 * the wait estimates, and with none open for a service its queue says so ({@code countersOpen} 0). Opening and
 * closing are in the audit log.
 */
class CounterOpeningIT {
    @TempDir
    Path dir;
    TestServer server;
    String clerk;

    private JsonNode draw(String service) {
        TestServer.Response r = server.post("/api/v1/services/" + service + "/tickets", server.kioskKey(), Map.of());
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    private TestServer.Response counter(String counter, String action) {
        return server.post("/api/v1/counters/" + counter + "/" + action, clerk, null);
    }

    private JsonNode queue(String service) {
        for (JsonNode q : server.get("/api/v1/hubs/" + TestServer.HUB + "/queues", null).json()) {
            if (q.path("service").asText().equals(service)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + service);
    }

    private JsonNode ticket(JsonNode drawn) {
        return server.get("/api/v1/tickets/" + drawn.path("id").asText(), null).json();
    }

    @Test
    void aClosedCounterCallsNobodyAndIsLeftOutOfTheWait() {
        HubClock clock = HubTime.noon().clock();
        try (TestServer started = TestServer.start(dir, Map.of(), clock)) {
            server = started;
            clerk = server.counterToken();
            // never opened nor closed: open, as before the button existed
            JsonNode console = server.get("/api/v1/counters/counter-2", clerk).json();
            assertTrue(console.path("open").asBoolean(), console.toString());
            assertFalse(console.hasNonNull("openSince"), console.toString());

            // affairs (typical 8 minutes) is served by counter-1 and counter-2
            draw("affairs");
            JsonNode second = draw("affairs");
            assertEquals(2, second.path("countersOpen").asInt(), second.toString());
            assertEquals(4, second.path("estimatedWaitMinutes").asInt(), "one ahead, 8 minutes, two counters");

            TestServer.Response closed = counter("counter-2", "close");
            assertEquals(200, closed.status(), closed.text());
            assertFalse(closed.json().path("open").asBoolean());
            assertTrue(closed.json().path("since").asText().startsWith(server.today().toString()), closed.text());
            assertEquals(8, ticket(second).path("estimatedWaitMinutes").asInt(), "one counter left for affairs");
            assertEquals(1, ticket(second).path("countersOpen").asInt());
            assertEquals(1, queue("affairs").path("countersOpen").asInt());
            assertEquals(0, queue("health").path("countersOpen").asInt(), "counter-2 is the only one for health");

            TestServer.Response refused = counter("counter-2", "call-next");
            assertEquals(409, refused.status(), refused.text());
            assertTrue(refused.json().path("type").asText().endsWith("/counter-closed"), refused.text());
            assertTrue(refused.json().path("detail").asText().contains("open it"), refused.text());
            assertEquals(200, counter("counter-2", "close").status(), "closing a closed counter changes nothing");

            assertEquals(200, counter("counter-1", "close").status());
            JsonNode none = queue("affairs");
            assertEquals(0, none.path("countersOpen").asInt(), none.toString());
            assertEquals(2, none.path("waiting").asInt());
            // older clients read only the number: what one counter would take, never 0 while people wait
            assertEquals(16, none.path("estimatedWaitMinutes").asInt(), none.toString());
            for (JsonNode c : server.get("/api/v1/hubs/" + TestServer.HUB, null).json().path("counters")) {
                assertEquals(!Map.of("counter-1", 1, "counter-2", 2).containsKey(c.path("id").asText()),
                        c.path("open").asBoolean(), c.toString());
            }

            clock.advance(Duration.ofMinutes(40)); // back from lunch
            TestServer.Response opened = counter("counter-2", "open");
            assertEquals(200, opened.status(), opened.text());
            assertTrue(opened.json().path("open").asBoolean());
            TestServer.Response called = counter("counter-2", "call-next");
            assertEquals(200, called.status(), called.text());
            assertEquals("A001", called.json().path("number").asText());
            assertEquals(1, queue("affairs").path("countersOpen").asInt());

            assertEquals(404, counter("no-such-counter", "close").status());
            JsonNode audit = server.get("/api/v1/audit?action=counter-2", server.adminToken()).json();
            String actions = audit.findValuesAsText("action").toString();
            assertTrue(actions.contains("POST /api/v1/counters/counter-2/close"), actions);
            assertTrue(actions.contains("POST /api/v1/counters/counter-2/open"), actions);
            for (JsonNode entry : audit) {
                assertEquals(TestServer.HUB, entry.path("hub").asText(), entry.toString());
            }
        }
    }
}
