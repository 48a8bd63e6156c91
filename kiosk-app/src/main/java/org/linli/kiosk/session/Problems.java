package org.linli.kiosk.session;

import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.CentralUnavailableException;

/** Turns a failure into the message key a resident reads; the technical detail stays in the log. */
public final class Problems {
    /** The key of a room or service retired by the hub since the screen loaded its list. */
    public static final String RETIRED = "refused.retired";
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static String messageKey(Exception e, String refusedKey) {
        if (e instanceof CentralUnavailableException) {
            return "error.needsCentral";
        }
        if (e instanceof CentralRefusedException refused) {
            if ("no-show-blocked".equals(refused.type())) {
                // the same rule stops a booking and a sign-up: say why, not "choose another time"
                return "refused.noShows";
            }
            if ("room-retired".equals(refused.type()) || "service-retired".equals(refused.type())) {
                // retired by the hub since this screen loaded its list: no other time will do either
                return RETIRED;
            }
            return refused.conflict() ? refusedKey + ".conflict" : refusedKey;
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected failure", e);
        return "error.unexpected";
    }
}
