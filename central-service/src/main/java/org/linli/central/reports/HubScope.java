package org.linli.central.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;

/**
 * The three-level network as a tree, for the reports' pickers and roll-ups. Who sees whose figures is the hub-scope
 * rule of every route ({@code Guard.reaches}): a member of staff sees the hub they belong to and every hub under it
 * (a street admin the street hub and its residential hubs; district staff all); staff without a hub see all.
 */
public final class HubScope {
    private static final int MAX_DEPTH = 8;
    private final Catalogue catalogue;

    public HubScope(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Optional<Hub> hub(String id) {
        return catalogue.hub(id);
    }

    /** The hub and, when {@code rollup}, every hub under it, parents before children. */
    public List<Hub> subtree(Hub root, boolean rollup) {
        if (!rollup) {
            return List.of(root);
        }
        Map<String, List<Hub>> children = new HashMap<>();
        for (Hub hub : catalogue.hubs()) {
            if (hub.parent() != null) {
                children.computeIfAbsent(hub.parent(), p -> new ArrayList<>()).add(hub);
            }
        }
        List<Hub> out = new ArrayList<>();
        List<Hub> next = new ArrayList<>(List.of(root));
        for (int depth = 0; !next.isEmpty() && depth < MAX_DEPTH; depth++) {
            out.addAll(next);
            List<Hub> below = new ArrayList<>();
            for (Hub hub : next) {
                below.addAll(children.getOrDefault(hub.id(), List.of()));
            }
            next = below;
        }
        return out;
    }

    /** The hubs a caller may see, for the page's picker: its own hub's subtree, or every hub. */
    public List<Hub> visible(String callerHubId) {
        if (callerHubId == null) {
            return catalogue.hubs();
        }
        return catalogue.hub(callerHubId).map(h -> subtree(h, true)).orElse(List.of());
    }
}
