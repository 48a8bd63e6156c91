package org.linli.central.kiosks;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/**
 * {@code /api/v1/hubs/{hub}/kiosk-keys}: admins issue a kiosk key (shown once), list a hub's keys (never the keys
 * themselves) and revoke one. An admin of a hub manages its kiosks and those of the hubs under it; an admin without
 * a hub, every hub's.
 */
public final class KioskKeyService implements HttpService {
    /** Hubs nest three levels deep (district, street, residential); more means a loop in the data. */
    private final KioskKeys keys;
    private final Guard guard;
    private final HubReach reach;
    private final long maxBody;

    public KioskKeyService(KioskKeys keys, Catalogue catalogue, Guard guard, long maxBody) {
        this.keys = keys;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/hubs/{hub}/kiosk-keys", this::issue)
                .get("/hubs/{hub}/kiosk-keys", this::list)
                .delete("/hubs/{hub}/kiosk-keys/{key}", this::revoke);
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        JsonBody body = JsonBody.read(req, maxBody);
        String label = body.text("label", 60);
        body.done();
        KioskKeys.Issued issued = keys.issue(hub.id(), label);
        Map<String, Object> answer = view(issued.kiosk(), hub);
        answer.put("key", issued.key());
        res.header(HeaderNames.LOCATION, "/api/v1/hubs/" + hub.id() + "/kiosk-keys/" + issued.kiosk().id());
        // the key is in this answer and nowhere else: no cache may keep it
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, Status.CREATED_201, answer);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        Json.ok(res, keys.list(hub.id()).stream().map(key -> view(key, hub)).toList());
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        String id = Requests.id(req, "key");
        if (!keys.revoke(hub.id(), id)) {
            throw new NotFound("hub " + hub.id() + " has no kiosk key " + id);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The hub of the path, when the caller is an admin of it or of a hub above it. */
    private Hub managedHub(ServerRequest req) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        return reach.hub(caller, Requests.id(req, "hub"));
    }

    private static Map<String, Object> view(KioskKeys.KioskKey key, Hub hub) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id());
        body.put("hub", key.hubId());
        body.put("label", key.label());
        body.put("created", Times.format(key.created(), hub.timezone()));
        body.put("lastUsed", key.lastUsed() == null ? null : Times.format(key.lastUsed(), hub.timezone()));
        return body;
    }
}
