package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/** The queue at every {@link HubTime}: numbers, calls and no-shows around midnight and opening, in three zones. */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#matrix")
class QueueIT {
    @Parameter
    HubTime time;
    @TempDir
    static Path dir;
    static TestServer server;
    static HubClock clock;

    @BeforeParameterizedClassInvocation
    static void start(HubTime time) throws Exception {
        server = TestServer.start(java.nio.file.Files.createTempDirectory(dir, "data"), time);
        clock = server.clock();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static JsonNode draw(String service, boolean priority) {
        TestServer.Response r = server.post("/api/v1/services/" + service + "/tickets", server.kioskKey(),
                Map.of("priority", priority));
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    static JsonNode counter(String counter, String action) {
        TestServer.Response r = server.post("/api/v1/counters/" + counter + "/" + action, server.counterToken(), null);
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    @Test
    void numbersCountUpAndTellPeopleAheadAndTheWait() {
        JsonNode first = draw("health", false);
        JsonNode second = draw("health", false);
        assertEquals("C001", first.get("number").asText());
        assertEquals("C002", second.get("number").asText());
        assertEquals(0, first.get("peopleAhead").asInt());
        assertEquals(1, second.get("peopleAhead").asInt());
        assertEquals(0, server.get("/api/v1/tickets/" + first.get("id").asText(), null).json().get("peopleAhead")
                .asInt(), "the second, drawn in the same second on the test's clock, is not ahead of the first");
        // typical 10 minutes, one counter serves health
        assertEquals(10, second.get("estimatedWaitMinutes").asInt());

        LocalDate day = server.today();
        clock.advance(HubTime.MIDWAY);
        assertEquals("waiting", server.get("/api/v1/tickets/" + second.get("id").asText(), null)
                .json().get("state").asText());
        JsonNode third = draw("health", false);
        if (server.today().equals(day)) {
            assertEquals("C003", third.get("number").asText());
            assertEquals(2, third.get("peopleAhead").asInt());
        } else {
            assertEquals("C001", third.get("number").asText(), "the numbers start again on the hub's new day");
        }
    }

    @Test
    void priorityGoesFirstButOrdinaryTicketsAreNotStarved() {
        // elderly-care is served by counter-1 only; ratio 2: two priority calls, then an ordinary one
        List<String> drawn = new ArrayList<>();
        drawn.add(draw("elderly-care", false).get("number").asText());
        drawn.add(draw("elderly-care", false).get("number").asText());
        for (int i = 0; i < 3; i++) {
            drawn.add(draw("elderly-care", true).get("number").asText());
        }
        List<String> called = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            called.add(counter("counter-1", "call-next").get("number").asText());
        }
        // B001, B002 ordinary; B003..B005 priority
        assertEquals(List.of("B003", "B004", "B001", "B005", "B002"), called, "drawn " + drawn);
        counter("counter-1", "complete");
        TestServer.Response none = server.post("/api/v1/counters/counter-1/call-next", server.counterToken(), null);
        assertEquals(404, none.status());
    }

    @Test
    void noShowCanBePutBackWithinTheWindowAndTransferKeepsThePlace() {
        JsonNode ticket = draw("legal", false);
        JsonNode called = counter("counter-3", "call-next");
        assertEquals(ticket.get("id"), called.get("id"));
        assertEquals("called", called.get("state").asText());
        assertEquals(called.get("number"), counter("counter-3", "recall").get("number"));
        assertEquals("no_show", counter("counter-3", "no-show").get("state").asText());
        TestServer.Response back = server.post("/api/v1/tickets/" + ticket.get("id").asText() + "/reactivate",
                server.operatorToken(), null);
        assertEquals(200, back.status(), back.text());
        assertEquals("waiting", back.json().get("state").asText());

        counter("counter-3", "call-next");
        TestServer.Response moved = server.post("/api/v1/counters/counter-3/transfer", server.counterToken(),
                Map.of("service", "repairs"));
        assertEquals(200, moved.status(), moved.text());
        assertEquals("F", moved.json().get("number").asText().substring(0, 1));
        assertEquals("transferred", server.get("/api/v1/tickets/" + ticket.get("id").asText(), null)
                .json().get("state").asText());
        assertEquals(moved.json().get("id"), counter("counter-3", "call-next").get("id"));

        counter("counter-3", "no-show");
        clock.advance(Duration.ofMinutes(16));
        assertEquals(422, server.post("/api/v1/tickets/" + moved.json().get("id").asText() + "/reactivate",
                server.operatorToken(), null).status());
    }

    @Test
    void numbersStartAgainTheNextDay() {
        JsonNode today = draw("jobs", false);
        assertEquals("G001", today.get("number").asText());
        Instant before = clock.instant();
        clock.advance(Duration.ofDays(1));
        try {
            JsonNode tomorrow = draw("jobs", false);
            assertEquals("G001", tomorrow.get("number").asText());
            assertNotEquals(today.get("id"), tomorrow.get("id"));
        } finally {
            assertEquals(true, clock.instant().isAfter(before));
        }
    }

    @Test
    void queueOverviewShowsWaitingAndNowServing() {
        draw("haircut", false);
        draw("haircut", false);
        counter("salon", "call-next");
        JsonNode queues = server.get("/api/v1/hubs/wutong66/queues", null).json();
        JsonNode haircut = null;
        for (JsonNode q : queues) {
            if (q.get("service").asText().equals("haircut")) {
                haircut = q;
            }
        }
        assertEquals(1, haircut.get("waiting").asInt(), queues.toString());
        assertEquals("E001", haircut.get("nowServing").asText());
    }
}
