package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * The per-resident no-show rule across every resource (docs/decisions/0024, features review ★4): queue tickets a
 * counter marked no-show and sign-ups of ended activities the resident did not check in to count with released
 * bookings; a blocked resident cannot book nor sign up, but still draws queue numbers; staff lift every kind at once.
 */
class NoShowsAcrossResourcesIT {
    static final String HUB = TestServer.HUB;
    static final String LOOKUP = "/api/v1/hubs/" + HUB + "/residents/lookup";
    static final String LIFT = "/api/v1/hubs/" + HUB + "/residents/lift-block";
    static final String MISSED = "13800138101";
    static final String CAME = "13800138102";
    static final String CANCELLED = "13800138103";
    static final String LATE = "13800138104";
    // two no-shows of any kind within 30 days block for 14 days
    static final Map<String, String> RULE = Map.of("live.no-show-rule.max", "2",
            "live.no-show-rule.window-days", "30", "live.no-show-rule.block-days", "14",
            "live.no-show-sweep-seconds", "1");

    @TempDir
    Path dir;

    private static JsonNode noShows(TestServer server, String phone) {
        TestServer.Response r = server.post(LOOKUP, server.operatorToken(), Map.of("phone", phone));
        assertEquals(200, r.status(), r.text());
        assertTrue(r.json().get("known").asBoolean(), r.text());
        return r.json().get("noShows");
    }

    private static String byKind(TestServer server, String phone) {
        JsonNode kinds = noShows(server, phone).get("byKind");
        return kinds.get("bookings").asInt() + " " + kinds.get("tickets").asInt() + " " + kinds.get("signups").asInt();
    }

    private static String drawLegal(TestServer server, String phone) {
        TestServer.Response r = server.post("/api/v1/services/legal/tickets", server.kioskKey(),
                Map.of("priority", false, "phone", phone));
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asText();
    }

    /** counter-3 serves legal advice. */
    private static JsonNode counter(TestServer server, String action) {
        TestServer.Response r = server.post("/api/v1/counters/counter-3/" + action, server.counterToken(), null);
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private static String missTicket(TestServer server, String phone) {
        String ticket = drawLegal(server, phone);
        assertEquals(ticket, counter(server, "call-next").get("id").asText());
        assertEquals("no_show", counter(server, "no-show").get("state").asText());
        return ticket;
    }

    private static void activity(TestServer server, String id, ZonedDateTime start, ZonedDateTime end) {
        TestServer.Response r = server.put("/api/v1/activities/" + id, server.adminToken(), Map.of("room",
                "activity-room", "titleZh", "活动 " + id, "titleEn", "Activity " + id, "start",
                start.toOffsetDateTime().toString(), "end", end.toOffsetDateTime().toString(), "capacity", 10));
        assertEquals(200, r.status(), r.text());
    }

    private static TestServer.Response signUp(TestServer server, String activity, String phone) {
        return server.post("/api/v1/activities/" + activity + "/signups", server.kioskKey(), Map.of("phone", phone));
    }

    private static TestServer.Response book(TestServer server, String phone, int hour) {
        return server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "studio",
                "start", server.tomorrowAt(hour, 0).toString(), "end", server.tomorrowAt(hour, 30).toString(),
                "phone", phone, "attendees", 1, "purpose", "tea"));
    }

    private static void assertBlocked(TestServer.Response refused) {
        assertEquals(422, refused.status(), refused.text());
        assertTrue(refused.json().get("type").asText().endsWith("/no-show-blocked"), refused.text());
    }

    @Test
    void ticketNoShowsCountOnePutBackDoesNotAndABlockedResidentStillDrawsNumbers() {
        HubClock clock = HubTime.of("08:59", HubTime.KIRITIMATI).clock();
        try (TestServer server = TestServer.start(dir, RULE, clock)) {
            ZonedDateTime tomorrow = server.tomorrowAt(15, 0).toZonedDateTime();
            activity(server, "tai-chi", tomorrow, tomorrow.plusHours(1));

            String first = missTicket(server, MISSED);
            assertEquals("0 1 0", byKind(server, MISSED));
            // put back in the queue: it no longer counts, and served it never will
            assertEquals(200, server.post("/api/v1/tickets/" + first + "/reactivate", server.operatorToken(), null)
                    .status());
            assertEquals("0 0 0", byKind(server, MISSED));
            assertEquals(first, counter(server, "call-next").get("id").asText());
            counter(server, "complete");
            assertEquals("0 0 0", byKind(server, MISSED));
            assertFalse(noShows(server, MISSED).get("blocked").asBoolean());

            missTicket(server, MISSED);
            clock.advance(Duration.ofMinutes(20));
            missTicket(server, MISSED);
            JsonNode standing = noShows(server, MISSED);
            assertEquals(2, standing.get("recent").asInt(), standing.toString());
            assertTrue(standing.get("blocked").asBoolean(), standing.toString());
            assertTrue(standing.get("blockedUntil").asText().startsWith(
                    clock.hubNow().plusDays(14).toLocalDate().toString()), standing.toString());

            // a number for the counter is never refused; a booking and a sign-up are
            drawLegal(server, MISSED);
            assertBlocked(book(server, MISSED, 10));
            assertBlocked(signUp(server, "tai-chi", MISSED));
            assertEquals(201, signUp(server, "tai-chi", CAME).status(), "another resident is not blocked");

            TestServer.Response lifted = server.post(LIFT, server.operatorToken(), Map.of("phone", MISSED,
                    "reason", "hard of hearing, missed the call"));
            assertEquals(200, lifted.status(), lifted.text());
            assertTrue(lifted.json().get("wasBlocked").asBoolean(), lifted.text());
            assertEquals("0 0 0", byKind(server, MISSED));
            assertEquals(201, signUp(server, "tai-chi", MISSED).status());
            assertEquals(201, book(server, MISSED, 10).status());
            // the tickets themselves stay for the hub's figures
            assertEquals(2, server.count("SELECT count(*) FROM ticket WHERE state = 'no_show'"));
        }
    }

    /**
     * At the turn of the year in St John's (neither the machine's zone nor Shanghai's), an activity from 23:00 to
     * 00:30: its sign-ups are judged once it has ended, on the hub's next day and year.
     */
    @Test
    void aSignUpNobodyCameToCountsOnceTheActivityHasEndedAcrossTheHubsDateChange() {
        ZonedDateTime evening = LocalDate.of(2027, 12, 31).atTime(22, 0).atZone(HubTime.ST_JOHNS);
        HubClock clock = new HubClock(evening.toInstant(), HubTime.ST_JOHNS);
        Map<String, String> config = new java.util.HashMap<>(RULE);
        config.put("catalogue.seed", TestServer.demoHubIn(dir.resolve("seed.yaml"), HubTime.ST_JOHNS, "00:00",
                "23:59").toString());
        try (TestServer server = TestServer.start(dir.resolve("data"), config, clock)) {
            ZonedDateTime start = evening.plusHours(1);
            ZonedDateTime end = evening.plusHours(2).plusMinutes(30);
            activity(server, "new-year", start, end);
            activity(server, "lanterns", start, end);
            // the carols take no attendance: nobody checks in to them, so nobody is judged there
            activity(server, "carols", start, end);
            activity(server, "spring-walk", evening.plusDays(3), evening.plusDays(3).plusHours(1));
            for (String phone : new String[] {MISSED, CAME, CANCELLED, LATE}) {
                assertEquals(201, signUp(server, "new-year", phone).status());
            }
            assertEquals(201, signUp(server, "lanterns", MISSED).status());
            assertEquals(201, signUp(server, "carols", MISSED).status());
            long cancelled = signUp(server, "new-year", CANCELLED).json().get("id").asLong();
            assertEquals(200, server.delete("/api/v1/activities/new-year/signups/" + cancelled,
                    server.operatorToken()).status());
            // the lanterns are called off: nobody missed them
            assertEquals(200, server.post("/api/v1/activities/lanterns/cancel", server.adminToken(),
                    Map.of("reason", "rain")).status());

            clock.set(evening.plusMinutes(90).toInstant());
            assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", CAME,
                    "activity", "new-year")).status());

            // 00:20 on New Year's Day: the party is still on, nobody is judged
            clock.set(evening.plusMinutes(140).toInstant());
            assertEquals(0, server.components().signupNoShows().judgeEnded());
            assertEquals(0, server.count("SELECT count(*) FROM signup_no_show"));

            // 00:31: over; the job (one replica, every second here) records the one who did not come
            clock.set(end.plusMinutes(1).toInstant());
            await().atMost(Duration.ofSeconds(10)).until(() -> byKind(server, MISSED).equals("0 0 1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> byKind(server, LATE).equals("0 0 1"));
            assertEquals("0 0 0", byKind(server, CAME), "checked in on the hub's previous day");
            assertEquals("0 0 0", byKind(server, CANCELLED));
            assertEquals(0, server.components().signupNoShows().judgeEnded(), "judged once");
            assertEquals(2, server.count("SELECT count(*) FROM signup_no_show"), "none at the carols");

            // a kiosk that was offline replays its check-in of 23:40: not a no-show after all
            assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", LATE,
                    "activity", "new-year", "at", evening.plusMinutes(100).toOffsetDateTime().toString())).status());
            assertEquals("0 0 0", byKind(server, LATE));

            // one no-show is not yet a block; a missed queue number on top of it is
            assertFalse(noShows(server, MISSED).get("blocked").asBoolean());
            clock.advance(Duration.ofHours(9));
            missTicket(server, MISSED);
            assertEquals("0 1 1", byKind(server, MISSED));
            assertBlocked(signUp(server, "spring-walk", MISSED));
            assertBlocked(book(server, MISSED, 10));

            assertEquals(200, server.post(LIFT, server.operatorToken(), Map.of("phone", MISSED,
                    "reason", "was ill over new year")).status());
            assertEquals("0 0 0", byKind(server, MISSED), "every kind lifted");
            assertEquals(201, signUp(server, "spring-walk", MISSED).status());
            assertEquals(201, book(server, MISSED, 10).status());
        }
    }
}
