package org.linli.central.reports;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.store.Database;

/**
 * Keeps the report tables up to date. Each run closes the days each hub has not closed yet (all of them after
 * downtime, from its first check-in, ticket or booking on a new installation), recomputes the last
 * {@value #SETTLE_DAYS} closed days (a door that was offline delivers its samples late; a rating comes the next
 * morning) and today so far, after sampling which devices are online. Every step is idempotent: a day is recomputed
 * from the raw tables (the device samples among them) and replaces what was kept.
 */
public final class ReportJob {
    private static final System.Logger LOG = System.getLogger(ReportJob.class.getName());
    static final int SETTLE_DAYS = 2;

    private final Database db;
    private final Catalogue catalogue;
    private final Clock clock;
    private final DayAggregator aggregator = new DayAggregator();
    private final DayStore store = new DayStore();

    private final HubScope scope;

    public ReportJob(Database db, Catalogue catalogue, HubScope scope, Clock clock) {
        this.db = db;
        this.catalogue = catalogue;
        this.scope = scope;
        this.clock = clock;
    }

    /** What a run did. */
    public record Run(int hubDays, long millis) {
    }

    /** Samples the devices, catches up, and refreshes the settle window and today. */
    public synchronized Run run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<DayAggregator.HubPlan> plans = plans();
        Map<String, List<String>> rollups = rollups(plans);
        Map<String, LocalDate> closed = db.read(store::closed);
        Map<String, LocalDate> today = new HashMap<>();
        TreeMap<LocalDate, List<DayAggregator.HubPlan>> byDay = new TreeMap<>();
        for (DayAggregator.HubPlan plan : plans) {
            Hub hub = plan.hub();
            LocalDate hubToday = LocalDate.ofInstant(now, hub.timezone());
            today.put(hub.id(), hubToday);
            LocalDate start = closed.containsKey(hub.id()) ? closed.get(hub.id()).plusDays(1)
                    : db.read(c -> store.firstDay(c, hub.id(), hub.timezone()));
            LocalDate settle = hubToday.minusDays(SETTLE_DAYS);
            start = start == null || start.isAfter(settle) ? settle : start;
            for (LocalDate day = start; !day.isAfter(hubToday); day = day.plusDays(1)) {
                byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(plan);
            }
        }
        // sampled first, so that today's rows, computed below, carry this sample too
        db.write(c -> {
            store.sampleDevices(c, today);
            return null;
        });
        int hubDays = 0;
        for (Map.Entry<LocalDate, List<DayAggregator.HubPlan>> entry : byDay.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                break; // the service is stopping: the next start catches up from the last day closed
            }
            hubDays += aggregate(entry.getKey(), entry.getValue(), today, rollups, now);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (hubDays > SETTLE_DAYS * 2L * plans.size() + plans.size()) {
            LOG.log(Level.INFO, "report figures caught up: " + hubDays + " hub-days in " + millis + " ms");
        }
        return new Run(hubDays, millis);
    }

    /** Recomputes the days from {@code from} to {@code to} (each hub's own days) for every hub, e.g. after a restore. */
    public synchronized Run recompute(LocalDate from, LocalDate to) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<DayAggregator.HubPlan> plans = plans();
        Map<String, List<String>> rollups = rollups(plans);
        Map<String, LocalDate> today = new HashMap<>();
        for (DayAggregator.HubPlan plan : plans) {
            today.put(plan.hub().id(), LocalDate.ofInstant(now, plan.hub().timezone()));
        }
        int hubDays = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate d = day;
            hubDays += aggregate(day, plans.stream().filter(p -> !d.isAfter(today.get(p.hub().id()))).toList(),
                    Map.of(), rollups, now);
        }
        return new Run(hubDays, (System.nanoTime() - started) / 1_000_000);
    }

    /** Each hub with hubs under it, and the ids of its whole subtree (itself first). */
    private Map<String, List<String>> rollups(List<DayAggregator.HubPlan> plans) {
        Map<String, List<String>> out = new HashMap<>();
        for (DayAggregator.HubPlan plan : plans) {
            List<String> below = scope.subtree(plan.hub(), true).stream().map(Hub::id).toList();
            if (below.size() > 1) {
                out.put(plan.hub().id(), below);
            }
        }
        return out;
    }

    private List<DayAggregator.HubPlan> plans() {
        List<DayAggregator.HubPlan> plans = new ArrayList<>();
        for (Hub hub : catalogue.hubs()) {
            plans.add(new DayAggregator.HubPlan(hub, catalogue.rooms(hub.id()), catalogue.services(hub.id())));
        }
        return plans;
    }

    /**
     * One day of the given hubs: read in one go, written in one transaction. {@code closeBefore} holds each hub's
     * today; days before it are marked closed.
     */
    private int aggregate(LocalDate day, List<DayAggregator.HubPlan> plans, Map<String, LocalDate> closeBefore,
            Map<String, List<String>> rollups, Instant now) {
        if (plans.isEmpty()) {
            return 0;
        }
        List<DayFigures> figures = db.read(c -> {
            Map<ZoneId, Map<String, int[]>> ratings = new HashMap<>();
            List<DayFigures> out = new ArrayList<>();
            for (DayAggregator.HubPlan plan : plans) {
                ZoneId zone = plan.hub().timezone();
                if (!ratings.containsKey(zone)) {
                    ratings.put(zone, aggregator.ratings(c, zone, day, now));
                }
                out.add(aggregator.compute(c, plan, day, ratings.get(zone).get(plan.hub().id()),
                        store.devices(c, plan.hub().id(), day), now));
            }
            return out;
        });
        long computed = now.getEpochSecond();
        // every street and the district above a hub of this day gets its roll-up row rewritten
        java.util.Set<String> written = new java.util.HashSet<>();
        plans.forEach(p -> written.add(p.hub().id()));
        Map<String, List<String>> scopes = new HashMap<>();
        rollups.forEach((top, below) -> {
            if (below.stream().anyMatch(written::contains)) {
                scopes.put(top, below);
            }
        });
        db.write(c -> {
            store.put(c, figures, computed);
            for (Map.Entry<String, List<String>> e : scopes.entrySet()) {
                store.rollUp(c, e.getKey(), e.getValue(), day);
            }
            for (DayAggregator.HubPlan plan : plans) {
                LocalDate hubToday = closeBefore.get(plan.hub().id());
                if (hubToday != null && day.isBefore(hubToday)) {
                    store.close(c, plan.hub().id(), day);
                }
            }
            return null;
        });
        return figures.size();
    }
}
