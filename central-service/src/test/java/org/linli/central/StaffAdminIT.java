package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;

/**
 * Staff administration through the API: administrators manage the accounts of their hub and the hubs below it, never
 * their own role or state; passwords are shown once; a disabled account or a reset password ends its sessions at
 * once; every change is in the audit log, which each administrator sees for their own hubs only.
 */
class StaffAdminIT extends CentralIT {
    @BeforeAll
    static void hubs() {
        Components c = server.components();
        // the district above the demo's street hub, a residential hub below it, and a second street hub beside it
        c.catalogue().put(new Hub("xuhui", "district", null, new Name("徐汇区", "Xuhui"), ZoneId.of("Asia/Shanghai"),
                LocalTime.of(8, 0), LocalTime.of(21, 0)));
        c.catalogue().put(new Hub("wutong-1", "residential", "wutong66", new Name("梧桐一居", "Wutong 1"),
                ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 0), LocalTime.of(21, 0)));
        c.catalogue().put(new Hub("yongkang", "street", "xuhui", new Name("永康邻里汇", "Yongkang Hub"),
                ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 0), LocalTime.of(21, 0)));
        c.accounts().putStaff("wutong-admin", "wutong-password", Role.ADMIN, "wutong66");
        c.accounts().putStaff("yongkang-admin", "yongkang-password", Role.ADMIN, "yongkang");
    }

    private static String login(String user, String password) {
        TestServer.Response r = server.post("/api/v1/auth/login", null, Map.of("username", user, "password",
                password));
        return r.status() == 200 ? r.json().get("token").asText() : null;
    }

    private static TestServer.Response create(String bearer, String user, String role, String hub) {
        Map<String, Object> body = new HashMap<>(Map.of("username", user, "role", role));
        body.put("hub", hub);
        return server.post("/api/v1/staff", bearer, body);
    }

    @Test
    void aHubAdminManagesTheirHubAndTheOnesBelowItOnly() {
        String wutong = login("wutong-admin", "wutong-password");
        assertEquals(201, create(wutong, "counter-w1", "counter", "wutong-1").status());
        assertEquals(403, create(wutong, "counter-y1", "counter", "yongkang").status());
        assertEquals(403, create(wutong, "boss", "admin", null).status());
        JsonNode listed = server.get("/api/v1/staff", wutong).json();
        assertTrue(listed.toString().contains("counter-w1") && listed.toString().contains("\"counter\""),
                listed.toString());
        assertFalse(listed.toString().contains("yongkang-admin"), "another street hub's staff: " + listed);
        assertFalse(listed.toString().contains("\"admin\",\"role\""), "the global admin: " + listed);
        assertEquals(403, server.post("/api/v1/staff/yongkang-admin/disable", wutong, null).status());
        assertEquals(422, server.post("/api/v1/staff/wutong-admin/disable", wutong, null).status());
        assertEquals(403, server.get("/api/v1/staff", server.operatorToken()).status());
    }

    @Test
    void aNewPasswordIsShownOnceAndDisablingOrResettingEndsSessionsAtOnce() {
        TestServer.Response created = create(server.adminToken(), "wang.fang", "operator", TestServer.HUB);
        assertEquals(201, created.status(), created.text());
        String password = created.json().get("password").asText();
        assertFalse(server.get("/api/v1/staff/wang.fang", server.adminToken()).text().contains(password));
        String session = login("wang.fang", password);
        assertEquals(200, server.get("/api/v1/staff/me", session).status());

        assertEquals(true, server.post("/api/v1/staff/wang.fang/disable", server.adminToken(), null).json()
                .get("disabled").asBoolean());
        assertEquals(401, server.get("/api/v1/staff/me", session).status());
        assertEquals(null, login("wang.fang", password));
        server.post("/api/v1/staff/wang.fang/enable", server.adminToken(), null);
        session = login("wang.fang", password);
        assertEquals(200, server.get("/api/v1/staff/me", session).status());

        String reset = server.post("/api/v1/staff/wang.fang/password-reset", server.adminToken(), null).json()
                .get("password").asText();
        assertEquals(401, server.get("/api/v1/staff/me", session).status());
        assertEquals(null, login("wang.fang", password));
        session = login("wang.fang", reset);
        assertEquals(204, server.post("/api/v1/auth/password", session, Map.of("current", reset, "password",
                "my own long password")).status());
        TestServer.Response wrong = server.post("/api/v1/auth/password", session, Map.of("current", "wrong",
                "password", "another long password"));
        assertEquals(400, wrong.status());
        assertEquals("current", wrong.json().get("errors").get(0).get("field").asText());
        assertEquals(200, server.post("/api/v1/auth/login", null, Map.of("username", "wang.fang", "password",
                "my own long password")).status());

        TestServer.Response moved = server.put("/api/v1/staff/wang.fang", server.adminToken(),
                Map.of("role", "counter", "hub", "yongkang"));
        assertEquals(200, moved.status(), moved.text());
        assertEquals("yongkang", moved.json().get("hub").asText());
    }

    @Test
    void wrongFieldsAreNamed() {
        TestServer.Response bad = create(server.adminToken(), "no spaces", "counter", TestServer.HUB);
        assertEquals(400, bad.status());
        assertEquals("username", bad.json().get("errors").get(0).get("field").asText());
        TestServer.Response role = create(server.adminToken(), "someone", "kiosk", TestServer.HUB);
        assertEquals("role", role.json().get("errors").get(0).get("field").asText());
        TestServer.Response hub = create(server.adminToken(), "someone", "counter", null);
        assertEquals("hub", hub.json().get("errors").get(0).get("field").asText());
        create(server.adminToken(), "taken", "counter", TestServer.HUB);
        assertEquals(409, create(server.adminToken(), "taken", "counter", TestServer.HUB).status());
    }

    @Test
    void everyStaffChangeIsAuditedAndEachAdminSeesTheirHubsOnly() {
        create(server.adminToken(), "zhao.lei", "counter", "yongkang");
        server.post("/api/v1/staff/zhao.lei/disable", server.adminToken(), null);
        String wutong = login("wutong-admin", "wutong-password");
        create(wutong, "audited-w", "operator", TestServer.HUB);
        // a resident's request at the kiosk is not an administrative action
        server.post("/api/v1/services/affairs/tickets", server.kioskKey(), Map.of());

        JsonNode all = server.get("/api/v1/audit?actor=admin", server.adminToken()).json();
        assertTrue(all.toString().contains("POST /api/v1/staff/zhao.lei/disable"), all.toString());
        JsonNode entry = null;
        for (JsonNode e : all) {
            if (e.get("action").asText().equals("POST /api/v1/staff/zhao.lei/disable")) {
                entry = e;
            }
        }
        assertEquals("admin", entry.get("actor").asText());
        assertEquals("127.0.0.1", entry.get("source").asText());
        assertEquals(200, entry.get("status").asInt());
        assertFalse(server.get("/api/v1/audit", server.adminToken()).text().contains("/tickets"),
                "kiosk requests are not in the audit log");

        JsonNode filtered = server.get("/api/v1/audit?action=disable", server.adminToken()).json();
        filtered.forEach(e -> assertTrue(e.get("action").asText().contains("disable"), e.toString()));

        // done to an account of a hub below theirs by the admin of every hub: the hub's admins see it too
        create(server.adminToken(), "w1-clerk", "counter", "wutong-1");
        server.post("/api/v1/staff/w1-clerk/disable", server.adminToken(), null);
        JsonNode wutongs = server.get("/api/v1/audit", wutong).json();
        assertTrue(wutongs.toString().contains("POST /api/v1/staff/w1-clerk/disable"), wutongs.toString());
        assertTrue(wutongs.toString().contains("audited-w") || wutongs.toString().contains("POST /api/v1/staff"),
                wutongs.toString());
        wutongs.forEach(e -> assertTrue(e.get("hub").asText().startsWith("wutong"), e.toString()));
        assertEquals(403, server.get("/api/v1/audit?hub=yongkang", wutong).status());
        assertEquals(400, server.get("/api/v1/audit?from=yesterday", server.adminToken()).status());

        // kept as long as the retention rule says (365 days), then gone
        org.linli.central.audit.AuditLog aYearOn = new org.linli.central.audit.AuditLog(server.components().db(),
                java.time.Clock.offset(server.clock(), java.time.Duration.ofDays(366)), java.time.Duration.ofDays(365));
        assertEquals(0, new org.linli.central.audit.AuditLog(server.components().db(), server.clock(),
                java.time.Duration.ofDays(365)).purge());
        assertTrue(aYearOn.purge() > 0);
        assertEquals(0, server.get("/api/v1/audit?actor=admin", server.adminToken()).json().size());
    }

    /**
     * The page's dates are the hub's days: a change at 07:30 in Shanghai (23:30 UTC the evening before) is found
     * under its own day, not the day before; an end before the start is refused, naming "to".
     */
    @Test
    void auditDatesAreDaysOfTheHub() {
        java.time.Instant early = java.time.ZonedDateTime.of(2030, 3, 10, 7, 30, 0, 0,
                ZoneId.of("Asia/Shanghai")).toInstant();
        new org.linli.central.audit.AuditLog(server.components().db(), java.time.Clock.fixed(early,
                java.time.ZoneOffset.UTC), java.time.Duration.ofDays(365))
                .record("early-bird", "admin", TestServer.HUB, "PUT /api/v1/rooms/studio", 200, "127.0.0.1");
        String hubDay = "/api/v1/audit?actor=early-bird&hub=" + TestServer.HUB;
        assertEquals(1, server.get(hubDay + "&from=2030-03-10&to=2030-03-10", server.adminToken()).json().size());
        assertEquals(0, server.get(hubDay + "&from=2030-03-09&to=2030-03-09", server.adminToken()).json().size());
        // without a hub chosen, the days of the administrator's hubs (here all in Shanghai) all the same
        assertEquals(1, server.get("/api/v1/audit?actor=early-bird&from=2030-03-10&to=2030-03-10",
                server.adminToken()).json().size());
        TestServer.Response backwards = server.get("/api/v1/audit?from=2030-03-10&to=2030-03-09",
                server.adminToken());
        assertEquals(400, backwards.status());
        assertEquals("to", backwards.json().get("errors").get(0).get("field").asText());
    }

    /**
     * What a door did, from what ingestion stored (ingestion itself is IngestionIT's), for the admins of its hub: a
     * booking let in, a refused code with its reason; the other street hub's admin sees none of it.
     */
    @Test
    void doorActionsAreInTheAuditLogOfTheirHub() {
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(), Map.of("id", "studio-door", "hub",
                TestServer.HUB, "rooms", java.util.List.of("studio"))).status());
        // as ingestion stores them: the payload's ts, in epoch milliseconds
        long now = server.clock().millis();
        server.components().db().write(c -> {
            org.linli.central.store.Sql.update(c, "INSERT INTO device_event (device_id, seq, room_id, ts, type,"
                    + " booking_id, reason) VALUES ('studio-door', 1, 'studio', ?, 'access.granted', '42', NULL),"
                    + " ('studio-door', 2, 'studio', ?, 'access.denied', NULL, 'EXPIRED'),"
                    + " ('studio-door', 3, 'studio', ?, 'door.opened', NULL, NULL)", now - 60_000, now - 30_000, now - 20_000);
            return null;
        });
        JsonNode doors = server.get("/api/v1/audit/doors?hub=" + TestServer.HUB, server.adminToken()).json();
        assertEquals(2, doors.size(), doors.toString());
        assertEquals("access.denied", doors.get(0).get("type").asText());
        assertEquals("EXPIRED", doors.get(0).get("reason").asText());
        assertEquals("42", doors.get(1).get("booking").asText());
        assertEquals(server.clock().instant().minusSeconds(30).toString(), doors.get(0).get("at").asText());
        assertEquals(0, server.get("/api/v1/audit/doors", login("yongkang-admin", "yongkang-password")).json()
                .size());
        String day = server.today().toString();
        assertEquals(2, server.get("/api/v1/audit/doors?from=" + day + "&to=" + day, server.adminToken()).json()
                .size());
    }

    /**
     * The doors' half of the audit log goes with the staff half: what a door did, and the commands staff sent it with
     * their answers, are deleted by the daily job once older than the retention period; newer ones stay.
     */
    @Test
    void doorEventsAndCommandsOlderThanTheRetentionPeriodArePurged() {
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(), Map.of("id", "old-door", "hub",
                TestServer.HUB, "rooms", java.util.List.of("studio"))).status());
        long now = server.clock().millis();
        long aYearAndADayAgo = now - java.time.Duration.ofDays(366).toMillis();
        long aYearLessADayAgo = now - java.time.Duration.ofDays(364).toMillis();
        server.components().db().write(c -> {
            org.linli.central.store.Sql.update(c, "INSERT INTO device_event (device_id, seq, room_id, ts, type,"
                    + " booking_id, reason) VALUES ('old-door', 1, 'studio', ?, 'access.granted', '7', NULL),"
                    + " ('old-door', 2, 'studio', ?, 'door.opened', NULL, NULL),"
                    + " ('old-door', 3, 'studio', ?, 'door.unlocked_remotely', NULL, 'old-cmd for 5 s'),"
                    + " ('old-door', 4, 'studio', ?, 'access.denied', NULL, 'EXPIRED'),"
                    + " ('old-door', 5, 'studio', ?, 'door.unlocked_remotely', NULL, 'new-cmd for 5 s')",
                    aYearAndADayAgo, aYearAndADayAgo + 1000, aYearAndADayAgo + 2000, aYearLessADayAgo,
                    aYearLessADayAgo + 1000);
            org.linli.central.store.Sql.update(c, "INSERT INTO device_command (id, device_id, hub_id, cmd, room_id,"
                    + " duration_s, reason, actor, source, sent_ts) VALUES"
                    + " ('old-cmd', 'old-door', ?, 'unlock', 'studio', 5, '', 'admin', '127.0.0.1', ?),"
                    + " ('new-cmd', 'old-door', ?, 'unlock', 'studio', 5, '', 'admin', '127.0.0.1', ?)",
                    TestServer.HUB, aYearAndADayAgo / 1000 + 1, TestServer.HUB, aYearLessADayAgo / 1000 + 1);
            return null;
        });

        new org.linli.central.audit.AuditLog(server.components().db(), server.clock(),
                java.time.Duration.ofDays(365)).purge();
        assertEquals(2, server.count("SELECT count(*) FROM device_event WHERE device_id = 'old-door'"));
        assertEquals(0, server.count("SELECT count(*) FROM device_event WHERE device_id = 'old-door'"
                + " AND ts < " + (now - java.time.Duration.ofDays(365).toMillis())));
        JsonNode doors = server.get("/api/v1/audit/doors?hub=" + TestServer.HUB, server.adminToken()).json();
        assertFalse(doors.toString().contains("\"booking\":\"7\""), doors.toString());
        assertTrue(doors.toString().contains("EXPIRED"), doors.toString());
        // the dashboard's recent actions of the door: the newer command with its answer, the older one gone
        JsonNode commands = server.get("/api/v1/devices/old-door/commands", server.adminToken()).json();
        assertEquals(1, commands.size(), commands.toString());
        assertEquals("new-cmd", commands.get(0).get("id").asText());
        assertEquals("done", commands.get(0).get("state").asText());

        // two days on, the rest has passed the period too
        new org.linli.central.audit.AuditLog(server.components().db(), java.time.Clock.offset(server.clock(),
                java.time.Duration.ofDays(2)), java.time.Duration.ofDays(365)).purge();
        assertEquals(0, server.count("SELECT count(*) FROM device_event WHERE device_id = 'old-door'"));
        assertEquals(0, server.count("SELECT count(*) FROM device_command WHERE device_id = 'old-door'"));
    }
}
