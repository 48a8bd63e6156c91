package org.linli.central.admin;

import java.util.List;
import java.util.Optional;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;

/**
 * Which hubs an administrator manages: their own and every hub below it (a street hub's residential ones, a
 * district's streets and theirs); an administrator of no particular hub manages every hub and the accounts of no hub.
 */
public final class HubScope {
    private final Catalogue catalogue;

    public HubScope(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** @param hubId null: the accounts and actions that belong to no hub, which only a global administrator manages */
    public boolean manages(Caller caller, String hubId) {
        if (caller.role() != Role.ADMIN) {
            return false;
        }
        if (caller.hubId() == null) {
            return true;
        }
        // the hub-scope rule of every route (Guard), for admins: and the accounts of no hub stay the global admins'
        return hubId != null && Guard.within(caller.hubId(), hubId, at -> catalogue.hub(at).map(Hub::parent)
                .orElse(null));
    }

    /** The ids of the hubs the caller manages; empty for a global administrator, who manages them all. */
    public Optional<List<String>> managedHubs(Caller caller) {
        if (caller.role() == Role.ADMIN && caller.hubId() == null) {
            return Optional.empty();
        }
        return Optional.of(catalogue.hubs().stream().map(Hub::id).filter(id -> manages(caller, id)).toList());
    }
}
