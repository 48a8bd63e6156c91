package org.linli.central.audit;

import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.linli.central.admin.HubScope;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.Forbidden;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;

/**
 * The audit log's two ends: a filter that records every change a member of staff makes through the API (after it
 * is answered, with its status), and {@code GET /audit} for administrators, limited to the hubs they manage.
 */
public final class AuditService implements HttpService {
    private static final System.Logger LOG = System.getLogger(AuditService.class.getName());
    private static final Set<Method> CHANGES = Set.of(Method.POST, Method.PUT, Method.DELETE, Method.PATCH);

    private final AuditLog log;
    private final Guard guard;
    private final HubScope scope;
    private final Function<String, Optional<Caller>> identify;
    private final ActionHubs hubs;
    private final Function<String, Optional<String>> staffHub;
    private final Catalogue catalogue;

    /**
     * @param identify who a bearer is (a staff session or a kiosk key), without refusing anyone
     * @param staffHub the hub of a staff account, by user name (empty: none, or no such account)
     */
    public AuditService(AuditLog log, Guard guard, Catalogue catalogue, Function<String, Optional<Caller>> identify,
            Function<String, Optional<String>> staffHub) {
        this.log = log;
        this.guard = guard;
        this.scope = new HubScope(catalogue);
        this.identify = identify;
        this.hubs = new ActionHubs(catalogue, staffHub);
        this.staffHub = staffHub;
        this.catalogue = catalogue;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", this::list)
                .get("/audit/doors", this::doors);
    }

    /**
     * Records staff changes; residents' kiosk requests are not administrative and are left alone. Who did it is the
     * bearer's caller, unless the handler noted who the action was for ({@link Requests#auditActor}): a sign-in, right
     * or wrong, under the account name typed, and a sign-out by the session cookie alone.
     */
    public Filter filter() {
        return (chain, req, res) -> {
            if (!CHANGES.contains(req.prologue().method())) {
                chain.proceed();
                return;
            }
            String path = req.path().path();
            Optional<Caller> caller = path.startsWith("/api/")
                    ? Optional.ofNullable(Requests.bearer(req)).flatMap(identify).filter(c -> c.role() != Role.KIOSK)
                    : Optional.empty();
            // the row is written once the request is answered, and listed where the request arrived
            long arrived = log.arrival();
            chain.proceed();
            Optional<Requests.AuditActor> noted = Requests.auditActor(req);
            if (caller.isEmpty() && noted.isEmpty()) {
                return;
            }
            String actor = noted.map(Requests.AuditActor::name).orElseGet(() -> caller.orElseThrow().name());
            try {
                Optional<Requests.AuditNote> note = Requests.auditNote(req);
                String hub = note.map(Requests.AuditNote::hub).or(() -> hubs.of(path))
                        .or(() -> noted.isPresent() ? staffHub.apply(actor) : caller.map(Caller::hubId))
                        .orElse(null);
                String role = noted.map(Requests.AuditActor::role).orElseGet(() -> caller.orElseThrow().role().wire());
                log.record(arrived, actor, role, hub, req.prologue().method().text() + " " + path, res.status().code(),
                        req.remotePeer().host(), note.map(Requests.AuditNote::reason).orElse(null));
            } catch (RuntimeException e) {
                // the action itself is done and answered; a lost audit line must be seen in the journal
                LOG.log(Level.ERROR, "cannot write the audit log for " + actor + ": " + e.getMessage(), e);
            }
        };
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.ok(res, log.list(filter(req)).stream().map(AuditService::json).toList());
    }

    private void doors(ServerRequest req, ServerResponse res) {
        Json.ok(res, log.doors(filter(req)).stream().map(AuditService::json).toList());
    }

    private AuditLog.Filter filter(ServerRequest req) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        var query = req.query();
        Optional<java.util.List<String>> hubs = scope.managedHubs(caller);
        String hub = query.first("hub").orElse(null);
        if (hub != null && !hub.isBlank()) {
            if (!scope.manages(caller, hub)) {
                throw new Forbidden("hub " + hub + " is not one you manage");
            }
            hubs = Optional.of(java.util.List.of(hub));
        }
        ZoneId zone = zone(hub != null && !hub.isBlank() ? hub : caller.hubId());
        Instant from = day(query.first("from").orElse(null), "from", 0, zone);
        Instant to = day(query.first("to").orElse(null), "to", 1, zone);
        if (from != null && to != null && !to.isAfter(from)) {
            throw InvalidInput.field("to", "must not be before from");
        }
        return new AuditLog.Filter(hubs, blank(query.first("actor").orElse(null)),
                blank(query.first("action").orElse(null)), from, to, 500);
    }

    /**
     * The zone the page's dates are days of: the chosen hub's, else the administrator's own hub's, else the first
     * hub's (an administrator of every hub; a district's hubs share one zone).
     */
    private ZoneId zone(String hubId) {
        return Optional.ofNullable(hubId).flatMap(catalogue::hub)
                .or(() -> catalogue.hubs().stream().findFirst())
                .map(Hub::timezone).orElse(ZoneOffset.UTC);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() || text.length() > 100 ? null : text.strip();
    }

    /**
     * A day's start in the hub's zone, plus days: in Shanghai the day's first eight hours are that day's, not the
     * day before's (UTC midnight filed them there).
     */
    private static Instant day(String text, String field, int plusDays, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInput.field(field, "a date like 2026-12-05");
        }
    }

    private static Map<String, Object> json(AuditLog.DoorEntry e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", e.at().toString());
        body.put("device", e.device());
        body.put("room", e.room());
        body.put("hub", e.hub());
        body.put("type", e.type());
        body.put("booking", e.booking());
        body.put("reason", e.reason());
        return body;
    }

    private static Map<String, Object> json(AuditLog.Entry e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("at", e.at().toString());
        body.put("actor", e.actor());
        body.put("role", e.role());
        body.put("hub", e.hub());
        body.put("action", e.action());
        body.put("status", e.status());
        body.put("source", e.source());
        body.put("detail", e.detail());
        return body;
    }
}
