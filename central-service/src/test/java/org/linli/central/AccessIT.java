package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.central.AccessFixture.Who.ANONYMOUS;
import static org.linli.central.AccessFixture.Who.COUNTER;
import static org.linli.central.AccessFixture.Who.COUNTER_KEY;
import static org.linli.central.AccessFixture.Who.DISTRICT_ADMIN;
import static org.linli.central.AccessFixture.Who.GLOBAL_ADMIN;
import static org.linli.central.AccessFixture.Who.HUB_STAFF;
import static org.linli.central.AccessFixture.Who.KIOSK;
import static org.linli.central.AccessFixture.Who.SCREEN_KEY;
import static org.linli.central.AccessFixture.Who.STREET_ADMIN;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.central.AccessFixture.Target;
import org.linli.central.AccessFixture.Who;

/**
 * One rule for who may do what, for every route (issue 13): each route of the service is called by every caller (the
 * three kinds of admin, the hub's staff and counter, its kiosk, its two kinds of display key, nobody) about the
 * caller's own hub, a hub below it and a hub outside its reach, and answers as its row says. A route without a row
 * fails the build ({@link #everyRegisteredRouteHasARow}).
 */
class AccessIT extends CentralIT {
    /** How a route limits the hubs a caller may name. */
    enum Scope {
        /** Not about one hub (or about the caller's own, implicitly). */
        NONE,
        /** The one rule ({@code Guard.reaches}): the caller's hub and the hubs below it; a kiosk its own. */
        REACHES,
        /** Its named narrow variant ({@code Guard.atOwnHub}): the caller's own hub only, for counter work. */
        OWN_HUB
    }

    /** What a display key may call at all (its filter): nothing, its hub's screens, or also its counter's work. */
    enum Screen {
        NONE, SCREEN, COUNTER
    }

    /**
     * @param refusal the status of a caller of the right role about a hub out of its reach: 403, or 404 (or 422) where
     *     the route answers as if another hub's object did not exist
     * @param streetsUp refuses a residential hub to everyone (comparisons are made for a street or a district)
     */
    record Route(String method, String path, String body, Set<Who> allowed, Scope scope, int refusal, Screen screen,
            boolean streetsUp) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        boolean aboutAHub() {
            return scope != Scope.NONE || (path + body).matches("(?s).*\\{(hub|room|service|counter|activity|booking"
                    + "|new-booking|spare-room|spare-service|spare-counter|ticket|device|new-device|command|alert|signup|kiosk-key|display-key|feed|feed-file|new-feed|user)}.*");
        }
    }

    static final Set<Who> ADMINS = EnumSet.of(GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN);
    static final Set<Who> OPERATORS = EnumSet.of(GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN, HUB_STAFF);
    static final Set<Who> STAFF = EnumSet.of(GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN, HUB_STAFF, COUNTER);
    static final Set<Who> DESK = EnumSet.of(GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN, HUB_STAFF, KIOSK);
    static final Set<Who> KIOSK_OR_STAFF = EnumSet.of(GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN, HUB_STAFF, COUNTER,
            KIOSK);
    /** Anyone, with a key or without: the hub's public face. */
    static final Set<Who> ANYONE = EnumSet.of(ANONYMOUS, GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN, HUB_STAFF, COUNTER,
            KIOSK);

    static Route row(String method, String path, String body, Set<Who> allowed, Scope scope, int refusal) {
        return new Route(method, path, body, allowed, scope, refusal, Screen.NONE, false);
    }

    static Route screen(String method, String path, Set<Who> allowed, Scope scope, int refusal) {
        return new Route(method, path, null, with(allowed, SCREEN_KEY, COUNTER_KEY), scope, refusal, Screen.SCREEN,
                false);
    }

    static Route counterWork(String method, String path, String body, int refusal) {
        return new Route(method, path, body, with(STAFF, COUNTER_KEY), Scope.OWN_HUB, refusal, Screen.COUNTER, false);
    }

    static Route streetsUp(String method, String path, Set<Who> allowed) {
        return new Route(method, path, null, allowed, Scope.REACHES, 403, Screen.NONE, true);
    }

    private static Set<Who> with(Set<Who> set, Who... more) {
        Set<Who> out = EnumSet.copyOf(set);
        out.addAll(List.of(more));
        return out;
    }

    static List<Route> routes() {
        Scope none = Scope.NONE;
        Scope reaches = Scope.REACHES;
        return AccessRoutes.all(none, reaches);
    }

    static AccessFixture fixture;

    @BeforeAll
    static void hubsAndCallers() {
        fixture = new AccessFixture(server);
    }

    /** What a caller should be answered about a hub: the status, or 0 for "passes the access check". */
    static int expected(Route route, Who who, Target target) {
        if (who == ANONYMOUS) {
            return route.allowed().contains(ANONYMOUS) ? 0 : 401;
        }
        if (!route.allowed().contains(who)) {
            return 403;
        }
        boolean ownOnly = who == KIOSK || who.displayKey();
        if (who.displayKey() && route.screen() == Screen.SCREEN && route.aboutAHub() && target != Target.OWN) {
            return 403; // a screen shows the hub it hangs in
        }
        if (route.scope() == Scope.NONE) {
            return 0;
        }
        if (route.streetsUp() && AccessFixture.residential(AccessFixture.hub(who, target))) {
            return 403;
        }
        boolean reached = who == GLOBAL_ADMIN || target == Target.OWN
                || target == Target.BELOW && route.scope() == Scope.REACHES && !ownOnly;
        return reached ? 0 : route.refusal();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void answersEveryCallerAsItsRowSays(Route route) {
        List<String> wrong = new ArrayList<>();
        List<Target> targets = route.aboutAHub() ? List.of(Target.values()) : List.of(Target.OWN);
        // signing out is sent without the caller's key, which it would end: it is anybody's, as nobody
        List<Who> callers = route.path().equals("/api/v1/auth/logout") ? List.of(ANONYMOUS) : List.of(Who.values());
        for (Who who : callers) {
            for (Target target : targets) {
                int want = expected(route, who, target);
                Answer got = call(route, who, target);
                boolean right = want == 0 ? passes(route, got.status()) : got.status() == want;
                if (!right) {
                    wrong.add(who + " about " + target + " (" + AccessFixture.hub(who, target) + "): expected "
                            + (want == 0 ? "to pass" : want) + ", got " + got.status() + " " + got.text());
                }
                if (want != 0 && want != 422 && !"application/problem+json".equals(got.contentType())) {
                    wrong.add(who + " about " + target + ": a refusal without a problem detail: " + got.contentType());
                }
            }
        }
        assertEquals(List.of(), wrong, route + ":\n" + String.join("\n", wrong));
    }

    /**
     * Whether a caller the row lets through got past the access check: a read answers 200 (but for the two reads of
     * something that may not be there), a write anything but a refusal or a failure (an empty body is a 400, a rule
     * a 409 or 422: the check came first).
     */
    private static boolean passes(Route route, int status) {
        if (route.method().equals("GET") && !MAY_BE_MISSING.contains(route.path())) {
            return status == 200;
        }
        return status != 401 && status != 403 && status != route.refusal() && status < 500;
    }

    /** Reads whose object may be absent for a caller who may read it: a 404 is theirs to get. */
    private static final Set<String> MAY_BE_MISSING = Set.of(
            "/api/v1/display-keys/me", // a member of staff is not a display key
            "/api/v1/reports/{hub}/monthly/2026-11.xlsx"); // not filed

    /** A new route without a row fails the build: nothing is exempt, public routes and the event stream included. */
    @Test
    void everyRegisteredRouteHasARow() {
        Set<String> registered = new TreeSet<>();
        for (io.helidon.webserver.http.HttpService service : Main.services(server.server().components())) {
            service.routing(OpenApiIT.recorder(registered));
        }
        for (io.helidon.webserver.http.HttpService service : Main.liveServices(server.server().components())) {
            service.routing(OpenApiIT.recorder(registered));
        }
        List<Route> table = routes();
        List<String> missing = registered.stream()
                .filter(route -> table.stream().noneMatch(r -> matches(route, r)))
                .toList();
        assertEquals(List.of(), missing, "routes without a row in AccessRoutes");
        List<Route> stale = table.stream().filter(r -> registered.stream().noneMatch(route -> matches(route, r)))
                .toList();
        assertEquals(List.of(), stale, "rows of routes that are gone");
        assertTrue(registered.size() > 80, "the routes were found: " + registered.size());
    }

    /** The pages anyone may open: sign-in, a screen's key entry, a resident's ticket, and what pages load. */
    private static final Set<String> OPEN_PAGES = Set.of("GET /login", "GET /display", "GET /ticket/{id}",
            "GET /static/*", "GET /webjars/*");

    /**
     * The pages too (finding L2 and the rule above, "nothing is exempt"): every page route but those meant for anyone
     * sends a browser without a staff session, or with a kiosk's key for a cookie, to the sign-in page; a new page
     * is checked without anyone listing it.
     */
    @Test
    void everyPageButTheOpenOnesSendsAStrangerToTheSignIn() throws Exception {
        Set<String> pages = new TreeSet<>();
        new org.linli.central.pages.PageService(token -> false).routing(pageRecorder(pages));
        assertTrue(pages.containsAll(OPEN_PAGES), "the open pages are routes: " + pages);
        assertTrue(pages.size() > OPEN_PAGES.size() + 10, "the pages were found: " + pages);
        List<String> wrong = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            for (String page : pages) {
                if (OPEN_PAGES.contains(page)) {
                    continue;
                }
                String path = page.substring("GET ".length()).replaceAll("\\{[^}]+}", "wutong66");
                for (String cookie : new String[] {null, "linli_token=" + fixture.bearer(KIOSK)}) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
                    if (cookie != null) {
                        request.header("Cookie", cookie);
                    }
                    HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    String location = answer.headers().firstValue("Location").orElse("");
                    if (answer.statusCode() != 303 || !location.startsWith("/login?next=")) {
                        wrong.add(page + (cookie == null ? "" : " (kiosk key)") + ": " + answer.statusCode() + " "
                                + location);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "pages a stranger opens");
    }

    /** Records the page routes as "GET /path" (pages are registered at the root, not under the API's prefix). */
    private static io.helidon.webserver.http.HttpRules pageRecorder(Set<String> routes) {
        return (io.helidon.webserver.http.HttpRules) java.lang.reflect.Proxy.newProxyInstance(
                io.helidon.webserver.http.HttpRules.class.getClassLoader(),
                new Class<?>[] {io.helidon.webserver.http.HttpRules.class}, (proxy, method, args) -> {
                    if (Set.of("get", "post", "put", "delete", "patch").contains(method.getName()) && args != null
                            && args.length > 0 && args[0] instanceof String path) {
                        routes.add(method.getName().toUpperCase(java.util.Locale.ROOT) + " " + path);
                        return proxy;
                    }
                    throw new UnsupportedOperationException("the page check does not know " + method.getName());
                });
    }

    private static boolean matches(String pattern, Route route) {
        String[] parts = pattern.split(" ", 2);
        String path = route.path().replaceAll("\\?.*$", "");
        return parts[0].equals(route.method())
                && path.matches(parts[1].replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."));
    }

    record Answer(int status, String contentType, String text) {
    }

    private static Answer call(Route route, Who who, Target target) {
        String hub = AccessFixture.hub(who, target);
        String bearer = route.path().equals("/api/v1/auth/logout") ? null : fixture.bearer(who);
        String body = route.body() == null ? "{}" : fixture.fill(route.body(), hub);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(fixture.fill(route.path(), hub)))
                .header("Content-Type", "application/json")
                .method(route.method(), route.method().equals("GET") || route.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (route.path().startsWith("/api/v1/events")) {
            return stream(request, bearer);
        }
        TestServer.Response response = server.send(request, bearer);
        return new Answer(response.status(), response.contentType(), response.text());
    }

    /** The event stream never ends by itself: its status and type are read, and the stream closed. */
    private static Answer stream(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = response.body()) {
                String text = response.statusCode() == 200 ? "(stream)" : new String(in.readAllBytes());
                return new Answer(response.statusCode(), type.replaceAll(";.*", ""), text);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
