package org.linli.central.live;

import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.errors.Forbidden;

/** The hub of the path, for staff of that hub (or of every hub): what the live screens and the day's figures show. */
final class OwnHub {
    private OwnHub() {
    }

    static Hub of(String bearer, String hubId, Guard guard, Catalogue catalogue) {
        Caller caller = guard.require(bearer, Guard.STAFF);
        Hub hub = catalogue.requireHub(hubId);
        if (caller.hubId() != null && !caller.hubId().equals(hub.id())) {
            throw new Forbidden("staff of hub " + caller.hubId() + " see only their own hub");
        }
        return hub;
    }
}
