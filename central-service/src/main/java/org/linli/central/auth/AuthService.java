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
 * stream; the logout deletes the session and clears the cookie.
 */
public final class AuthService implements HttpService {
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
        Accounts.Session session = throttle.attempt(username, Requests.clientAddress(req),
                () -> accounts.login(username, password));
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
            accounts.logout(token);
        }
        res.header(HeaderNames.SET_COOKIE, Requests.sessionCookieHeader(req, null, 0));
        res.status(Status.NO_CONTENT_204).send();
    }
}
