package org.linli.central.alerts;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.linli.central.auth.Access;
import org.linli.central.auth.Caller;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;

/** {@code POST /api/v1/alerts/{id}/ack}: staff acknowledge an alert. */
public final class AlertService implements HttpService {
    private final Alerts alerts;
    private final Access access;

    public AlertService(Alerts alerts, Access access) {
        this.alerts = alerts;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/alerts/{id}/ack", this::acknowledge);
    }

    private void acknowledge(ServerRequest req, ServerResponse res) {
        Caller caller = access.require(req, Access.STAFF);
        Alert alert = alerts.acknowledge(Requests.number(req, "id"), caller.name(), caller.hubId());
        Json.ok(res, alert.json(alerts.zone(alert.hubId())));
    }
}
