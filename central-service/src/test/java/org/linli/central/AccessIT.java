package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every staff and kiosk route refuses callers without a key (401) and callers of the wrong role (403). */
class AccessIT extends CentralIT {
    record Route(String method, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<String> ALL = Set.of("kiosk", "counter", "operator", "admin");
    static final Set<String> DESK = Set.of("kiosk", "operator", "admin");
    static final Set<String> STAFF = Set.of("counter", "operator", "admin");
    static final Set<String> OPERATORS = Set.of("operator", "admin");

    static Stream<Route> routes() {
        return Stream.of(
                new Route("PUT", "/api/v1/rooms/studio", Set.of("admin")),
                new Route("PUT", "/api/v1/services/affairs", Set.of("admin")),
                new Route("PUT", "/api/v1/counters/counter-1", Set.of("admin")),
                new Route("PUT", "/api/v1/activities/demo-festival-6", Set.of("admin")),
                new Route("GET", "/api/v1/rooms/studio/availability?date=2030-01-01", ALL),
                new Route("POST", "/api/v1/bookings", DESK),
                // a booking by its id: staff of its hub only, never a kiosk key or a counter (finding H3)
                new Route("GET", "/api/v1/bookings/1", OPERATORS),
                new Route("DELETE", "/api/v1/bookings/1", OPERATORS),
                new Route("GET", "/api/v1/bookings/1/qr.png", OPERATORS),
                new Route("POST", "/api/v1/bookings/cancel", DESK),
                new Route("GET", "/api/v1/hubs/wutong66/revoked", STAFF),
                // the bookings desk (BookingDeskIT) and the door actions' answers (DoorActionsIT)
                new Route("GET", "/api/v1/hubs/wutong66/bookings", STAFF),
                new Route("POST", "/api/v1/bookings/1/cancel", OPERATORS),
                new Route("POST", "/api/v1/rooms/studio/blocks", OPERATORS),
                new Route("POST", "/api/v1/residents/bookings", DESK),
                new Route("POST", "/api/v1/residents/bookings/1/cancel", DESK),
                new Route("GET", "/api/v1/devices/none/commands", OPERATORS),
                new Route("GET", "/api/v1/devices/none/commands/none", OPERATORS),
                new Route("POST", "/api/v1/devices/none/commands", OPERATORS),
                new Route("DELETE", "/api/v1/devices/none", Set.of("admin")),
                new Route("POST", "/api/v1/residents/card", DESK),
                new Route("POST", "/api/v1/residents/card/revoke", OPERATORS),
                new Route("POST", "/api/v1/services/affairs/tickets", DESK),
                new Route("POST", "/api/v1/tickets/x/reactivate", STAFF),
                new Route("POST", "/api/v1/counters/counter-1/call-next", STAFF),
                new Route("POST", "/api/v1/counters/counter-1/recall", STAFF),
                new Route("POST", "/api/v1/counters/counter-1/complete", STAFF),
                new Route("POST", "/api/v1/counters/counter-1/no-show", STAFF),
                new Route("POST", "/api/v1/counters/counter-1/transfer", STAFF),
                new Route("POST", "/api/v1/checkins", DESK),
                new Route("GET", "/api/v1/hubs/wutong66/checkins?date=2030-01-01", STAFF),
                new Route("POST", "/api/v1/activities/demo-festival-6/signups", DESK),
                new Route("DELETE", "/api/v1/activities/demo-festival-6/signups/1", OPERATORS),
                new Route("POST", "/api/v1/feedback", DESK),
                new Route("POST", "/api/v1/hubs/wutong66/kiosk-keys", Set.of("admin")),
                new Route("GET", "/api/v1/hubs/wutong66/kiosk-keys", Set.of("admin")),
                new Route("DELETE", "/api/v1/hubs/wutong66/kiosk-keys/none", Set.of("admin")),
                new Route("GET", "/api/v1/hubs/wutong66/live", STAFF),
                new Route("GET", "/api/v1/hubs/wutong66/evacuation", STAFF),
                new Route("GET", "/api/v1/counters/counter-1", STAFF),
                new Route("POST", "/api/v1/alerts/1/ack", STAFF),
                new Route("GET", "/api/v1/devices", OPERATORS),
                new Route("POST", "/api/v1/devices", Set.of("admin")));
    }

    /** Routes anyone may call: the hub's public face, a ticket by its unguessable id, signing in and out. */
    static final Set<String> PUBLIC = Set.of("GET /api/v1/hubs", "GET /api/v1/hubs/{hub}",
            "GET /api/v1/hubs/{hub}/queues", "GET /api/v1/hubs/{hub}/activities", "GET /api/v1/hubs/{hub}/keys",
            "GET /api/v1/tickets/{id}", "POST /api/v1/auth/login", "POST /api/v1/auth/logout");
    /** Checked elsewhere, as a stream never ends by itself: EventStreamIT, LoginIT, PagesIT. */
    static final Set<String> STREAMS = Set.of("GET /api/v1/events");
    /**
     * Routes that came with reports (ReportsIT, ReportPagesIT), staff administration and the audit log
     * (StaffAdminIT, AdminPagesIT), display keys (DisplayKeysIT) and the dashboard's day (PagesIT), whose own tests
     * check who may call them; they were built beside this table, and get rows in it next (the rule stays: a route
     * added from now on needs a row).
     */
    static final Set<String> CHECKED_BY_THEIR_OWN_TESTS = Set.of(
            "DELETE /api/v1/hubs/{hub}/calendar-feeds/{feed}", "DELETE /api/v1/hubs/{hub}/display-keys/{key}",
            "GET /api/v1/audit", "GET /api/v1/audit/doors", "GET /api/v1/calendars/{feed}/{file}",
            "GET /api/v1/display-keys/me", "GET /api/v1/hubs/{hub}/calendar-feeds", "GET /api/v1/hubs/{hub}/calls",
            "GET /api/v1/hubs/{hub}/display-keys", "GET /api/v1/hubs/{hub}/today", "GET /api/v1/reports/hubs",
            "GET /api/v1/reports/weights", "GET /api/v1/reports/{hub}", "GET /api/v1/reports/{hub}/comparison",
            "GET /api/v1/reports/{hub}/comparison.csv", "GET /api/v1/reports/{hub}/comparison.xlsx",
            "GET /api/v1/reports/{hub}/export.csv", "GET /api/v1/reports/{hub}/export.xlsx",
            "GET /api/v1/reports/{hub}/monthly", "GET /api/v1/reports/{hub}/monthly/{file}",
            "GET /api/v1/reports/{hub}/targets", "GET /api/v1/staff", "GET /api/v1/staff/me",
            "GET /api/v1/staff/{user}", "POST /api/v1/auth/password", "POST /api/v1/hubs/{hub}/calendar-feeds",
            "POST /api/v1/hubs/{hub}/calendar-feeds/{feed}/renew", "POST /api/v1/hubs/{hub}/display-keys",
            "POST /api/v1/reports/refresh", "POST /api/v1/reports/{hub}/monthly/{file}", "POST /api/v1/staff",
            "POST /api/v1/staff/{user}/disable", "POST /api/v1/staff/{user}/enable",
            "POST /api/v1/staff/{user}/password-reset", "PUT /api/v1/reports/weights",
            "PUT /api/v1/reports/{hub}/targets/{service}", "PUT /api/v1/staff/{user}");

    /** A new route without a rule in {@link #routes()} (or on the public list) fails the build. */
    @org.junit.jupiter.api.Test
    void everyRegisteredRouteHasARule() {
        Set<String> registered = new java.util.TreeSet<>();
        for (io.helidon.webserver.http.HttpService service : Main.services(server.server().components())) {
            service.routing(OpenApiIT.recorder(registered));
        }
        for (io.helidon.webserver.http.HttpService service : Main.liveServices(server.server().components())) {
            service.routing(OpenApiIT.recorder(registered));
        }
        List<Route> table = routes().toList();
        List<String> missing = registered.stream().filter(route -> !PUBLIC.contains(route))
                .filter(route -> !STREAMS.contains(route))
                .filter(route -> !CHECKED_BY_THEIR_OWN_TESTS.contains(route))
                .filter(route -> table.stream().noneMatch(r -> matches(route, r)))
                .toList();
        assertEquals(List.of(), missing, "routes without an access rule in AccessIT");
    }

    private static boolean matches(String pattern, Route route) {
        String[] parts = pattern.split(" ", 2);
        String path = route.path().replaceAll("\\?.*$", "");
        return parts[0].equals(route.method())
                && path.matches(parts[1].replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."));
    }

    private static TestServer.Response call(Route route, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(route.path()))
                .header("Content-Type", "application/json")
                .method(route.method(), route.method().equals("GET") || route.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        return server.send(request, bearer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void refusesTheWrongCaller(Route route) {
        assertEquals(401, call(route, null).status());
        assertEquals(401, call(route, "not-a-real-key").status());
        Map<String, String> callers = Map.of("kiosk", server.kioskKey(), "counter", server.counterToken(),
                "operator", server.operatorToken(), "admin", server.adminToken());
        for (String role : List.of("kiosk", "counter", "operator", "admin")) {
            TestServer.Response response = call(route, callers.get(role));
            if (route.allowed().contains(role)) {
                assertEquals(true, response.status() != 401 && response.status() != 403,
                        role + " should pass the access check, got " + response.status() + " " + response.text());
            } else {
                assertEquals(403, response.status(), role + ": " + response.text());
                assertEquals("application/problem+json", response.contentType());
            }
        }
    }
}
