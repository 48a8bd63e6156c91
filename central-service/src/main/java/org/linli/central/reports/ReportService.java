package org.linli.central.reports;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Caller;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Requests;

/**
 * Reports of a hub or a street or the district, the comparison of hubs, their exports, the filed monthly reports,
 * the wait targets and the star-rating weights. Reports are for operators and admins of the hub or of a hub above
 * it; the comparison and its weights for admins of a street or the district.
 */
public final class ReportService implements HttpService {
    private static final int MAX_DAYS = 3 * 366 + 1;

    private final Reports reports;
    private final Comparison comparison;
    private final Weights weights;
    private final MonthlyReports monthly;
    private final ReportJob job;
    private final HubScope scope;
    private final Catalogue catalogue;
    private final Guard guard;
    private final long maxBody;

    public ReportService(Reports reports, Comparison comparison, Weights weights, MonthlyReports monthly, ReportJob job,
            HubScope scope, Catalogue catalogue, Guard guard, long maxBody) {
        this.reports = reports;
        this.comparison = comparison;
        this.weights = weights;
        this.monthly = monthly;
        this.job = job;
        this.scope = scope;
        this.catalogue = catalogue;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/reports/hubs", this::hubs)
                .get("/reports/weights", this::weights)
                .put("/reports/weights", this::setWeights)
                .post("/reports/refresh", this::refresh)
                .get("/reports/{hub}", this::report)
                .get("/reports/{hub}/export.csv", this::reportCsv)
                .get("/reports/{hub}/export.xlsx", this::reportXlsx)
                .get("/reports/{hub}/comparison", this::comparison)
                .get("/reports/{hub}/comparison.csv", this::comparisonCsv)
                .get("/reports/{hub}/comparison.xlsx", this::comparisonXlsx)
                .get("/reports/{hub}/targets", this::targets)
                .put("/reports/{hub}/targets/{service}", this::setTarget)
                .get("/reports/{hub}/monthly", this::monthlyList)
                .post("/reports/{hub}/monthly/{file}", this::fileMonth)
                .get("/reports/{hub}/monthly/{file}", this::monthlyFile);
    }

    /**
     * The one place a report route asks who is calling and whether they may see the hub: operators (or, with
     * {@code adminsOnly}, admins) of the hub or of a hub above it.
     */
    private Hub visibleHub(ServerRequest req, boolean adminsOnly) {
        Caller caller = guard.require(Requests.bearer(req), adminsOnly ? Guard.ADMIN : Guard.OPERATORS);
        Hub hub = catalogue.hub(Requests.id(req, "hub"))
                .orElseThrow(() -> new NotFound("no hub with that id"));
        if (!guard.reaches(caller, hub.id())) {
            throw new Forbidden("staff of " + caller.hubId()
                    + " see the figures of that hub and of the hubs under it only");
        }
        return hub;
    }

    /** A street's or the district's hubs, compared for its admins. */
    private Hub comparedHub(ServerRequest req) {
        Hub hub = visibleHub(req, true);
        if (hub.level().equals("residential")) {
            throw new Forbidden("hubs are compared for a street or the district");
        }
        return hub;
    }

    private void hubs(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Hub hub : reports.visible(caller.hubId())) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("id", hub.id());
            h.put("name", hub.name());
            h.put("level", hub.level());
            h.put("parent", hub.parent());
            h.put("zone", hub.timezone().getId());
            h.put("today", reports.today(hub).toString());
            out.add(h);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", caller.role().wire());
        body.put("hub", caller.hubId());
        body.put("hubs", out);
        Json.ok(res, body);
    }

    private Period period(ServerRequest req, Hub hub) {
        String preset = req.query().first("period").orElse("").strip();
        String from = req.query().first("from").orElse("").strip();
        String to = req.query().first("to").orElse("").strip();
        try {
            Period period;
            if (!from.isEmpty() || !to.isEmpty()) {
                if (from.isEmpty() || to.isEmpty()) {
                    throw InvalidInput.field(from.isEmpty() ? "from" : "to",
                            "give both from and to, e.g. ?from=2026-11-01&to=2026-11-30");
                }
                period = new Period(LocalDate.parse(from), LocalDate.parse(to));
            } else {
                period = Period.preset(preset.isEmpty() ? "this-month" : preset, reports.today(hub));
            }
            if (period.days() > MAX_DAYS) {
                throw InvalidInput.field("to", "a report spans at most three years");
            }
            return period;
        } catch (DateTimeException e) {
            throw InvalidInput.field(from.isEmpty() ? "period" : "from",
                    "dates look like 2026-11-28: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field(preset.isEmpty() ? "to" : "period", e.getMessage());
        }
    }

    private static Texts texts(ServerRequest req) {
        return Texts.of(req.query().first("lang").orElse("zh"));
    }

    private static boolean rollup(ServerRequest req, Hub hub) {
        String value = req.query().first("rollup").orElse("").strip();
        if (value.isEmpty()) {
            return !hub.level().equals("residential");
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw InvalidInput.field("rollup", "must be true or false");
        }
        return value.equals("true");
    }

    private Map<String, Object> reportOf(ServerRequest req) {
        Hub hub = visibleHub(req, false);
        return reports.report(hub, rollup(req, hub), period(req, hub), texts(req));
    }

    private void report(ServerRequest req, ServerResponse res) {
        Json.ok(res, reportOf(req));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Table> tables(Map<String, Object> body) {
        return (Map<String, Table>) body.get("tables");
    }

    private void reportCsv(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = reportOf(req);
        String name = req.query().first("table").orElse("summary");
        Table table = tables(body).get(name);
        if (table == null) {
            throw InvalidInput.field("table", "one of " + tables(body).keySet());
        }
        sendCsv(req, res, table, fileName(body, name));
    }

    private void reportXlsx(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = reportOf(req);
        List<Table> chosen = new ArrayList<>();
        String wanted = req.query().first("tables").orElse("");
        if (wanted.isBlank()) {
            chosen.addAll(tables(body).values());
        } else {
            for (String name : wanted.split(",")) {
                Table table = tables(body).get(name.strip());
                if (table == null) {
                    throw InvalidInput.field("tables", "each one of " + tables(body).keySet());
                }
                chosen.add(table);
            }
        }
        sendXlsx(res, chosen, fileName(body, "report"));
    }

    private Map<String, Object> comparisonOf(ServerRequest req) {
        Hub hub = comparedHub(req);
        String level = req.query().first("level").orElse(hub.level().equals("district") ? "street" : "all");
        if (!List.of("street", "residential", "all").contains(level)) {
            throw InvalidInput.field("level", "one of street, residential, all");
        }
        return comparison.compare(hub, level, period(req, hub), texts(req));
    }

    private void comparison(ServerRequest req, ServerResponse res) {
        Json.ok(res, comparisonOf(req));
    }

    private void comparisonCsv(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = comparisonOf(req);
        sendCsv(req, res, tables(body).get("comparison"), fileName(body, "comparison"));
    }

    private void comparisonXlsx(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = comparisonOf(req);
        sendXlsx(res, List.of(columns(req, tables(body).get("comparison"))), fileName(body, "comparison"));
    }

    /** The columns the page shows (?columns=a,b,c), or all. */
    private static Table columns(ServerRequest req, Table table) {
        String wanted = req.query().first("columns").orElse("");
        try {
            return table.select(wanted.isBlank() ? List.of()
                    : Arrays.stream(wanted.split(",")).map(String::strip).toList());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field("columns", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static String fileName(Map<String, Object> body, String what) {
        Map<String, Object> scope = (Map<String, Object>) body.get("scope");
        Map<String, Object> period = (Map<String, Object>) body.get("period");
        return "linli-" + scope.get("hub") + "-" + what + "-" + period.get("from") + "-" + period.get("to");
    }

    private static void sendCsv(ServerRequest req, ServerResponse res, Table table, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.csv(columns(req, table), out);
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"");
        res.send(out.toByteArray());
    }

    private static void sendXlsx(ServerResponse res, List<Table> tables, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.xlsx(tables, out);
        res.header(HeaderNames.CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".xlsx\"");
        res.send(out.toByteArray());
    }

    private void weights(ServerRequest req, ServerResponse res) {
        guard.require(Requests.bearer(req), Guard.OPERATORS);
        Json.ok(res, weights.current());
    }

    /** The weights are the district's: set by admins of the district (or of no hub). */
    private void setWeights(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        if (caller.hubId() != null && !catalogue.hub(caller.hubId()).map(h -> h.level().equals("district"))
                .orElse(false)) {
            throw new Forbidden("the star-rating weights are set by the district's admins");
        }
        JsonBody body = JsonBody.read(req, maxBody);
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (String criterion : Weights.CRITERIA) {
            Integer weight = body.optionalInteger(criterion, 0, 100);
            if (weight != null) {
                changes.put(criterion, weight);
            }
        }
        body.onlyFields(Weights.CRITERIA);
        body.done();
        try {
            Json.ok(res, weights.set(changes));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field("weights", e.getMessage());
        }
    }

    private void targets(ServerRequest req, ServerResponse res) {
        Hub hub = visibleHub(req, false);
        Texts texts = texts(req);
        Map<String, Integer> targets = reports.targets();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceItem service : catalogue.services(hub.id())) {
            out.add(Map.of("service", service.id(), "name", texts.name(service.name()), "minutes",
                    targets.getOrDefault(service.id(), Reports.DEFAULT_TARGET_MINUTES)));
        }
        Json.ok(res, out);
    }

    private void setTarget(ServerRequest req, ServerResponse res) {
        Hub hub = visibleHub(req, false);
        String serviceId = Requests.id(req, "service");
        ServiceItem service = catalogue.service(serviceId).filter(s -> s.hubId().equals(hub.id()))
                .orElseThrow(() -> new NotFound("hub " + hub.id() + " has no service " + serviceId));
        JsonBody body = JsonBody.read(req, maxBody);
        Integer minutes = body.integer("minutes", 1, 240);
        body.done();
        reports.setTarget(service.id(), minutes);
        Json.ok(res, Map.of("service", service.id(), "minutes", minutes));
    }

    private void monthlyList(ServerRequest req, ServerResponse res) {
        Hub hub = visibleHub(req, false);
        Json.ok(res, monthly.list(hub.id()));
    }

    /**
     * Files a month's report now (again), e.g. after figures were corrected: admins of the hub, at any level, or of
     * a hub above it.
     */
    private void fileMonth(ServerRequest req, ServerResponse res) {
        Hub hub = visibleHub(req, true);
        YearMonth month;
        try {
            month = YearMonth.parse(req.path().pathParameters().get("file"));
        } catch (DateTimeException e) {
            throw InvalidInput.field("month", "a month looks like 2026-11");
        }
        if (!month.isBefore(YearMonth.from(reports.today(hub)))) {
            throw InvalidInput.field("month", "only a month that is over can be filed");
        }
        monthly.file(hub, month);
        res.status(Status.CREATED_201);
        Json.send(res, Status.CREATED_201, monthly.list(hub.id()));
    }

    private void monthlyFile(ServerRequest req, ServerResponse res) {
        Hub hub = visibleHub(req, false);
        String name = req.path().pathParameters().get("file");
        Path file = monthly.find(hub.id(), name)
                .orElseThrow(() -> new NotFound("no filed report " + name + " of " + hub.id()));
        res.header(HeaderNames.CONTENT_TYPE, name.endsWith(".json") ? "application/json"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        if (name.endsWith(".xlsx")) {
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"linli-" + hub.id() + "-" + name + "\"");
        }
        try {
            res.send(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Brings the figures up to date now instead of at the job's next run; with {@code ?from=&to=} recomputes those
     * days (after a backfill or a restore: days older than the settle window are not looked at again). Admins only.
     */
    private void refresh(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        if (caller.hubId() != null) {
            throw new Forbidden("the district's figures are recomputed by admins without a hub");
        }
        String from = req.query().first("from").orElse("");
        ReportJob.Run run;
        if (from.isBlank()) {
            run = job.run();
        } else {
            LocalDate start = Requests.date(req, "from");
            LocalDate end = Requests.date(req, "to");
            if (end.isBefore(start) || start.plusDays(MAX_DAYS).isBefore(end)) {
                throw InvalidInput.field("to", "must be after from and at most three years later");
            }
            run = job.recompute(start, end);
        }
        Json.ok(res, Map.of("hubDays", run.hubDays(), "millis", run.millis()));
    }
}
