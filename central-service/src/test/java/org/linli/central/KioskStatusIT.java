package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kiosk reports its outbox (features review §4.15): entries waiting and entries central refused for good, kept
 * aside on the kiosk "for staff". Central keeps the latest report per kiosk key and shows it with the hub's kiosk
 * keys. A refusal's reason is a problem type, never free text, so nothing a resident typed reaches the list.
 */
class KioskStatusIT extends CentralIT {
    private static final String KEYS = "/api/v1/hubs/" + TestServer.HUB + "/kiosk-keys";
    private static final String STATUS = "/api/v1/kiosks/status";

    private static JsonNode listed(String id) {
        TestServer.Response list = server.get(KEYS, server.adminToken());
        assertEquals(200, list.status(), list.text());
        for (JsonNode key : list.json()) {
            if (key.path("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("no kiosk key " + id + " in " + list.text());
    }

    private static Map<String, Object> refusal(String reason) {
        return Map.of("path", "/api/v1/checkins", "reason", reason, "at", "2027-03-10T09:15:00+08:00");
    }

    @Test
    void theLatestReportOfAKioskIsListedWithItsKey() {
        JsonNode issued = server.post(KEYS, server.adminToken(), Map.of("label", "Lobby")).json();
        String key = issued.path("key").asText();
        String id = issued.path("id").asText();
        assertFalse(listed(id).has("outbox"), "no report yet: " + listed(id));

        TestServer.Response first = server.post(STATUS, key, Map.of("waiting", 5, "refused", List.of()));
        assertEquals(204, first.status(), first.text());
        assertEquals(5, listed(id).path("outbox").path("waiting").asInt());

        TestServer.Response second = server.post(STATUS, key, Map.of("waiting", 2, "refusedTotal", 1,
                "refused", List.of(refusal("consent-required"))));
        assertEquals(204, second.status(), second.text());
        JsonNode outbox = listed(id).path("outbox");
        assertEquals(2, outbox.path("waiting").asInt(), "the latest report replaces the one before: " + outbox);
        assertEquals(1, outbox.path("refused").asInt());
        JsonNode entry = outbox.path("refusedEntries").get(0);
        assertEquals("/api/v1/checkins", entry.path("path").asText());
        assertEquals("consent-required", entry.path("reason").asText());
        assertEquals("2027-03-10T09:15:00+08:00", entry.path("at").asText(), "in the hub's time");
        assertTrue(outbox.path("reported").asText().contains("+08:00"), outbox.toString());
        assertEquals(1, server.count("SELECT count(*) FROM kiosk_status WHERE kiosk_id = '" + id + "'"));
    }

    @Test
    void aReasonInWordsAndOtherCallersAreRefused() {
        String key = server.post(KEYS, server.adminToken(), Map.of("label", "Door")).json().path("key").asText();
        // a detail in words could quote what a resident typed: only a problem type is taken
        TestServer.Response words = server.post(STATUS, key, Map.of("waiting", 0,
                "refused", List.of(refusal("phone 13912345678 is not valid"))));
        assertEquals(400, words.status(), words.text());
        assertTrue(words.text().contains("refused[0].reason"), words.text());
        assertFalse(server.count("SELECT count(*) FROM kiosk_status WHERE refused_entries LIKE '%139%'") > 0);

        TestServer.Response noWaiting = server.post(STATUS, key, Map.of("refused", List.of()));
        assertEquals(400, noWaiting.status());
        assertTrue(noWaiting.text().contains("waiting"), noWaiting.text());
        TestServer.Response badTime = server.post(STATUS, key, Map.of("waiting", 0, "refused",
                List.of(Map.of("path", "/api/v1/feedback", "reason", "gone", "at", "yesterday"))));
        assertEquals(400, badTime.status(), badTime.text());
        TestServer.Response tooMany = server.post(STATUS, key, Map.of("waiting", 0, "refused",
                java.util.Collections.nCopies(21, refusal("gone"))));
        assertEquals(400, tooMany.status(), tooMany.text());

        assertEquals(403, server.post(STATUS, server.adminToken(), Map.of("waiting", 0, "refused", List.of()))
                .status(), "staff report no kiosk's outbox");
        assertEquals(401, server.post(STATUS, null, Map.of("waiting", 0, "refused", List.of())).status());
    }
}
