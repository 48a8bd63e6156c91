package org.linli.central.displays;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.central.admin.HubScope;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/**
 * Display keys: {@code POST|GET /hubs/{hub}/display-keys} and {@code DELETE /hubs/{hub}/display-keys/{key}} for the
 * hub's administrators, {@code GET /display-keys/me} for a screen; and the filter that keeps a display key to its
 * screens' routes in its own hub, whatever the routes' own guards allow: a key on a lobby screen reads the board's
 * data and nothing else (no bookings, no figures), and a counter screen's also serves at its hub's counters.
 */
public final class DisplayService implements HttpService {
    private static final String HUB = "([A-Za-z0-9_-]{1,64})";
    private static final List<Pattern> SCREEN_READS = List.of(
            Pattern.compile("/api/v1/hubs/" + HUB),
            Pattern.compile("/api/v1/hubs/" + HUB + "/(live|queues|activities|calls)"),
            Pattern.compile("/api/v1/display-keys/me"),
            Pattern.compile("/api/v1/events"));
    private static final Pattern COUNTER_READ = Pattern.compile("/api/v1/counters/[A-Za-z0-9_-]{1,64}");
    private static final Pattern COUNTER_ACTION = Pattern.compile(
            "/api/v1/counters/[A-Za-z0-9_-]{1,64}/(call-next|recall|complete|no-show|transfer|open|close)");

    private static final long DISPLAY_COOKIE_SECONDS = java.time.Duration.ofDays(400).toSeconds();

    private final DisplayKeys keys;
    private final Catalogue catalogue;
    private final Guard guard;
    private final HubScope scope;
    private final Function<String, Optional<Caller>> identify;
    private final long maxBody;

    public DisplayService(DisplayKeys keys, Catalogue catalogue, Guard guard,
            Function<String, Optional<Caller>> identify, long maxBody) {
        this.keys = keys;
        this.catalogue = catalogue;
        this.guard = guard;
        this.scope = new HubScope(catalogue);
        this.identify = identify;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/hubs/{hub}/display-keys", this::issue)
                .get("/hubs/{hub}/display-keys", this::list)
                .delete("/hubs/{hub}/display-keys/{key}", this::revoke)
                .get("/display-keys/me", this::me);
    }

    /** Refuses a display key anything but its screens' routes, before any handler runs. */
    public Filter filter() {
        return (chain, req, res) -> {
            String path = req.path().path();
            if (path.startsWith("/api/")) {
                String bearer = Requests.bearer(req);
                Optional<Caller> display = bearer == null ? Optional.empty() : identify.apply(bearer)
                        .filter(Caller::displayKey);
                if (display.isPresent() && !allowed(display.get(), req.prologue().method(), path,
                        req.query().first("hub").orElse(null))) {
                    throw new Forbidden("a display key shows its hub's screens and does nothing else");
                }
            }
            chain.proceed();
        };
    }

    static boolean allowed(Caller display, Method method, String path, String hubQuery) {
        if (method == Method.GET) {
            for (Pattern read : SCREEN_READS) {
                Matcher m = read.matcher(path);
                if (m.matches()) {
                    // the event stream of its own hub only (without ?hub= it would carry every hub's)
                    String hub = m.groupCount() > 0 ? m.group(1) : path.endsWith("/events") ? hubQuery : display.hubId();
                    return hub != null && Guard.atOwnHub(display, hub); // a screen shows the hub it hangs in
                }
            }
            // the counter's own view; the counter's hub is checked by the route, as for counter staff
            return display.role() == Role.COUNTER && COUNTER_READ.matcher(path).matches();
        }
        return method == Method.POST && display.role() == Role.COUNTER && COUNTER_ACTION.matcher(path).matches();
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        JsonBody body = JsonBody.read(req, maxBody);
        String label = body.text("label", 60);
        String scopeName = body.text("scope", 16);
        body.done();
        DisplayKeys.Scope displayScope = switch (scopeName) {
            case "screen" -> DisplayKeys.Scope.SCREEN;
            case "counter" -> DisplayKeys.Scope.COUNTER;
            default -> throw InvalidInput.field("scope", "screen (read-only) or counter");
        };
        DisplayKeys.Issued issued = keys.issue(hub.id(), label, displayScope);
        Map<String, Object> answer = json(issued.display());
        answer.put("key", issued.key());
        // the key is in this answer and nowhere else: no cache may keep it
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, Status.CREATED_201, answer);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        Json.ok(res, keys.list(hub.id()).stream().map(DisplayService::json).toList());
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        if (!keys.revoke(hub.id(), Requests.id(req, "key"))) {
            throw new NotFound("hub " + hub.id() + " has no display key with that id");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void me(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        if (!caller.displayKey()) {
            throw new NotFound("this is not a display key");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", caller.name().substring(Accounts.DISPLAY_PREFIX.length()));
        body.put("hub", caller.hubId());
        body.put("scope", caller.role() == Role.COUNTER ? "counter" : "screen");
        body.put("counters", Retiring.inUse(catalogue.counters(caller.hubId())).stream().map(c -> Map.of("id", c.id(),
                "name", c.name())).toList());
        // the screen's pages load with the HttpOnly cookie, as staff pages do after sign-in; the key lasts until an
        // administrator revokes it, the cookie as long as a browser keeps one
        res.header(io.helidon.http.HeaderNames.SET_COOKIE, Requests.sessionCookieHeader(req, Requests.bearer(req),
                DISPLAY_COOKIE_SECONDS));
        Json.ok(res, body);
    }

    private Hub managedHub(ServerRequest req) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        Hub hub = catalogue.requireHub(Requests.id(req, "hub"));
        if (!scope.manages(caller, hub.id())) {
            throw new Forbidden("hub " + hub.id() + " is not one you manage");
        }
        return hub;
    }

    private static Map<String, Object> json(DisplayKeys.DisplayKey key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id());
        body.put("hub", key.hubId());
        body.put("label", key.label());
        body.put("scope", key.scope().wire());
        body.put("created", key.created().toString());
        return body;
    }
}
