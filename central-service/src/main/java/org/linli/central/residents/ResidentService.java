package org.linli.central.residents;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.ZoneId;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/** {@code POST /api/v1/residents/card}: a phone number in, a resident card token out. */
public final class ResidentService implements HttpService {
    private final Residents residents;
    private final Guard guard;
    private final HubReach reach;
    private final long maxBody;

    public ResidentService(Residents residents, Catalogue catalogue, Guard guard, long maxBody) {
        this.residents = residents;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/residents/card", this::card).post("/residents/card/revoke", this::revoke);
    }

    private void card(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        JsonBody body = JsonBody.read(req, maxBody);
        String phoneText = body.text("phone", 24);
        String hubText = body.optionalText("hub", 64);
        String consentText = body.optionalText(Consent.FIELD, 20);
        body.done();
        String phone = Residents.requirePhone("phone", phoneText);
        Consent consent = Consent.of(caller, consentText);
        Hub hub = reach.named(caller, hubText);
        Resident resident = residents.byPhone(phone, consent);
        Residents.Card card = residents.card(resident, hub.id());
        ZoneId zone = hub.timezone();
        Json.created(res, Map.of("token", card.token(), "phoneLast4", card.phoneLast4(),
                "expires", Times.format(card.expires(), zone)));
    }

    /**
     * {@code {"phone"}}: a resident reports their card lost at a desk; every card issued to them so far is refused
     * from now on and the next one they get works. Staff only: at a kiosk, whoever knows a number could void a
     * neighbour's card. An operator of any hub, as the resident and their cards are one for every hub (decision
     * 0013, L3).
     */
    private void revoke(ServerRequest req, ServerResponse res) {
        guard.require(Requests.bearer(req), Guard.OPERATORS);
        JsonBody body = JsonBody.read(req, maxBody);
        String phoneText = body.text("phone", 24);
        body.done();
        boolean known = residents.revokeCards(Residents.requirePhone("phone", phoneText));
        Json.ok(res, Map.of("revoked", known));
    }
}
