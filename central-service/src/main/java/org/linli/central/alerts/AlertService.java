package org.linli.central.alerts;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Caller;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;

/** {@code POST /api/v1/alerts/{id}/ack}: staff acknowledge an alert. */
public final class AlertService implements HttpService {
    private final Alerts alerts;
    private final Guard guard;

    public AlertService(Alerts alerts, Guard guard) {
        this.alerts = alerts;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/alerts/{id}/ack", this::acknowledge);
    }

    private void acknowledge(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        Alert alert = alerts.acknowledge(Requests.number(req, "id"), caller.name(),
                hub -> guard.reaches(caller, hub));
        Json.ok(res, alert.event(alerts.zone(alert.hubId())));
    }
}
