package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.central.auth.Role;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;

/** Admins issue kiosk keys (shown once, stored hashed), list them without the keys, and revoke them at once. */
class KioskKeysIT extends CentralIT {
    private static final String KEYS = "/api/v1/hubs/wutong66/kiosk-keys";
    @BeforeAll
    static void prepare() {
        Components c = server.server().components();
        // a second street hub under the same district, and admins of the district and of each street hub
        c.catalogue().put(new Hub("yongkang", "street", "xuhui", new Name("永康邻里汇", "Yongkang Hub"),
                ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 0), LocalTime.of(21, 0)));
        c.accounts().putStaff("district-admin", "district-password", Role.ADMIN, "xuhui");
        c.accounts().putStaff("wutong-admin", "wutong-password", Role.ADMIN, "wutong66");
        c.accounts().putStaff("yongkang-admin", "yongkang-password", Role.ADMIN, "yongkang");
    }

    private static String login(String user, String password) {
        return server.login(user, password);
    }

    private static JsonNode issue(String bearer, String label) {
        TestServer.Response r = server.post(KEYS, bearer, Map.of("label", label));
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    private static JsonNode listed(String id) {
        TestServer.Response list = server.get(KEYS, server.adminToken());
        assertEquals(200, list.status(), list.text());
        for (JsonNode key : list.json()) {
            assertFalse(key.has("key"), "a listed key must not show the key: " + key);
            if (key.get("id").asText().equals(id)) {
                return key;
            }
        }
        return null;
    }

    @Test
    void anIssuedKeyWorksAtOnceIsShownOnceAndStoredOnlyHashed() {
        JsonNode issued = issue(server.adminToken(), "Second-floor kiosk");
        String key = issued.get("key").asText();
        String id = issued.get("id").asText();
        assertEquals("wutong66", issued.get("hub").asText());
        assertEquals("Second-floor kiosk", issued.get("label").asText());
        assertTrue(key.length() >= 40, key);

        assertEquals(200, server.get("/api/v1/rooms/studio/availability?date=2030-01-01", key).status());

        TestServer.Response list = server.get(KEYS, server.adminToken());
        assertFalse(list.text().contains(key), list.text());
        JsonNode listedKey = listed(id);
        assertEquals("Second-floor kiosk", listedKey.get("label").asText());
        assertTrue(listedKey.hasNonNull("created"), listedKey.toString());
        assertTrue(listedKey.hasNonNull("lastUsed"), "it was just used: " + listedKey);
        assertTrue(listed("kiosk-lobby") != null, "the demo kiosk is listed too");

        assertEquals(0, server.count("SELECT count(*) FROM kiosk WHERE key_hash = '" + key + "'"));
        assertEquals(1, server.count("SELECT count(*) FROM kiosk WHERE key_hash = '" + Secrets.sha256(key) + "'"));
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestOn() {
        JsonNode issued = issue(server.adminToken(), "Kiosk to retire");
        String key = issued.get("key").asText();
        String id = issued.get("id").asText();
        String availability = "/api/v1/rooms/studio/availability?date=2030-01-01";
        assertEquals(200, server.get(availability, key).status());

        assertEquals(204, server.delete(KEYS + "/" + id, server.adminToken()).status());

        TestServer.Response refused = server.get(availability, key);
        assertEquals(401, refused.status(), refused.text());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(null, listed(id));
        TestServer.Response again = server.delete(KEYS + "/" + id, server.adminToken());
        assertEquals(404, again.status(), again.text());
        assertEquals(200, server.get(availability, server.kioskKey()).status(), "other kiosks keep working");
    }

    @Test
    void adminsManageTheirOwnHubAndTheHubsUnderIt() {
        String district = login("district-admin", "district-password");
        String wutong = login("wutong-admin", "wutong-password");
        String yongkang = login("yongkang-admin", "yongkang-password");

        issue(district, "Issued by the district");
        issue(wutong, "Issued by the hub");
        TestServer.Response otherHub = server.post(KEYS, yongkang, Map.of("label", "Not mine"));
        assertEquals(403, otherHub.status(), otherHub.text());
        assertEquals(403, server.get(KEYS, yongkang).status());
        assertEquals(403, server.get("/api/v1/hubs/xuhui/kiosk-keys", wutong).status(), "not the hub above");

        String issuedByYongkang = server.post("/api/v1/hubs/yongkang/kiosk-keys", yongkang,
                Map.of("label", "Yongkang lobby")).json().get("id").asText();
        TestServer.Response crossHub = server.delete(KEYS + "/" + issuedByYongkang, wutong);
        assertEquals(404, crossHub.status(), "a key of another hub cannot be revoked through this hub");

        assertEquals(403, server.get(KEYS, server.operatorToken()).status());
        assertEquals(403, server.get(KEYS, server.kioskKey()).status());
        assertEquals(401, server.get(KEYS, null).status());
    }

    @Test
    void badRequestsAreProblemsNotFailures() {
        String admin = server.adminToken();
        for (TestServer.Response r : new TestServer.Response[] {
                server.post(KEYS, admin, Map.of()),
                server.post(KEYS, admin, Map.of("label", "x".repeat(61))),
                server.post(KEYS, admin, Map.of("label", 42)),
                server.postRaw(KEYS, admin, "{\"label\":", Map.of()),
                server.postRaw(KEYS, admin, "[]", Map.of())}) {
            assertEquals(400, r.status(), r.text());
            assertEquals("application/problem+json", r.contentType());
        }
        assertEquals(404, server.post("/api/v1/hubs/nowhere/kiosk-keys", admin, Map.of("label", "x")).status());
        assertEquals(404, server.delete(KEYS + "/no-such-key", admin).status());
        assertEquals(404, server.delete(KEYS + "/..%2F..", admin).status());
    }
}
