package org.linli.central.kiosks;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/**
 * {@code /api/v1/hubs/{hub}/kiosk-keys}: admins issue a kiosk key (shown once), list a hub's keys (never the keys
 * themselves) with each kiosk's last outbox report, and revoke one; {@code /api/v1/kiosks/status}: a kiosk reports
 * its outbox. An admin of a hub manages its kiosks and those of the hubs under it; an admin without
 * a hub, every hub's.
 */
public final class KioskKeyService implements HttpService {
    /** Hubs nest three levels deep (district, street, residential); more means a loop in the data. */
    private static final java.util.regex.Pattern ROUTE = java.util.regex.Pattern.compile("/api/v1/[a-z0-9/-]{1,80}");
    private static final java.util.regex.Pattern REASON = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private final KioskKeys keys;
    private final KioskStatuses statuses;
    private final Guard guard;
    private final HubReach reach;
    private final long maxBody;

    public KioskKeyService(KioskKeys keys, KioskStatuses statuses, Catalogue catalogue, Guard guard, long maxBody) {
        this.keys = keys;
        this.statuses = statuses;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/hubs/{hub}/kiosk-keys", this::issue)
                .get("/hubs/{hub}/kiosk-keys", this::list)
                .delete("/hubs/{hub}/kiosk-keys/{key}", this::revoke)
                .post("/kiosks/status", this::status);
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        JsonBody body = JsonBody.read(req, maxBody);
        String label = body.text("label", 60);
        body.done();
        KioskKeys.Issued issued = keys.issue(hub.id(), label);
        Map<String, Object> answer = view(issued.kiosk(), hub);
        answer.put("key", issued.key());
        res.header(HeaderNames.LOCATION, "/api/v1/hubs/" + hub.id() + "/kiosk-keys/" + issued.kiosk().id());
        // the key is in this answer and nowhere else: no cache may keep it
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, Status.CREATED_201, answer);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        Map<String, KioskStatuses.Status> reported = statuses.of(hub.id());
        Json.ok(res, keys.list(hub.id()).stream().map(key -> {
            Map<String, Object> view = view(key, hub);
            KioskStatuses.Status status = reported.get(key.id());
            if (status != null) {
                view.put("outbox", outbox(status, hub));
            }
            return view;
        }).toList());
    }

    /**
     * A kiosk's outbox as it reports it. The reason of a refusal must be a problem type ({@code consent-required}):
     * free text could carry what a resident typed, and this list is shown to staff.
     */
    private void status(ServerRequest req, ServerResponse res) {
        Caller kiosk = guard.require(Requests.bearer(req), java.util.EnumSet.of(org.linli.central.auth.Role.KIOSK));
        JsonBody body = JsonBody.read(req, maxBody);
        body.onlyFields(java.util.List.of("waiting", "refusedTotal", "refused"));
        Integer waiting = body.integer("waiting", 0, 1_000_000);
        Integer total = body.optionalInteger("refusedTotal", 0, 1_000_000);
        java.util.List<KioskStatuses.Refused> refused = refused(body);
        body.done();
        statuses.report(kiosk.name(), waiting, Math.max(total == null ? 0 : total, refused.size()), refused);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static java.util.List<KioskStatuses.Refused> refused(JsonBody body) {
        com.fasterxml.jackson.databind.JsonNode list = body.node("refused");
        if (list == null || !list.isArray() || list.size() > KioskStatuses.MAX_LISTED) {
            body.error("refused", "must be a list of at most " + KioskStatuses.MAX_LISTED + " refused entries");
            return java.util.List.of();
        }
        java.util.List<KioskStatuses.Refused> entries = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode item = list.get(i);
            String path = item.path("path").asText("");
            String reason = item.path("reason").asText("");
            String field = "refused[" + i + "]";
            if (item.size() != 3 || !ROUTE.matcher(path).matches()) {
                body.error(field, "must be {path, reason, at}, path an API route such as /api/v1/checkins");
            } else if (!REASON.matcher(reason).matches()) {
                body.error(field + ".reason", "must be a problem type such as consent-required (lower-case letters,"
                        + " digits and '-'), never free text");
            } else {
                try {
                    entries.add(new KioskStatuses.Refused(path, reason,
                            java.time.OffsetDateTime.parse(item.path("at").asText("")).toString()));
                } catch (java.time.format.DateTimeParseException e) {
                    body.error(field + ".at", "must be a time with offset like 2026-11-28T09:00:00+08:00");
                }
            }
        }
        return entries;
    }

    private static Map<String, Object> outbox(KioskStatuses.Status status, Hub hub) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("waiting", status.waiting());
        body.put("refused", status.refusedTotal());
        body.put("refusedEntries", status.refused().stream().map(r -> Map.of("path", r.path(), "reason", r.reason(),
                "at", Times.format(java.time.OffsetDateTime.parse(r.at()).toInstant(), hub.timezone()))).toList());
        body.put("reported", Times.format(status.reported(), hub.timezone()));
        return body;
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Hub hub = managedHub(req);
        String id = Requests.id(req, "key");
        if (!keys.revoke(hub.id(), id)) {
            throw new NotFound("hub " + hub.id() + " has no kiosk key " + id);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The hub of the path, when the caller is an admin of it or of a hub above it. */
    private Hub managedHub(ServerRequest req) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        return reach.hub(caller, Requests.id(req, "hub"));
    }

    private static Map<String, Object> view(KioskKeys.KioskKey key, Hub hub) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id());
        body.put("hub", key.hubId());
        body.put("label", key.label());
        body.put("created", Times.format(key.created(), hub.timezone()));
        body.put("lastUsed", key.lastUsed() == null ? null : Times.format(key.lastUsed(), hub.timezone()));
        return body;
    }
}
