package org.linli.central.feedback;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.InvalidInput;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/** {@code POST /api/v1/feedback} (kiosks, staff) and {@code POST /api/v1/tickets/{id}/rating} (a resident's phone). */
public final class FeedbackService implements HttpService {
    private static final List<String> KINDS = List.of("ticket", "booking", "checkin");
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private final Feedbacks feedbacks;
    private final Guard guard;
    private final long maxBody;

    public FeedbackService(Feedbacks feedbacks, Guard guard, long maxBody) {
        this.feedbacks = feedbacks;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/feedback", this::rate)
                .post("/tickets/{id}/rating", this::rateFromPhone);
    }

    /** The resident's phone, on the ticket's page after the service: no sign-in, the ticket's id is the key. */
    private void rateFromPhone(ServerRequest req, ServerResponse res) {
        String id = Requests.id(req, "id");
        JsonBody body = JsonBody.read(req, maxBody);
        Integer rating = body.integer("rating", 1, 5);
        body.done();
        Json.created(res, Map.of("id", feedbacks.rateServedTicket(id, rating)));
    }

    private void rate(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        JsonBody body = JsonBody.read(req, maxBody);
        Integer rating = body.integer("rating", 1, 5);
        String comment = body.optionalText("comment", 280);
        OffsetDateTime at = body.optionalTime("at");
        List<String> named = new ArrayList<>();
        String item = null;
        for (String kind : KINDS) {
            // Ids of bookings and check-ins are numbers in JSON or text; tickets are text.
            if (body.has(kind)) {
                named.add(kind);
            }
        }
        if (named.size() == 1) {
            item = itemId(body, named.get(0));
        }
        body.done();
        if (named.isEmpty() && caller.hubId() != null) {
            // "How did we do today?" at any time: a rating of the hub, counted once per kiosk submission.
            String key = req.headers().first(IDEMPOTENCY_KEY).filter(k -> k.matches("[A-Za-z0-9_-]{8,64}"))
                    .orElseGet(() -> UUID.randomUUID().toString());
            long id = feedbacks.rateHub(caller.hubId(), key, rating, comment, at == null ? null : at.toInstant());
            Json.created(res, Map.of("id", id));
            return;
        }
        if (named.size() != 1) {
            throw InvalidInput.field("ticket", "name exactly one of ticket, booking or checkin");
        }
        if (item == null || !item.matches("[A-Za-z0-9_-]{1,64}")) {
            throw InvalidInput.field(named.get(0), "must be the id of a " + named.get(0));
        }
        long id = feedbacks.rate(named.get(0), item, rating, comment, at == null ? null : at.toInstant(),
                hub -> guard.reaches(caller, hub));
        Json.created(res, Map.of("id", id));
    }

    private static String itemId(JsonBody body, String kind) {
        Long number = null;
        String text = null;
        if (body.isNumber(kind)) {
            // booking ids are random below 2^53, what JavaScript reads exactly
            number = body.optionalLong(kind, 1, 1L << 53);
        } else {
            text = body.optionalText(kind, 64);
        }
        return number != null ? number.toString() : text;
    }
}
