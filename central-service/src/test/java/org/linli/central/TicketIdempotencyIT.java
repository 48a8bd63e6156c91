package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kiosk whose answer to "draw a ticket" got lost tries again with the same Idempotency-Key: the resident gets the
 * ticket that was drawn, not a second place in the queue (a ghost ticket that a counter would call and wait for).
 */
class TicketIdempotencyIT {
    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Response draw(String service, String key) {
        return server.postRaw("/api/v1/services/" + service + "/tickets", server.kioskKey(), "{\"priority\":false}",
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private long waiting(String service) {
        return java.util.stream.StreamSupport.stream(server.get("/api/v1/hubs/" + TestServer.HUB + "/queues", null)
                .json().spliterator(), false).filter(q -> q.get("service").asText().equals(service))
                .findFirst().orElseThrow().get("waiting").asLong();
    }

    @Test
    void aTryAgainWithTheSameKeyAnswersTheTicketItDrew() {
        TestServer.Response first = draw("affairs", "kiosk-1-try-7");
        assertEquals(201, first.status(), first.text());
        TestServer.Response again = draw("affairs", "kiosk-1-try-7");
        assertEquals(200, again.status(), again.text());
        assertEquals(first.json().get("id"), again.json().get("id"));
        assertEquals("A001", again.json().get("number").asText());
        assertEquals(1, waiting("affairs"));

        TestServer.Response next = draw("affairs", "kiosk-1-try-8");
        assertEquals(201, next.status());
        assertEquals("A002", next.json().get("number").asText());
        TestServer.Response without = draw("affairs", null);
        assertNotEquals(next.json().get("id"), without.json().get("id"), "no key, no replay");
        assertEquals(3, waiting("affairs"));
    }

    @Test
    void aKeyThatDrewForAnotherServiceIsRefused() {
        assertEquals(201, draw("affairs", "same-key").status());
        TestServer.Response other = draw("health", "same-key");
        assertEquals(422, other.status(), other.text());
        assertEquals("application/problem+json", other.contentType());
        assertEquals(0, waiting("health"));
        assertEquals(400, draw("health", "with space").status(), "a key must be visible ASCII");
    }
}
