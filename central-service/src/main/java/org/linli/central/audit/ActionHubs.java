package org.linli.central.audit;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.central.catalogue.Activity;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Counter;
import org.linli.central.catalogue.Room;
import org.linli.central.catalogue.ServiceItem;

/**
 * The hub an action concerned, from its path: the hub named in it, or the hub of the room, service, counter,
 * activity or staff account it changed; so the admins of that hub see it in their audit log even when an admin above
 * them did it.
 */
final class ActionHubs {
    private static final Pattern TARGET = Pattern.compile(
            "/api/v1/(hubs|rooms|services|counters|activities|staff)/([A-Za-z0-9._-]{1,64})(/.*)?");

    private final Catalogue catalogue;
    private final Function<String, Optional<String>> staffHub;

    /** @param staffHub the hub of a staff account, by user name */
    ActionHubs(Catalogue catalogue, Function<String, Optional<String>> staffHub) {
        this.catalogue = catalogue;
        this.staffHub = staffHub;
    }

    /** @return the hub, or empty when the path names none (the actor's hub is used then) */
    Optional<String> of(String path) {
        Matcher m = TARGET.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group(2);
        return switch (m.group(1)) {
            case "hubs" -> Optional.of(id);
            case "rooms" -> catalogue.room(id).map(Room::hubId);
            case "services" -> catalogue.service(id).map(ServiceItem::hubId);
            case "counters" -> catalogue.counter(id).map(Counter::hubId);
            case "activities" -> catalogue.activity(id).map(Activity::hubId);
            default -> staffHub.apply(id);
        };
    }
}
