package org.linli.central.auth;

import java.util.Locale;

/** Who is calling: a kiosk (by its key) or a member of staff (by role). */
public enum Role {
    KIOSK, OPERATOR, COUNTER, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A staff role from its stored name. */
    public static Role staff(String wire) {
        Role role = valueOf(wire.toUpperCase(Locale.ROOT));
        if (role == KIOSK) {
            throw new IllegalArgumentException("kiosk is not a staff role");
        }
        return role;
    }
}
