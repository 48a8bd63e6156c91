package org.linli.central.auth;

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

    private final Accounts accounts;

    public Guard(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller, when it has one of the roles.
     *
     * @param bearer the request's bearer token ({@code web.Requests.bearer}), null when it sent none
     * @throws Unauthorized without a valid bearer
     * @throws Forbidden with the wrong role
     */
    public Caller require(String bearer, Set<Role> allowed) {
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

    /** Whether a token belongs to a signed-in member of staff (for the web pages). */
    public boolean isStaff(String token) {
        return accounts.identify(token).filter(caller -> STAFF.contains(caller.role())).isPresent();
    }
}
