package org.linli.central.activities;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Activity;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/**
 * Activity listings for everyone; sign-ups through kiosks and staff, and their roster for staff; an admin calls an
 * activity off.
 */
public final class ActivityService implements HttpService {
    private static final int MAX_REASON = 200;
    private final Activities activities;
    private final Roster roster;
    private final Catalogue catalogue;
    private final Guard guard;
    private final Clock clock;
    private final long maxBody;

    public ActivityService(Activities activities, Roster roster, Catalogue catalogue, Guard guard, Clock clock,
            long maxBody) {
        this.activities = activities;
        this.roster = roster;
        this.catalogue = catalogue;
        this.guard = guard;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs/{hub}/activities", this::list)
                .get("/activities/{id}/signups", this::roster)
                .post("/activities/{id}/signups", this::signUp)
                .delete("/activities/{id}/signups/{signup}", this::cancel)
                .post("/activities/{id}/cancel", this::cancelActivity);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Hub hub = catalogue.requireHub(Requests.id(req, "hub"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), hub.timezone());
        Instant from = bound(req, "from", hub, today);
        Instant to = bound(req, "to", hub, today.plusDays(7));
        if (!to.isAfter(from)) {
            throw InvalidInput.field("to", "must be after from");
        }
        Json.ok(res, activities.list(hub, from, to));
    }

    /** A date (start of that day in the hub) or a time with offset. */
    private static Instant bound(ServerRequest req, String name, Hub hub, LocalDate fallback) {
        String value = req.query().first(name).orElse("").strip();
        if (value.isEmpty()) {
            return fallback.atStartOfDay(hub.timezone()).toInstant();
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(hub.timezone()).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInput.field(name, "must be a date like 2026-11-28 or a time with offset");
        }
    }

    private void signUp(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        String id = Requests.id(req, "id");
        String key = Requests.idempotencyKey(req);
        JsonBody body = JsonBody.read(req, maxBody);
        String phone = body.optionalText("phone", 24);
        String token = body.optionalText("token", 200);
        String consent = body.optionalText(Consent.FIELD, 20);
        body.done();
        if ((phone == null) == (token == null)) {
            throw InvalidInput.field("phone", "send either phone or token");
        }
        Activities.Signed signed = activities.signUp(id,
                phone == null ? null : Residents.requirePhone("phone", phone), Consent.of(caller, consent), token,
                caller.hubId(),
                hub -> guard.reaches(caller, hub), key);
        Json.send(res, signed.replayed() ? Status.OK_200 : Status.CREATED_201, view(signed.signup()));
    }

    /**
     * An activity's roster for the operators and admins of its hub or a hub above (a counter clerk, a kiosk or a
     * screen: 403). Activities are listed to anyone, so another hub's is refused (403), not hidden.
     */
    private void roster(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        String id = Requests.id(req, "id");
        Activity activity = catalogue.activity(id).orElseThrow(() -> new NotFound("no activity " + id));
        guard.requireHub(caller, activity.hubId());
        Json.ok(res, roster.of(activity));
    }

    /**
     * Staff of the activity's hub (or above) only: sign-up ids are consecutive, and a kiosk key could cancel every
     * resident's place, in any hub (finding M5). The kiosk never cancels sign-ups.
     */
    private void cancel(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        String id = Requests.id(req, "id");
        long signup = Requests.number(req, "signup");
        catalogue.activity(id).filter(activity -> guard.reaches(caller, activity.hubId()))
                .orElseThrow(() -> new NotFound("no sign-up " + signup + " for activity " + id));
        Json.ok(res, view(activities.cancel(id, signup)));
    }

    /**
     * An admin of the activity's hub (or above) calls it off, saying why (kept in the audit log); one that is over is
     * not cancelled. Another hub's activity is not found.
     */
    private void cancelActivity(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String id = Requests.id(req, "id");
        JsonBody body = JsonBody.read(req, maxBody);
        String reason = body.text("reason", MAX_REASON);
        body.done();
        Activity activity = catalogue.activity(id).filter(a -> guard.reaches(caller, a.hubId()))
                .orElseThrow(() -> new NotFound("no activity " + id));
        if (!activity.cancelled() && !activity.end().isAfter(clock.instant())) {
            throw new RuleViolation("activity-over", "this activity is over; only one still ahead is cancelled");
        }
        int signUps = activities.cancelActivity(activity, catalogue.requireHub(activity.hubId()));
        Requests.auditNote(req, activity.hubId(), reason);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("hub", activity.hubId());
        answer.put("cancelled", true);
        answer.put("signUpsCancelled", signUps);
        Json.ok(res, answer);
    }

    private static Map<String, Object> view(Activities.Signup signup) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", signup.id());
        body.put("status", signup.status());
        body.put("position", signup.position());
        return body;
    }
}
