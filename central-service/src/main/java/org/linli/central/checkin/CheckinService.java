package org.linli.central.checkin;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.OffsetDateTime;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.RuleViolation;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.protocol.Ids;

/** {@code POST /api/v1/checkins} for kiosks, {@code GET /api/v1/hubs/{hub}/checkins?date=} for staff. */
public final class CheckinService implements HttpService {
    private final Checkins checkins;
    private final Guard guard;
    private final HubReach reach;
    private final long maxBody;

    public CheckinService(Checkins checkins, Catalogue catalogue, Guard guard, long maxBody) {
        this.checkins = checkins;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/checkins", this::checkIn)
                .get("/hubs/{hub}/checkins", this::figures);
    }

    private void checkIn(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        String key = Requests.idempotencyKey(req);
        JsonBody body = JsonBody.read(req, maxBody);
        String token = body.optionalText("token", 200);
        String phone = body.optionalText("phone", 24);
        String service = body.optionalText("service", 64);
        String activity = body.optionalText("activity", 64);
        OffsetDateTime at = body.optionalTime("at");
        String hubField = body.optionalText("hub", 64);
        String consent = body.optionalText(Consent.FIELD, 20);
        body.done();
        if ((token == null) == (phone == null)) {
            throw InvalidInput.field("token", "send either token or phone");
        }
        if (service != null && activity != null) {
            throw InvalidInput.field("activity", "a visit is for a service or an activity, not both");
        }
        if ((service != null && !Ids.isValid(service)) || (activity != null && !Ids.isValid(activity))) {
            throw new RuleViolation("unknown-purpose", "no such service or activity");
        }
        Hub hub = reach.named(caller, hubField);
        Checkins.Checked checked = checkins.checkIn(hub, new Checkins.Request(token,
                phone == null ? null : Residents.requirePhone("phone", phone), service, activity,
                at == null ? null : at.toInstant(), Consent.of(caller, consent)), key);
        Json.send(res, checked.replayed() ? Status.OK_200 : Status.CREATED_201, checked.body());
    }

    private void figures(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        Hub hub = reach.hub(caller, Requests.id(req, "hub"));
        Json.ok(res, checkins.figures(hub, Requests.date(req, "date")));
    }
}
