package org.linli.central.catalogue;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;

/**
 * {@code POST …/retire} and {@code …/unretire} of a room, a service or a counter ({@link Retiring}), for the admins
 * of its hub or a hub above it, as for changing it; in the audit log under the entry's hub.
 */
final class RetireService {
    private final Catalogue catalogue;
    private final Guard guard;
    private final Clock clock;

    RetireService(Catalogue catalogue, Guard guard, Clock clock) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.clock = clock;
    }

    void routing(HttpRules rules) {
        rules.post("/rooms/{room}/retire", (req, res) -> room(req, res, true))
                .post("/rooms/{room}/unretire", (req, res) -> room(req, res, false))
                .post("/services/{service}/retire", (req, res) -> service(req, res, true))
                .post("/services/{service}/unretire", (req, res) -> service(req, res, false))
                .post("/counters/{counter}/retire", (req, res) -> counter(req, res, true))
                .post("/counters/{counter}/unretire", (req, res) -> counter(req, res, false));
    }

    private void room(ServerRequest req, ServerResponse res, boolean retire) {
        Room room = catalogue.requireRoom(Requests.id(req, "room"));
        Hub hub = allowed(req, room.hubId());
        set(req, res, "room", room.id(), hub, retire, Retiring.room(room, hub, clock));
    }

    private void service(ServerRequest req, ServerResponse res, boolean retire) {
        ServiceItem service = catalogue.requireService(Requests.id(req, "service"));
        Hub hub = allowed(req, service.hubId());
        set(req, res, "service", service.id(), hub, retire, Retiring.service(service, hub, clock));
    }

    private void counter(ServerRequest req, ServerResponse res, boolean retire) {
        Counter counter = catalogue.counter(Requests.id(req, "counter"))
                .orElseThrow(() -> new NotFound("no counter with that id"));
        Hub hub = allowed(req, counter.hubId());
        set(req, res, "counter", counter.id(), hub, retire, Retiring.counter(counter));
    }

    /** The entry's hub, for an admin of it or of a hub above it, as for changing the entry. */
    private Hub allowed(ServerRequest req, String hubId) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        guard.requireHub(caller, hubId);
        return catalogue.requireHub(hubId);
    }

    /** Retires (checked first: refused while in use) or brings back. */
    private void set(ServerRequest req, ServerResponse res, String kind, String id, Hub hub, boolean retire,
            Retiring.InUse inUse) {
        catalogue.retire(kind, id, hub.id(), retire ? clock.instant() : null, retire ? inUse : null);
        Requests.auditNote(req, hub.id(), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("hub", hub.id());
        body.put("retired", retire);
        Json.ok(res, body);
    }
}
