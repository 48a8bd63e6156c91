package org.linli.central.privacy;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.errors.NotFound;
import org.linli.central.noshow.NoShows;
import org.linli.central.residents.Residents;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/**
 * A resident's requests at a hub's counter, for its operators and admins: what Linli keeps about them (by the phone
 * number they give; central hashes it), the same as a file for them, lifting their no-show block, erasing them. All
 * are POSTs, so that the phone travels in the body (never in a URL or a log) and every one is in the audit log
 * (which records the path, the hub and the reason staff give, never the phone).
 */
public final class ResidentDataService implements HttpService {
    private static final int MAX_REASON = 200;
    // a reason goes to the audit log: a phone number typed into it would put the phone there
    private static final Pattern PHONE_LIKE = Pattern.compile("\\d[\\d\\s-]{5,}\\d");

    private final ResidentRecords records;
    private final Erasure erasure;
    private final NoShows noShows;
    private final Guard guard;
    private final HubReach reach;
    private final Clock clock;
    private final long maxBody;

    public ResidentDataService(ResidentRecords records, Erasure erasure, NoShows noShows, Catalogue catalogue,
            Guard guard, Clock clock, long maxBody) {
        this.clock = clock;
        this.records = records;
        this.erasure = erasure;
        this.noShows = noShows;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/hubs/{hub}/residents/lookup", this::lookup)
                .post("/hubs/{hub}/residents/export", this::export)
                .post("/hubs/{hub}/residents/lift-block", this::lift)
                .post("/hubs/{hub}/residents/erase", this::erase);
    }

    private record Ask(Caller caller, Hub hub, String phone, String reason) {
    }

    private Ask ask(ServerRequest req, boolean withReason) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Hub hub = reach.hub(caller, Requests.id(req, "hub"));
        JsonBody body = JsonBody.read(req, maxBody);
        body.onlyFields(withReason ? java.util.List.of("phone", "reason") : java.util.List.of("phone"));
        String phone = body.text("phone", 24);
        String reason = withReason ? body.text("reason", MAX_REASON) : null;
        if (reason != null && PHONE_LIKE.matcher(reason).find()) {
            body.error("reason", "must not hold a phone number (the reason is kept in the audit log)");
        }
        body.done();
        String normalised = Residents.requirePhone("phone", phone);
        if (withReason) {
            Requests.auditNote(req, hub.id(), reason);
        }
        return new Ask(caller, hub, normalised, reason);
    }

    private void lookup(ServerRequest req, ServerResponse res) {
        Ask ask = ask(req, false);
        Json.ok(res, body(ask, false));
    }

    /** The resident's own copy (data-subject access): everything kept, in every hub. */
    private void export(ServerRequest req, ServerResponse res) {
        Ask ask = ask(req, false);
        Map<String, Object> body = body(ask, true);
        String day = Times.format(clock.instant(), ask.hub().timezone()).substring(0, 10);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"linli-resident-data-" + day + ".json\"");
        Json.ok(res, body);
    }

    private Map<String, Object> body(Ask ask, boolean everything) {
        ZoneId zone = ask.hub().timezone();
        return records.idOf(ask.phone())
                .flatMap(id -> records.read(id, hub -> everything || guard.reaches(ask.caller(), hub)))
                .map(record -> ResidentJson.of(record, zone, everything))
                .orElseGet(() -> ResidentJson.unknown(zone, clock));
    }

    private void lift(ServerRequest req, ServerResponse res) {
        Ask ask = ask(req, true);
        long id = known(ask);
        boolean wasBlocked = noShows.lift(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wasBlocked", wasBlocked);
        body.put("noShows", noShows.recent(id));
        Json.ok(res, body);
    }

    private void erase(ServerRequest req, ServerResponse res) {
        Ask ask = ask(req, true);
        Erasure.Erased erased = erasure.erase(known(ask));
        Json.ok(res, Map.of("erased", true, "bookingsCancelled", erased.bookingsCancelled(),
                "signupsCancelled", erased.signupsCancelled()));
    }

    private long known(Ask ask) {
        return records.idOf(ask.phone()).orElseThrow(() -> new NotFound("Linli keeps nothing about this phone"
                + " number"));
    }
}
