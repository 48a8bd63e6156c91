package org.linli.central.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/**
 * {@code POST /api/v1/auth/login} (throttled, {@link LoginThrottle}) and {@code POST /api/v1/auth/logout}. The login
 * answers the token (for the Authorization header) and sets it as an HttpOnly cookie for the pages and their event
 * stream; the logout deletes the session and clears the cookie. Both are in the audit log (the account name as typed,
 * the outcome and the address; never the password).
 */
public final class AuthService implements HttpService {
    /** The role the audit log gives a sign-in whose password or user name was wrong. */
    public static final String NOT_SIGNED_IN = "none";

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final long maxBody;

    public AuthService(Accounts accounts, LoginThrottle throttle, long maxBody) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/auth/login", this::login).post("/auth/logout", this::logout);
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonBody body = JsonBody.read(req, maxBody);
        String username = body.text("username", 64);
        String password = body.text("password", 200);
        body.done();
        Accounts.Session session = throttle.attempt(username, Requests.clientAddress(req), () -> {
            // Audited once checked, under the name as typed, right or wrong (never the password). Not one refused
            // by the throttle unchecked: a flood of those would fill the log; the wrong ones before it are there.
            Requests.auditActor(req, username, NOT_SIGNED_IN);
            Accounts.Session checked = accounts.login(username, password);
            Requests.auditActor(req, username, checked.role().wire());
            return checked;
        });
        // not for the session's first 12 hours: a session in use is renewed (Accounts), and a counter console open
        // from 08:00 would lose its pages and its event stream at 20:00 with a cookie that ends before the session
        res.header(HeaderNames.SET_COOKIE, Requests.sessionCookieHeader(req, session.token(),
                Requests.UNTIL_THE_BROWSER_CLOSES));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.ok(res, Map.of("token", session.token(), "role", session.role().wire()));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        String header = Requests.bearer(req);
        String token = header != null ? header : Requests.sessionCookie(req);
        if (token != null) {
            // audited as the session's member of staff, also when only the cookie names it
            java.util.Optional<Caller> ended = accounts.identify(token);
            if (accounts.logout(token)) {
                ended.ifPresent(caller -> Requests.auditActor(req, caller.name(), caller.role().wire()));
            }
        }
        res.header(HeaderNames.SET_COOKIE, Requests.sessionCookieHeader(req, null, 0));
        res.status(Status.NO_CONTENT_204).send();
    }
}
