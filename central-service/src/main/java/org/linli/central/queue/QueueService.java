package org.linli.central.queue;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.errors.InvalidInput;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/** Tickets for residents, counters for staff, queue overview for screens. */
public final class QueueService implements HttpService {
    private final Queues queues;
    private final Catalogue catalogue;
    private final Guard guard;
    private final long maxBody;
    private final java.net.URI publicUrl;

    /** @param publicUrl where residents' phones reach the service (a ticket's QR leads there); null: unknown */
    public QueueService(Queues queues, Catalogue catalogue, Guard guard, long maxBody, java.net.URI publicUrl) {
        this.publicUrl = publicUrl;
        this.queues = queues;
        this.catalogue = catalogue;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/services/{service}/tickets", this::draw)
                .get("/tickets/{id}", this::get)
                .post("/tickets/{id}/reactivate", this::reactivate)
                .get("/hubs/{hub}/queues", this::overview)
                .post("/counters/{counter}/call-next", (req, res) -> counter(req, res, "call-next"))
                .post("/counters/{counter}/recall", (req, res) -> counter(req, res, "recall"))
                .post("/counters/{counter}/complete", (req, res) -> counter(req, res, "complete"))
                .post("/counters/{counter}/no-show", (req, res) -> counter(req, res, "no-show"))
                .post("/counters/{counter}/transfer", this::transfer);
    }

    private void draw(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        String service = Requests.id(req, "service");
        String key = Requests.idempotencyKey(req);
        JsonBody body = JsonBody.read(req, maxBody);
        boolean priority = body.bool("priority", false);
        String phone = body.optionalText("phone", 24);
        String token = body.optionalText("token", 200);
        String consent = body.optionalText(Consent.FIELD, 20);
        body.done();
        if (phone != null && token != null) {
            throw InvalidInput.field("phone", "send phone or token, not both");
        }
        Queues.Drawn drawn = queues.draw(service, priority,
                phone == null ? null : Residents.requirePhone("phone", phone), Consent.of(caller, consent), token,
                hub -> guard.reaches(caller, hub), key);
        Json.send(res, drawn.replayed() ? Status.OK_200 : Status.CREATED_201, withStatusUrl(drawn.ticket()));
    }

    /** The ticket, with the page a resident's phone follows it on when the service knows its public address. */
    private Object withStatusUrl(TicketView ticket) {
        if (publicUrl == null) {
            return ticket;
        }
        java.util.Map<String, Object> body = Json.MAPPER.convertValue(ticket,
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        body.put("statusUrl", publicUrl + "/ticket/" + ticket.id());
        return body;
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.ok(res, queues.get(Requests.id(req, "id")));
    }

    private void reactivate(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        Json.ok(res, queues.reactivate(Requests.id(req, "id"), atHub(caller)));
    }

    private void overview(ServerRequest req, ServerResponse res) {
        Json.ok(res, queues.overview(catalogue.requireHub(Requests.id(req, "hub"))));
    }

    private void counter(ServerRequest req, ServerResponse res, String action) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        String counter = Requests.id(req, "counter");
        Json.ok(res, switch (action) {
            case "call-next" -> queues.callNext(counter, atHub(caller));
            case "recall" -> queues.recall(counter, atHub(caller));
            case "complete" -> queues.complete(counter, atHub(caller));
            default -> queues.noShow(counter, atHub(caller));
        });
    }

    /**
     * Serving at a counter (calling, recalling, ending, moving a ticket, putting a no-show back) is done in person by
     * the hub's own staff: the narrow variant of the hub-scope rule, without the hubs below ({@link Guard#atOwnHub}).
     */
    private static java.util.function.Predicate<String> atHub(Caller caller) {
        return hub -> Guard.atOwnHub(caller, hub);
    }

    private void transfer(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        String counter = Requests.id(req, "counter");
        JsonBody body = JsonBody.read(req, maxBody);
        String service = body.text("service", 64);
        body.done();
        Json.ok(res, queues.transfer(counter, service, atHub(caller)));
    }
}
