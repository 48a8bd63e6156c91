package org.linli.central.admin;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Role;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/**
 * Staff administration: {@code GET|POST /staff}, {@code GET|PUT /staff/{user}}, {@code POST
 * /staff/{user}/disable|enable|password-reset} for administrators of the account's hub or one above it; {@code GET
 * /staff/me} and {@code POST /auth/password} for every member of staff.
 */
public final class StaffService implements HttpService {
    private final StaffAdmin staff;
    private final Guard guard;
    private final long maxBody;

    public StaffService(StaffAdmin staff, Guard guard, long maxBody) {
        this.staff = staff;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/staff", this::list)
                .post("/staff", this::create)
                .get("/staff/me", this::me)
                .get("/staff/{user}", this::get)
                .put("/staff/{user}", this::update)
                .post("/staff/{user}/disable", (req, res) -> disabled(req, res, true))
                .post("/staff/{user}/enable", (req, res) -> disabled(req, res, false))
                .post("/staff/{user}/password-reset", this::reset)
                .post("/auth/password", this::changeOwn);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        Json.ok(res, staff.list(caller).stream().map(StaffService::json).toList());
    }

    private void me(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", caller.name());
        body.put("role", caller.role().wire());
        body.put("hub", caller.hubId());
        Json.ok(res, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        Json.ok(res, json(staff.get(caller, user(req))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        JsonBody body = JsonBody.read(req, maxBody);
        String username = body.text("username", 64);
        Role role = role(body.text("role", 16));
        String hub = body.optionalText("hub", 64);
        body.done();
        StaffAdmin.WithPassword created = staff.create(caller, username, role, hub);
        withPassword(res, Status.CREATED_201, created);
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String username = user(req);
        JsonBody body = JsonBody.read(req, maxBody);
        Role role = role(body.text("role", 16));
        String hub = body.optionalText("hub", 64);
        body.done();
        Json.ok(res, json(staff.update(caller, username, role, hub)));
    }

    private void disabled(ServerRequest req, ServerResponse res, boolean disabled) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        Json.ok(res, json(staff.setDisabled(caller, user(req), disabled)));
    }

    private void reset(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        withPassword(res, Status.OK_200, staff.resetPassword(caller, user(req)));
    }

    private void changeOwn(ServerRequest req, ServerResponse res) {
        String session = Requests.bearer(req);
        Caller caller = guard.require(session, Guard.STAFF);
        JsonBody body = JsonBody.read(req, maxBody);
        String current = body.text("current", 200);
        String password = body.text("password", 200);
        body.done();
        staff.changeOwnPassword(caller, session, Requests.clientAddress(req), current, password);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static void withPassword(ServerResponse res, Status status, StaffAdmin.WithPassword answer) {
        Map<String, Object> body = json(answer.member());
        body.put("password", answer.password());
        // the password is in this answer and nowhere else: no cache may keep it
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, status, body);
    }

    private static String user(ServerRequest req) {
        String value = req.path().pathParameters().get("user");
        if (value == null || !FirstAdmin.USER_NAME.matcher(value).matches()) {
            throw new NotFound("no member of staff with that name");
        }
        return value;
    }

    private static Role role(String wire) {
        return switch (wire) {
            case "admin" -> Role.ADMIN;
            case "operator" -> Role.OPERATOR;
            case "counter" -> Role.COUNTER;
            default -> throw InvalidInput.field("role", "admin, operator or counter");
        };
    }

    static Map<String, Object> json(StaffAdmin.Member member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", member.username());
        body.put("role", member.role().wire());
        body.put("hub", member.hubId());
        body.put("disabled", member.disabled());
        return body;
    }
}
