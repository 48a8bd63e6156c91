package org.linli.central.auth;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;

/** {@code POST /api/v1/auth/login}. */
public final class AuthService implements HttpService {
    private final Accounts accounts;
    private final long maxBody;

    public AuthService(Accounts accounts, long maxBody) {
        this.accounts = accounts;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/auth/login", this::login);
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonBody body = JsonBody.read(req, maxBody);
        String username = body.text("username", 64);
        String password = body.text("password", 200);
        body.done();
        Accounts.Session session = accounts.login(username, password);
        Json.ok(res, Map.of("token", session.token(), "role", session.role().wire()));
    }
}
