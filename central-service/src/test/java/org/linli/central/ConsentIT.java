package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                    Map.of("phone", PHONE, Consent.FIELD, "2027-06")).status());
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '2026-12'"
                    + " AND consent_ts = " + agreedAt));

            JsonNode seen = server.post(LOOKUP, server.operatorToken(), Map.of("phone", PHONE)).json();
            assertEquals("2026-12", seen.get("consent").get("version").asText(), seen.toString());
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

    @Test
    void staffAtADeskRegisterWithoutAVersionAndTheLookUpSaysNoneWasRecorded() {
        try (TestServer server = TestServer.start(dir, HubTime.noon())) {
            TestServer.Response card = server.post("/api/v1/residents/card", server.operatorToken(),
                    Map.of("phone", PHONE));
            assertEquals(201, card.status(), card.text());
            JsonNode seen = server.post(LOOKUP, server.operatorToken(), Map.of("phone", PHONE)).json();
            assertTrue(seen.has("consent"), seen.toString());
            assertEquals("", seen.get("consent").path("version").asText(""), seen.toString());
            assertEquals("", seen.get("consent").path("at").asText(""), seen.toString());
            assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version IS NULL"
                    + " AND consent_ts IS NULL"));
        }
    }
}
