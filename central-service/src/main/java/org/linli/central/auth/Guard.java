package org.linli.central.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.EnumSet;
import java.util.Set;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.Unauthorized;

/**
 * Authorisation: who may call a route. Checks the bearer of a request (a staff session or a kiosk key) against the
 * roles the route allows. Door tokens are another matter, in {@code doorkeys}.
 */
public final class Guard {
    public static final Set<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.COUNTER, Role.ADMIN);
    public static final Set<Role> KIOSK_OR_STAFF = EnumSet.allOf(Role.class);
    public static final Set<Role> KIOSK_OR_DESK = EnumSet.of(Role.KIOSK, Role.OPERATOR, Role.ADMIN);
    public static final Set<Role> OPERATORS = EnumSet.of(Role.OPERATOR, Role.ADMIN);
    public static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    /** The cookie the staff pages keep their token in. */
    public static final String COOKIE = "linli_token";

    private final Accounts accounts;

    public Guard(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller, when it has one of the roles.
     *
     * @throws Unauthorized without a valid bearer
     * @throws Forbidden with the wrong role
     */
    public Caller require(ServerRequest req, Set<Role> allowed) {
        String bearer = bearer(req);
        if (bearer == null) {
            throw new Unauthorized("send Authorization: Bearer <staff token or kiosk key>");
        }
        Caller caller = accounts.identify(bearer)
                .orElseThrow(() -> new Unauthorized("the token or key is not valid (any more)"));
        if (!allowed.contains(caller.role())) {
            throw new Forbidden("a " + caller.role().wire() + " may not do this");
        }
        return caller;
    }

    /**
     * The bearer token of a request: the Authorization header, or else the {@value #COOKIE} cookie that the staff
     * pages set at sign-in (a browser's event stream cannot send headers). Null when there is none or it is absurd.
     */
    static String bearer(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header != null) {
            return header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() <= 7 + 200
                    ? header.substring(7).strip() : null;
        }
        String cookie = req.headers().cookies().first(COOKIE).orElse(null);
        return cookie != null && !cookie.isBlank() && cookie.length() <= 200 ? cookie.strip() : null;
    }

    /** Whether a token belongs to a signed-in member of staff (for the web pages). */
    public boolean isStaff(String token) {
        return accounts.identify(token).filter(caller -> STAFF.contains(caller.role())).isPresent();
    }
}
