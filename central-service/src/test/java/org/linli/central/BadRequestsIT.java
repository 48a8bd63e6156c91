package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests of every kind: each gets its 4xx problem detail and leaves the stored data exactly as it was. */
class BadRequestsIT extends CentralIT {
    private static final String STORED = """
            SELECT (SELECT count(*) FROM booking) || '/' || (SELECT count(*) FROM resident) || '/'
                || (SELECT count(*) FROM ticket) || '/' || (SELECT count(*) FROM checkin) || '/'
                || (SELECT count(*) FROM feedback) || '/' || (SELECT count(*) FROM activity_signup) || '/'
                || (SELECT count(*) FROM room) || '/' || (SELECT string_agg(status, ',' ORDER BY id) FROM booking)""";

    @BeforeAll
    static void prepare() {
        server.adminToken();
        server.operatorToken();
        // one booking under a key, so that reusing the key with another body can be tried
        server.postRaw("/api/v1/bookings", server.kioskKey(), booking("studio", "10:00", "11:00", "13800000001", 2),
                Map.of("Idempotency-Key", "used-key"));
    }

    static String at(String time) {
        return server.tomorrowAt(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(3)))
                .toString();
    }

    static String booking(String room, String start, String end, String phone, int attendees) {
        return "{\"room\":\"" + room + "\",\"start\":\"" + at(start) + "\",\"end\":\"" + at(end)
                + "\",\"phone\":\"" + phone + "\",\"attendees\":" + attendees + "}";
    }

    static String withField(String field, String json) {
        String base = booking("classroom", "10:00", "11:00", "13800000002", 2);
        return base.substring(0, base.length() - 1) + ",\"" + field + "\":" + json + "}";
    }

    /** who: k = kiosk key, o = operator, a = admin, - = nobody. */
    record Case(String name, String method, String path, String who, String body, Map<String, String> headers,
            int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case post(String name, String path, String body, int status) {
        return new Case(name, "POST", path, "k", body, Map.of(), status);
    }

    /** A resident's request at the counter of the demo hub, by its operator. */
    static Case resident(String name, String request, String body, int status) {
        return new Case(name, "POST", "/api/v1/hubs/wutong66/residents/" + request, "o", body, Map.of(), status);
    }

    static Case book(String name, String body, int status) {
        return post(name, "/api/v1/bookings", body, status);
    }

    static Stream<Case> cases() {
        String tomorrow = server.tomorrowAt(0, 0).toLocalDate().toString();
        String farFuture = server.tomorrowAt(10, 0).plusYears(5).toString();
        String farFutureEnd = server.tomorrowAt(11, 0).plusYears(5).toString();
        List<Case> all = new ArrayList<>(List.of(
                book("malformed JSON", "{\"room\": ", 400),
                book("a JSON array", "[]", 400),
                book("not JSON at all", "hello", 400),
                book("duplicate keys", "{\"room\":\"studio\",\"room\":\"classroom\"}", 400),
                book("deep nesting", "[".repeat(200) + "]".repeat(200), 400),
                book("empty body", "", 400),
                book("room is a number", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace("\"room\":\"classroom\"", "\"room\":5"), 400),
                book("room is null", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace("\"room\":\"classroom\"", "\"room\":null"), 400),
                book("attendees is text", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace("\"attendees\":2", "\"attendees\":\"two\""), 400),
                book("attendees zero", booking("classroom", "10:00", "11:00", "13800000002", 0), 400),
                book("attendees fractional", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace("\"attendees\":2", "\"attendees\":1.5"), 400),
                book("attendees overflow", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace("\"attendees\":2", "\"attendees\":99999999999"), 400),
                book("missing room", "{\"start\":\"" + at("10:00") + "\",\"end\":\"" + at("11:00")
                        + "\",\"phone\":\"13800000002\",\"attendees\":2}", 400),
                book("missing start and end", "{\"room\":\"classroom\",\"phone\":\"13800000002\",\"attendees\":2}", 400),
                book("missing phone and token", "{\"room\":\"classroom\",\"start\":\"" + at("10:00") + "\",\"end\":\""
                        + at("11:00") + "\",\"attendees\":2}", 400),
                book("phone and token both", withField("residentToken", "\"LL1:ABC\""), 400),
                book("start not a time", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace(at("10:00"), "tomorrow morning"), 400),
                book("start without offset", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace(at("10:00"), at("10:00").substring(0, 16)), 400),
                book("end before start", booking("classroom", "11:00", "10:00", "13800000002", 2), 400),
                book("end equals start", booking("classroom", "10:00", "10:00", "13800000002", 2), 400),
                book("in the past", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace(at("10:00"), server.tomorrowAt(10, 0).minusDays(3).toString())
                        .replace(at("11:00"), server.tomorrowAt(11, 0).minusDays(3).toString()), 422),
                book("five years ahead", booking("classroom", "10:00", "11:00", "13800000002", 2)
                        .replace(at("10:00"), farFuture).replace(at("11:00"), farFutureEnd), 422),
                book("unknown room", booking("ballroom", "10:00", "11:00", "13800000002", 2), 422),
                book("SQL-looking room", booking("x'; DROP TABLE booking;--", "10:00", "11:00", "13800000002", 2), 422),
                book("SQL-looking phone", booking("classroom", "10:00", "11:00", "1' OR '1'='1", 2), 400),
                book("CJK room name", booking("活动室", "10:00", "11:00", "13800000002", 2), 422),
                book("emoji room name", booking("room-🎉", "10:00", "11:00", "13800000002", 2), 422),
                book("emoji phone", booking("classroom", "10:00", "11:00", "📞13800000002", 2), 400),
                book("phone too short", booking("classroom", "10:00", "11:00", "123", 2), 400),
                book("over capacity", booking("studio", "14:00", "15:00", "13800000002", 9), 422),
                book("before opening", booking("classroom", "06:00", "07:00", "13800000002", 2), 422),
                book("off the slot grid", booking("classroom", "10:10", "11:10", "13800000002", 2), 422),
                book("too long", booking("classroom", "09:00", "17:00", "13800000002", 2), 422),
                book("purpose too long", withField("purpose", "\"" + "长".repeat(300) + "\""), 400),
                book("control characters", withField("purpose", "\"a\\u0000b\""), 400),
                book("oversize body", withField("purpose", "\"" + "x".repeat(40_000) + "\""), 413),
                new Case("reused idempotency key, other body", "POST", "/api/v1/bookings", "k",
                        booking("studio", "12:00", "13:00", "13800000001", 2), Map.of("Idempotency-Key", "used-key"), 422),
                new Case("idempotency key too long", "POST", "/api/v1/bookings", "k",
                        booking("studio", "12:00", "13:00", "13800000001", 2), Map.of("Idempotency-Key", "k".repeat(101)),
                        400),
                new Case("text/plain body", "POST", "/api/v1/bookings", "k",
                        booking("studio", "12:00", "13:00", "13800000001", 2), Map.of("Content-Type", "text/plain"), 415),
                new Case("availability without date", "GET", "/api/v1/rooms/studio/availability", "k", null, Map.of(),
                        400),
                new Case("availability impossible date", "GET", "/api/v1/rooms/studio/availability?date=2026-13-45",
                        "k", null, Map.of(), 400),
                new Case("availability of unknown room", "GET", "/api/v1/rooms/nope/availability?date=" + tomorrow,
                        "k", null, Map.of(), 404),
                new Case("booking id not a number", "GET", "/api/v1/bookings/abc", "o", null, Map.of(), 404),
                new Case("unknown booking", "GET", "/api/v1/bookings/999999", "o", null, Map.of(), 404),
                new Case("cancel unknown booking", "DELETE", "/api/v1/bookings/999999", "o", null, Map.of(), 404),
                new Case("unknown hub", "GET", "/api/v1/hubs/atlantis", "-", null, Map.of(), 404),
                new Case("unknown ticket", "GET", "/api/v1/tickets/nope", "-", null, Map.of(), 404),
                new Case("no such route", "GET", "/api/v1/nothing-here", "-", null, Map.of(), 404),
                new Case("no icon (browsers ask)", "GET", "/favicon.ico", "-", null, Map.of(), 404),
                new Case("no such page", "GET", "/nothing/here.png", "-", null, Map.of(), 404),
                new Case("no such page to post to", "POST", "/board/wutong66", "-", "{}", Map.of(), 404),
                post("ticket for unknown service", "/api/v1/services/nope/tickets", "{}", 404),
                post("ticket priority not boolean", "/api/v1/services/affairs/tickets", "{\"priority\":\"yes\"}", 400),
                post("ticket with SQL-looking phone", "/api/v1/services/affairs/tickets",
                        "{\"phone\":\"'; DELETE FROM ticket;--\"}", 400),
                post("check-in without token or phone", "/api/v1/checkins", "{}", 400),
                post("check-in with a forged token", "/api/v1/checkins", "{\"token\":\"LL1:ABCDEF\"}", 422),
                post("check-in in the future", "/api/v1/checkins",
                        "{\"phone\":\"13800000003\",\"at\":\"2031-01-01T09:00:00+08:00\"}", 422),
                post("check-in for unknown service", "/api/v1/checkins",
                        "{\"phone\":\"13800000003\",\"service\":\"nope\"}", 422),
                post("rating six", "/api/v1/feedback", "{\"rating\":6,\"ticket\":\"x\"}", 400),
                post("rating missing", "/api/v1/feedback", "{\"ticket\":\"x\"}", 400),
                post("rating two items", "/api/v1/feedback", "{\"rating\":3,\"ticket\":\"x\",\"booking\":1}", 400),
                post("rating an unknown ticket", "/api/v1/feedback", "{\"rating\":3,\"ticket\":\"nope\"}", 422),
                post("card with emoji phone", "/api/v1/residents/card", "{\"phone\":\"😀😀😀😀😀😀\"}", 400),
                post("sign-up for unknown activity", "/api/v1/activities/nope/signups", "{\"phone\":\"13800000003\"}",
                        404),
                resident("resident look-up with letters for a phone", "lookup", "{\"phone\":\"12ab\"}", 400),
                resident("resident look-up without a phone", "lookup", "{}", 400),
                resident("resident look-up with an unknown field", "lookup",
                        "{\"phone\":\"13800000003\",\"name\":\"Wang\"}", 400),
                resident("resident look-up with a phone as a number", "lookup", "{\"phone\":13800000003}", 400),
                resident("resident copy with emoji phone", "export", "{\"phone\":\"😀😀😀😀😀😀\"}", 400),
                resident("lift a block without a reason", "lift-block", "{\"phone\":\"13800000003\"}", 400),
                resident("lift a block with a phone in the reason", "lift-block",
                        "{\"phone\":\"13800000003\",\"reason\":\"call 138 0000 0003\"}", 400),
                resident("lift the block of an unknown number", "lift-block",
                        "{\"phone\":\"13900000099\",\"reason\":\"ill\"}", 404),
                resident("erase with a reason too long", "erase",
                        "{\"phone\":\"13800000003\",\"reason\":\"" + "x".repeat(201) + "\"}", 400),
                resident("erase an unknown number", "erase", "{\"phone\":\"13900000099\",\"reason\":\"asked\"}", 404),
                resident("erase with a broken body", "erase", "{\"phone\":", 400),
                new Case("login with wrong password", "POST", "/api/v1/auth/login", "-",
                        "{\"username\":\"admin\",\"password\":\"wrong\"}", Map.of(), 401),
                new Case("login without fields", "POST", "/api/v1/auth/login", "-", "{}", Map.of(), 400),
                new Case("transfer without service", "POST", "/api/v1/counters/counter-1/transfer", "o", "{}", Map.of(),
                        400),
                new Case("room edit with negative capacity", "PUT", "/api/v1/rooms/studio", "a",
                        "{\"hub\":\"wutong66\",\"nameZh\":\"工作室\",\"nameEn\":\"Studio\",\"capacity\":-1}", Map.of(), 400)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAProblemDetailAndChangesNothing(Case c) {
        String before = stored();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(c.path()));
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(c.body());
        request.method(c.method(), body);
        if (c.body() != null && !c.headers().containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        c.headers().forEach(request::header);
        String bearer = switch (c.who()) {
            case "k" -> server.kioskKey();
            case "o" -> server.operatorToken();
            case "a" -> server.adminToken();
            default -> null;
        };
        TestServer.Response response = server.send(request, bearer);
        assertEquals(c.status(), response.status(), response.text());
        assertEquals("application/problem+json", response.contentType());
        assertEquals(c.status(), response.json().get("status").asInt());
        assertTrue(response.json().get("detail").asText().length() > 3);
        assertEquals(before, stored());
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastFortyCases() {
        assertTrue(cases().count() >= 40);
    }

    private static String stored() {
        try (var c = server.openDatabase(); var rs = c.createStatement().executeQuery(STORED)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
