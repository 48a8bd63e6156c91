package org.linli.central.auth;

/**
 * An authenticated caller.
 *
 * @param name the kiosk id or the staff user name
 * @param hubId the hub a kiosk stands in, or a staff member's hub (null: all hubs)
 */
public record Caller(Role role, String name, String hubId) {
    /** Whether this is a screen's display key (it reads as an operator or a counter, scoped to its hub). */
    public boolean displayKey() {
        return name.startsWith(Accounts.DISPLAY_PREFIX);
    }

    /** Whether this is a member of staff's own session: neither a kiosk key nor a screen's display key. */
    public boolean signedInStaff() {
        return role != Role.KIOSK && !displayKey();
    }
}
