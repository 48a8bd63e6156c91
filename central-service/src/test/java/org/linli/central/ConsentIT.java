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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linli.central.residents.Consent;
import org.linli.central.web.Json;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * Features review item 14: a kiosk's new phone number makes a resident only with the version of the privacy notice
 * the resident agreed to; central keeps it and when, the staff look-up and the resident's copy show it, and a
 * resident it knows is not asked again. An old kiosk that sends no version gets a refusal naming the field.
 */
class ConsentIT {
    private static final String PHONE = "13900139181";
    private static final String LOOKUP = "/api/v1/hubs/" + TestServer.HUB + "/residents/lookup";

    @TempDir
    Path dir;

    /** As a kiosk that does not know about consent sends it: the test server's helper would add the version. */
    private static TestServer.Response withoutConsent(TestServer server, String path, Map<String, Object> body) {
        return server.postAsSent(path, server.kioskKey(), new String(Json.bytes(body)), Map.of());
    }

    private static Map<String, Object> booking(TestServer server, int hour) {
        return Map.of("room", "studio", "start", server.tomorrowAt(hour, 0).toString(),
                "end", server.tomorrowAt(hour, 30).toString(), "phone", PHONE, "attendees", 1);
    }

    @Test
    void aNewPhoneWithoutConsentIsRefusedNamingTheFieldOnEveryRouteAndNothingIsKept() {
        try (TestServer server = TestServer.start(dir, HubTime.noon())) {
            Map<String, Map<String, Object>> routes = Map.of(
                    "/api/v1/bookings", booking(server, 9),
                    "/api/v1/checkins", Map.of("phone", PHONE),
                    "/api/v1/residents/card", Map.of("phone", PHONE),
                    "/api/v1/services/affairs/tickets", Map.of("phone", PHONE));
            for (var route : routes.entrySet()) {
                TestServer.Response refused = withoutConsent(server, route.getKey(), route.getValue());
                assertEquals(422, refused.status(), route.getKey() + ": " + refused.text());
                JsonNode problem = refused.json();
                assertTrue(problem.get("type").asText().endsWith("/consent-required"), refused.text());
                assertEquals(Consent.FIELD, problem.get("errors").get(0).get("field").asText(), refused.text());
            }
            assertEquals(0, server.count("SELECT count(*) FROM resident"), "a refused request made a resident");
            assertEquals(0, server.count("SELECT count(*) FROM booking WHERE kind <> 'maintenance'"));
            assertEquals(0, server.count("SELECT count(*) FROM checkin"));

            TestServer.Response wrong = withoutConsent(server, "/api/v1/checkins",
                    Map.of("phone", PHONE, Consent.FIELD, "yes"));
            assertEquals(400, wrong.status(), wrong.text());
            assertTrue(wrong.text().contains(Consent.FIELD), wrong.text());
        }
    }

    @Test
    void consentIsStoredWithItsVersionAndTimeAndAKnownResidentIsNotAskedAgain() {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            Map<String, Object> agreed = new java.util.HashMap<>(booking(server, 9));
            agreed.put(Consent.FIELD, "2026-12");
            TestServer.Response booked = withoutConsent(server, "/api/v1/bookings", agreed);
            assertEquals(201, booked.status(), booked.text());
            long agreedAt = clock.instant().getEpochSecond();
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '2026-12'"
                    + " AND consent_ts = " + agreedAt));

            clock.advance(Duration.ofDays(3));
            // known now: the next visit, sign-up or card needs no version, and sending a later one changes nothing
            assertEquals(201, withoutConsent(server, "/api/v1/checkins", Map.of("phone", PHONE)).status());
            assertEquals(201, withoutConsent(server, "/api/v1/residents/card", Map.of("phone", PHONE)).status());
            assertEquals(201, withoutConsent(server, "/api/v1/bookings", booking(server, 10)).status());
            assertEquals(201, withoutConsent(server, "/api/v1/checkins",
                    Map.of("phone", PHONE, Consent.FIELD, Consent.NOTICE)).status());
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '2026-12'"
                    + " AND consent_ts = " + agreedAt + " AND consent_via = 'kiosk'"));
            // a notice central does not have is no agreement to anything
            TestServer.Response later = withoutConsent(server, "/api/v1/checkins",
                    Map.of("phone", PHONE, Consent.FIELD, "2099-06"));
            assertEquals(400, later.status(), later.text());
            assertTrue(later.text().contains(Consent.FIELD), later.text());

            JsonNode seen = server.post(LOOKUP, server.operatorToken(), Map.of("phone", PHONE)).json();
            assertEquals("2026-12", seen.get("consent").get("version").asText(), seen.toString());
            assertEquals("kiosk", seen.get("consent").get("via").asText(), seen.toString());
            assertTrue(seen.get("consent").get("current").asBoolean(), seen.toString());
            assertTrue(seen.get("consent").get("at").asText().startsWith(
                    server.today().minusDays(3).toString()), seen.toString());
            TestServer.Response copy = server.post("/api/v1/hubs/" + TestServer.HUB + "/residents/export",
                    server.operatorToken(), Map.of("phone", PHONE));
            assertEquals(200, copy.status(), copy.text());
            assertEquals("2026-12", copy.json().get("consent").get("version").asText(), copy.text());
        }
    }

    /** V181 on a database of an earlier version (V178, the last before it here): the residents it had count as agreed to the earlier notice lines. */
    @Test
    void residentsMadeBeforeTheMigrationCountAsAgreedToTheEarlierNotice() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
        source.setUrl(url);
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true)
                .target("178").load().migrate();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO resident (phone_hmac, phone_last4, created_ts, last_seen_ts, cards_from_ts)"
                    + " VALUES ('hmac-of-an-old-resident', '0001', 1700000000, 1760000000, 1700000000)");
        }
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true)
                .load().migrate();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
                var rs = st.executeQuery("SELECT consent_version, consent_ts FROM resident")) {
            assertTrue(rs.next());
            assertEquals(Consent.BEFORE, rs.getString(1));
            assertEquals(1700000000L, rs.getLong(2), "agreed when they were first seen");
        }
    }

    /** V185: how consent was given, for the residents V181 recorded (a kiosk, or the earlier notice lines). */
    @Test
    void v185RecordsHowTheConsentOfEarlierResidentsWasGiven() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
        source.setUrl(url);
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true)
                .target("181").load().migrate();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO resident (phone_hmac, phone_last4, created_ts, last_seen_ts, cards_from_ts,"
                    + " consent_version, consent_ts) VALUES ('at-a-kiosk', '0001', 1, 1, 1, '2026-12', 5),"
                    + " ('before', '0002', 1, 1, 1, 'before-2026-12', 1), ('at-a-desk', '0003', 1, 1, 1, NULL, NULL)");
        }
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true)
                .load().migrate();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
                var rs = st.executeQuery("SELECT phone_hmac, consent_via FROM resident ORDER BY phone_last4")) {
            java.util.List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertEquals(java.util.List.of("at-a-kiosk=kiosk", "before=before-2026-12", "at-a-desk=null"), rows);
        }
    }

    /**
     * Decision 0025: staff at a desk confirm that the resident read and agreed to the notice, and send its version;
     * without it a new number is refused as at a kiosk, and the look-up says the consent was given at a desk.
     */
    @Test
    void staffAtADeskSendTheVersionTheResidentAgreedToAndWithoutItANewNumberIsRefused() {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            for (var route : Map.<String, Map<String, Object>>of("/api/v1/residents/card", Map.of("phone", PHONE),
                    "/api/v1/bookings", booking(server, 9), "/api/v1/checkins", Map.of("phone", PHONE)).entrySet()) {
                TestServer.Response refused = server.postAsSent(route.getKey(), server.operatorToken(),
                        new String(Json.bytes(route.getValue())), Map.of());
                assertEquals(422, refused.status(), route.getKey() + ": " + refused.text());
                assertTrue(refused.json().get("type").asText().endsWith("/consent-required"), refused.text());
                assertEquals(Consent.FIELD, refused.json().get("errors").get(0).get("field").asText());
                assertFalse(refused.json().get("noticeChanged").asBoolean(), refused.text());
                assertEquals(Consent.NOTICE, refused.json().get("notice").asText(), refused.text());
            }
            assertEquals(0, server.count("SELECT count(*) FROM resident"), "a refused request made a resident");

            TestServer.Response card = server.postAsSent("/api/v1/residents/card", server.operatorToken(),
                    "{\"phone\":\"" + PHONE + "\",\"" + Consent.FIELD + "\":\"" + Consent.NOTICE + "\"}", Map.of());
            assertEquals(201, card.status(), card.text());
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '" + Consent.NOTICE
                    + "' AND consent_via = 'desk' AND consent_ts = " + clock.instant().getEpochSecond()));
            JsonNode seen = server.post(LOOKUP, server.operatorToken(), Map.of("phone", PHONE)).json();
            assertEquals(Consent.NOTICE, seen.get("consent").get("version").asText(), seen.toString());
            assertEquals("desk", seen.get("consent").get("via").asText(), seen.toString());
            // known and agreed to this notice: the next desk request needs nothing
            assertEquals(201, server.postAsSent("/api/v1/checkins", server.operatorToken(),
                    new String(Json.bytes(Map.of("phone", PHONE))), Map.of()).status());
        }
    }

    /**
     * Decision 0025: a resident who agreed to an earlier notice (or to the notice lines of before 2026-12, or to none
     * at a desk) is refused at their next request by phone or card, with noticeChanged, until they agree to the
     * current one; that updates their record. A check-in a kiosk kept while central was away counts without asking.
     */
    @ParameterizedTest
    @ValueSource(strings = {"before-2026-12", "2026-06", "none"})
    void aResidentWhoAgreedToAnEarlierNoticeIsAskedAgainOnceAtTheirNextVisit(String earlier) {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            String card = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", PHONE))
                    .json().get("token").asText();
            long made = clock.instant().getEpochSecond();
            // as if they had agreed to an earlier notice: the notice changed since
            try (var c = server.openDatabase(); var st = c.createStatement()) {
                st.executeUpdate("none".equals(earlier)
                        ? "UPDATE resident SET consent_version = NULL, consent_ts = NULL, consent_via = NULL"
                        : "UPDATE resident SET consent_version = '" + earlier + "', consent_via = 'kiosk'");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            clock.advance(Duration.ofDays(2));

            Map<String, Map<String, Object>> routes = new java.util.LinkedHashMap<>();
            routes.put("/api/v1/checkins", Map.of("phone", PHONE));
            routes.put("/api/v1/checkins#card", Map.of("token", card));
            routes.put("/api/v1/bookings", booking(server, 9));
            routes.put("/api/v1/bookings#card", Map.of("room", "studio", "start", server.tomorrowAt(9, 0).toString(),
                    "end", server.tomorrowAt(9, 30).toString(), "residentToken", card, "attendees", 1));
            routes.put("/api/v1/residents/card", Map.of("phone", PHONE));
            routes.put("/api/v1/services/affairs/tickets", Map.of("phone", PHONE));
            routes.put("/api/v1/services/affairs/tickets#card", Map.of("token", card));
            assertEquals(200, server.put("/api/v1/activities/tea-talk", server.adminToken(), Map.of("room",
                    "activity-room", "titleZh", "茶话会", "titleEn", "Tea talk", "start",
                    server.tomorrowAt(15, 0).toString(), "end", server.tomorrowAt(16, 0).toString(), "capacity", 10))
                    .status());
            routes.put("/api/v1/activities/tea-talk/signups", Map.of("phone", PHONE));
            routes.put("/api/v1/activities/tea-talk/signups#card", Map.of("token", card));
            for (var route : routes.entrySet()) {
                TestServer.Response refused = withoutConsent(server, route.getKey().replace("#card", ""),
                        route.getValue());
                assertEquals(422, refused.status(), route.getKey() + ": " + refused.text());
                assertTrue(refused.json().get("type").asText().endsWith("/consent-required"), refused.text());
                assertTrue(refused.json().get("noticeChanged").asBoolean(), refused.text());
                assertEquals(Consent.NOTICE, refused.json().get("notice").asText(), refused.text());
            }
            // staff at a desk are refused the same way
            assertEquals(422, server.postAsSent("/api/v1/checkins", server.operatorToken(),
                    new String(Json.bytes(Map.of("phone", PHONE))), Map.of()).status());
            assertEquals(0, server.count("SELECT count(*) FROM checkin"));
            assertEquals(0, server.count("SELECT count(*) FROM booking WHERE kind <> 'maintenance'"));
            assertEquals(0, server.count("SELECT count(*) FROM ticket"));
            assertEquals(0, server.count("SELECT count(*) FROM activity_signup"));

            // a check-in kept by the kiosk while central was away: the visit counts, nothing is agreed
            String anHourAgo = java.time.OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofHours(1)),
                    java.time.ZoneOffset.UTC).toString();
            TestServer.Response kept = server.postAsSent("/api/v1/checkins", server.kioskKey(),
                    new String(Json.bytes(Map.of("phone", PHONE, "at", anHourAgo))), Map.of("Linli-Kept", "1"));
            assertEquals(201, kept.status(), kept.text());
            assertEquals(0, server.count("SELECT count(*) FROM resident WHERE consent_version = '" + Consent.NOTICE
                    + "'"));

            Map<String, Object> agreed = new java.util.HashMap<>(Map.of("token", card));
            agreed.put(Consent.FIELD, Consent.NOTICE);
            TestServer.Response checkedIn = withoutConsent(server, "/api/v1/checkins", agreed);
            assertEquals(201, checkedIn.status(), checkedIn.text());
            long agreedAt = clock.instant().getEpochSecond();
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '" + Consent.NOTICE
                    + "' AND consent_ts = " + agreedAt + " AND consent_via = 'kiosk' AND created_ts = " + made));
            // asked once: the next visit goes through without a version, and changes nothing
            clock.advance(Duration.ofHours(1));
            assertEquals(201, withoutConsent(server, "/api/v1/checkins", Map.of("phone", PHONE)).status());
            assertEquals(201, withoutConsent(server, "/api/v1/bookings", booking(server, 10)).status());
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_ts = " + agreedAt));
            JsonNode seen = server.post(LOOKUP, server.operatorToken(), Map.of("phone", PHONE)).json();
            assertTrue(seen.get("consent").get("current").asBoolean(), seen.toString());
        }
    }
}
