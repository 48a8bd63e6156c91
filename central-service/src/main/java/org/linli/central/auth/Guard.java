package org.linli.central.auth;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
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

    /** Hubs nest at most this deep (district, street, …); a loop in bad data stops here. */
    private static final int MAX_DEPTH = 8;
    private final Accounts accounts;
    private final UnaryOperator<String> parentOf;

    /** @param parentOf a hub's parent hub id, or null for a top hub or an unknown one */
    public Guard(Accounts accounts, UnaryOperator<String> parentOf) {
        this.accounts = accounts;
        this.parentOf = parentOf;
    }

    /**
     * Whether the caller may act on a hub: callers of all hubs on any, others on their own hub and the hubs below it.
     * The one hub-scope rule every route uses.
     */
    public boolean reaches(Caller caller, String hubId) {
        if (caller.hubId() == null) {
            return true;
        }
        String current = hubId;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(caller.hubId())) {
                return true;
            }
            current = parentOf.apply(current);
        }
        return false;
    }

    /**
     * @throws Forbidden when the caller may not act on the hub ({@link #reaches})
     */
    public void requireHub(Caller caller, String hubId) {
        if (!reaches(caller, hubId)) {
            throw new Forbidden("a " + caller.role().wire() + " of hub " + caller.hubId()
                    + " acts on that hub and the hubs under it only");
        }
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
