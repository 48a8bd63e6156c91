package org.linli.central.live;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;

/**
 * A hub's day so far for its screens: {@code /hubs/{hub}/today}, hour by hour for the dashboard's chart, and
 * {@code /hubs/{hub}/calls}, today's latest calls, so that a board started (or restarted) mid-day shows them.
 */
public final class DayService implements HttpService {
    private static final int CALLS = 10;
    private final Catalogue catalogue;
    private final Guard guard;
    private final HubReach reach;
    private final DaySoFar day;

    public DayService(Catalogue catalogue, Guard guard, DaySoFar day) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.day = day;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs/{hub}/today", this::today)
                .get("/hubs/{hub}/calls", this::calls);
    }

    private Hub hubOfCaller(ServerRequest req) {
        String hubId = Requests.id(req, "hub"); // a malformed id names no hub, whoever asks
        return reach.hub(guard.require(Requests.bearer(req), Guard.STAFF), hubId);
    }

    private void today(ServerRequest req, ServerResponse res) {
        Hub hub = hubOfCaller(req);
        Json.ok(res, day.of(hub, Retiring.inUse(catalogue.rooms(hub.id()))));
    }

    private void calls(ServerRequest req, ServerResponse res) {
        String hubId = Requests.id(req, "hub");
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        // a board's display key gets no ticket ids: a ticket's id is its only permission (as on the event stream)
        Json.ok(res, day.calls(reach.hub(caller, hubId), CALLS, caller.signedInStaff()));
    }
}
