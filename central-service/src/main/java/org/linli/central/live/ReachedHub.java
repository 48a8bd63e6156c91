package org.linli.central.live;

import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;

/**
 * The hub of the path, for staff who reach it by the one hub-scope rule ({@link Guard#reaches}: their hub and the
 * hubs below it): what the live screens, the evacuation list and the day's figures show.
 */
final class ReachedHub {
    private ReachedHub() {
    }

    static Hub of(String bearer, String hubId, Guard guard, Catalogue catalogue) {
        Caller caller = guard.require(bearer, Guard.STAFF);
        Hub hub = catalogue.requireHub(hubId);
        guard.requireHub(caller, hub.id());
        return hub;
    }
}
