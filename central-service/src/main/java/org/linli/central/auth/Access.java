package org.linli.central.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.EnumSet;
import java.util.Set;
import org.linli.central.web.ProblemException;

/** Checks the bearer of a request against the roles a route allows. */
public final class Access {
    public static final Set<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.COUNTER, Role.ADMIN);
    public static final Set<Role> KIOSK_OR_STAFF = EnumSet.allOf(Role.class);
    public static final Set<Role> KIOSK_OR_DESK = EnumSet.of(Role.KIOSK, Role.OPERATOR, Role.ADMIN);
    public static final Set<Role> OPERATORS = EnumSet.of(Role.OPERATOR, Role.ADMIN);
    public static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final Accounts accounts;

    public Access(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller, when it has one of the roles.
     *
     * @throws ProblemException 401 without a valid bearer, 403 with the wrong role
     */
    public Caller require(ServerRequest req, Set<Role> allowed) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 7 + 200) {
            throw ProblemException.unauthorized("send Authorization: Bearer <staff token or kiosk key>");
        }
        Caller caller = accounts.identify(header.substring(7).strip())
                .orElseThrow(() -> ProblemException.unauthorized("the token or key is not valid (any more)"));
        if (!allowed.contains(caller.role())) {
            throw ProblemException.forbidden("a " + caller.role().wire() + " may not do this");
        }
        return caller;
    }
}
