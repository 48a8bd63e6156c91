package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;

/**
 * The board, lobby and counter screens on display keys instead of 12-hour staff sessions: scoped to one hub,
 * read-only or counter-only, revocable; a screen key reads the board's data and nothing else.
 */
class DisplayKeysIT extends CentralIT {
    private static final String KEYS = "/api/v1/hubs/wutong66/display-keys";

    @BeforeAll
    static void anotherHub() {
        server.components().catalogue().put(new Hub("yongkang", "street", "xuhui", new Name("永康邻里汇",
                "Yongkang Hub"), ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 0), LocalTime.of(21, 0)));
    }

    private static JsonNode issue(String label, String scope) {
        TestServer.Response r = server.post(KEYS, server.adminToken(), Map.of("label", label, "scope", scope));
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    @Test
    void aScreenKeyReadsItsHubsBoardAndNothingElse() {
        String key = issue("Lobby screen", "screen").get("key").asText();
        for (String read : new String[] {"/api/v1/hubs/wutong66", "/api/v1/hubs/wutong66/live",
                "/api/v1/hubs/wutong66/queues", "/api/v1/display-keys/me"}) {
            assertEquals(200, server.get(read, key).status(), read);
        }
        assertEquals("screen", server.get("/api/v1/display-keys/me", key).json().get("scope").asText());
        // the lobby's screen shows rooms, people and queues; which devices are offline and the alerts are the staff's
        JsonNode screen = server.get("/api/v1/hubs/wutong66/live", key).json();
        assertTrue(screen.has("rooms") && screen.has("queues") && screen.has("peopleInHub"), screen.toString());
        assertFalse(screen.has("devices") || screen.has("alerts"), screen.toString());
        JsonNode staff = server.get("/api/v1/hubs/wutong66/live", server.operatorToken()).json();
        assertTrue(staff.has("devices") && staff.has("alerts"), "the dashboard's answer keeps them");
        for (String other : new String[] {"/api/v1/hubs/yongkang/live", "/api/v1/staff", "/api/v1/devices",
                "/api/v1/hubs/wutong66/checkins?date=2030-01-01", "/api/v1/bookings/1", "/api/v1/audit",
                "/api/v1/events"}) {
            assertEquals(403, server.get(other, key).status(), other);
        }
        assertEquals(403, server.post("/api/v1/services/affairs/tickets", key, Map.of()).status());
        assertEquals(403, server.post("/api/v1/counters/counter-1/call-next", key, null).status());
    }

    @Test
    void aCounterKeyServesAtItsHubsCountersOnly() {
        assertEquals(201, server.post("/api/v1/services/affairs/tickets", server.kioskKey(), Map.of()).status());
        String key = issue("Counter 1 console", "counter").get("key").asText();
        assertEquals(200, server.get("/api/v1/counters/counter-1", key).status());
        TestServer.Response called = server.post("/api/v1/counters/counter-1/call-next", key, null);
        assertEquals(200, called.status(), called.text());
        assertEquals(403, server.post("/api/v1/tickets/x/reactivate", key, null).status());
        assertFalse(server.get(KEYS, server.adminToken()).text().contains(key), "listed without the key");
    }

    @Test
    void aRevokedKeyStopsAtOnceAndOnlyTheHubsAdminsIssueKeys() {
        JsonNode issued = issue("Board", "screen");
        String key = issued.get("key").asText();
        assertEquals(200, server.get("/api/v1/hubs/wutong66/live", key).status());
        assertEquals(204, server.delete(KEYS + "/" + issued.get("id").asText(), server.adminToken()).status());
        assertEquals(401, server.get("/api/v1/hubs/wutong66/live", key).status());
        assertEquals(403, server.post(KEYS, server.operatorToken(), Map.of("label", "x", "scope", "screen"))
                .status());
        TestServer.Response scope = server.post(KEYS, server.adminToken(), Map.of("label", "x", "scope", "all"));
        assertEquals(400, scope.status());
        assertEquals("scope", scope.json().get("errors").get(0).get("field").asText());
        assertTrue(server.get(KEYS, server.adminToken()).json().isArray());
    }
}
