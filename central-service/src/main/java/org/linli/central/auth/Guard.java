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
     * The one hub-scope rule every route uses: whether the caller may act on a hub. Callers of all hubs act on any;
     * the others on their own hub and every hub below it (a street hub's staff on its residential hubs, a district's
     * on all its streets). A kiosk key is the one caller whose reach stops at its own hub: it stands in that hub and
     * serves the resident in front of it, so a street hub's kiosk books, queues and checks in for the street hub only.
     */
    public boolean reaches(Caller caller, String hubId) {
        if (caller.role() == Role.KIOSK) {
            return atOwnHub(caller, hubId);
        }
        return caller.hubId() == null || within(caller.hubId(), hubId, parentOf);
    }

    /**
     * The named narrower variant of {@link #reaches}: the caller's own hub only, never the hubs below. For work done
     * in person at one hub's counters (calling, serving, putting a ticket back, the counter's console) and for a
     * display key's screens, which show the one hub they hang in.
     */
    public static boolean atOwnHub(Caller caller, String hubId) {
        return caller.hubId() == null || caller.hubId().equals(hubId);
    }

    /**
     * Whether {@code hubId} is {@code ancestorId} or lies below it: the tree walk behind {@link #reaches}, and the only
     * one (administration, reports and calendar feeds ask it too).
     *
     * @param parentOf a hub's parent hub id, or null for a top hub or an unknown one
     */
    public static boolean within(String ancestorId, String hubId, UnaryOperator<String> parentOf) {
        String current = hubId;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(ancestorId)) {
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
            throw new Forbidden(caller.role() == Role.KIOSK ? "a kiosk acts for its own hub " + caller.hubId() + " only"
                    : "a " + caller.role().wire() + " of hub " + caller.hubId()
                    + " acts on that hub and the hubs under it only");
        }
    }

    /**
     * @throws Forbidden when the caller is not of that hub ({@link #atOwnHub})
     */
    public void requireOwnHub(Caller caller, String hubId) {
        if (!atOwnHub(caller, hubId)) {
            throw new Forbidden("this is done at hub " + hubId + " by its own staff");
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

    /**
     * Whether a token may open the staff web pages: a signed-in member of staff, or a display key, whose screens are
     * pages too (what they may then call is narrowed by the display filter on {@code /api/}).
     */
    public boolean isStaff(String token) {
        return accounts.identify(token).filter(caller -> STAFF.contains(caller.role())).isPresent();
    }

    /**
     * Whether a token is a member of staff's own session: not a display key (which reads as an operator or a counter)
     * nor a kiosk key. For what is no screen's business, such as the service's health and metrics.
     */
    public boolean isSignedInStaff(String token) {
        return accounts.identify(token).filter(Caller::signedInStaff).isPresent();
    }
}
