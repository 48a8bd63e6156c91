package org.linli.central.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.catalogue.Hub;
import org.linli.central.store.Database;

/**
 * The district's comparison of hubs: per hub the inputs of a star rating, each turned into a score of 0–100, and
 * their weighted mean. How an input scores (documented on the page too):
 * utilisation — booked share of the rooms' opening hours, full marks at {@value #FULL_UTILISATION};
 * visits per opening hour — against the busiest hub compared;
 * waits — the share of tickets called within their service's target;
 * no-shows — ticket no-shows, released bookings and missed sign-ups among all tickets, bookings and sign-ups of
 * activities where attendance was taken, no marks at {@value #WORST_NO_SHOWS};
 * satisfaction — the average rating from 1 (0) to 5 (100);
 * devices — the share of device samples online.
 * An input without data (no sensors, no ratings) is left out and the other weights share its part.
 */
public final class Comparison {
    static final double FULL_UTILISATION = 0.7;
    static final double WORST_NO_SHOWS = 0.3;

    private final Database db;
    private final HubScope scope;
    private final Weights weights;

    public Comparison(Database db, HubScope scope, Weights weights) {
        this.db = db;
        this.scope = scope;
        this.weights = weights;
    }

    /** @param level {@code street}, {@code residential} or {@code all} hubs under the root (the root included) */
    public Map<String, Object> compare(Hub root, String level, Period period, Texts texts) {
        List<Hub> hubs = scope.subtree(root, true).stream()
                .filter(h -> level.equals("all") || h.level().equals(level)).toList();
        List<String> ids = hubs.stream().map(Hub::id).toList();
        Period previous = period.previous();
        Map<String, Integer> weight = weights.current();
        return db.read(c -> {
            Map<String, Integer> targets = Aggregates.targets(c);
            Map<String, Figures> now = perHub(Aggregates.sumsBy(c, Aggregates.Source.HUBS, "id", ids, period),
                    Aggregates.services(c, "hub_id", ids, period), targets);
            Map<String, Figures> before = perHub(Aggregates.sumsBy(c, Aggregates.Source.HUBS, "id", ids, previous),
                    Aggregates.services(c, "hub_id", ids, previous), targets);
            double busiest = now.values().stream().map(Figures::visitsPerOpenHour)
                    .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
            double busiestBefore = before.values().stream().map(Figures::visitsPerOpenHour)
                    .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);

            List<Map<String, Object>> rows = new ArrayList<>();
            Table.Builder table = new Table.Builder("comparison", texts).column("hub", "text")
                    .column("level", "text").column("score", "number").column("stars", "number")
                    .column("utilisation", "pct").column("visitsPerHour", "number").column("waitMedian", "minutes")
                    .column("withinTarget", "pct").column("noShows", "pct", texts.get("col.noShowShare")).column("satisfaction", "rating")
                    .column("ratedShare", "pct").column("devices", "pct").column("trend", "text");
            for (Hub hub : hubs) {
                Figures f = now.getOrDefault(hub.id(), Figures.of(new Aggregates.Sums(), null, targets, 15));
                Figures p = before.get(hub.id());
                Map<String, Double> values = inputs(f);
                Map<String, Double> old = p == null ? Map.of() : inputs(p);
                Map<String, Double> scores = scores(values, busiest);
                Double score = weighted(scores, weight);
                Double oldScore = p == null ? null : weighted(scores(old, busiestBefore), weight);
                Map<String, Object> inputs = new LinkedHashMap<>();
                StringBuilder arrows = new StringBuilder();
                for (String criterion : Weights.CRITERIA) {
                    Map<String, Object> input = new LinkedHashMap<>();
                    input.put("value", values.get(criterion));
                    input.put("previous", old.get(criterion));
                    input.put("score", scores.get(criterion));
                    int trend = trend(criterion, values.get(criterion), old.get(criterion));
                    input.put("trend", trend);
                    inputs.put(criterion, input);
                    arrows.append(trend > 0 ? "↑" : trend < 0 ? "↓" : "→");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("hub", hub.id());
                row.put("name", hub.name());
                row.put("level", hub.level());
                row.put("score", score);
                row.put("previousScore", oldScore);
                row.put("scoreTrend", trend("score", score, oldScore));
                row.put("stars", score == null ? null : Figures.round(score / 20.0, 1));
                row.put("waitMedian", f.waitMedian());
                row.put("visits", f.visits());
                row.put("inputs", inputs);
                rows.add(row);
                table.row(texts.name(hub.name()), texts.get("level." + hub.level()), score,
                        score == null ? null : Figures.round(score / 20.0, 1), values.get("utilisation"),
                        values.get("visitsPerHour"), f.waitMedian(), values.get("waits"), values.get("noShows"),
                        values.get("satisfaction"), f.ratedShare(), values.get("devices"), arrows.toString());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("scope", Map.of("hub", root.id(), "name", root.name(), "level", level));
            body.put("period", Map.of("from", period.from().toString(), "to", period.to().toString(),
                    "days", period.days()));
            body.put("previous", Map.of("from", previous.from().toString(), "to", previous.to().toString()));
            body.put("weights", weight);
            body.put("rows", rows);
            body.put("tables", Map.of("comparison", table.build()));
            return body;
        });
    }

    private static Map<String, Figures> perHub(Map<String, Aggregates.Sums> sums,
            Map<String, Aggregates.ServiceSums> services, Map<String, Integer> targets) {
        Map<String, Figures> out = new LinkedHashMap<>();
        sums.forEach((hub, s) -> out.put(hub, Figures.of(s, services.get(hub), targets,
                Reports.DEFAULT_TARGET_MINUTES)));
        return out;
    }

    /** The raw inputs: shares 0..1, visits per hour, rating 1..5. */
    static Map<String, Double> inputs(Figures f) {
        Map<String, Double> in = new LinkedHashMap<>();
        in.put("satisfaction", f.averageRating());
        in.put("waits", f.overTargetShare() == null ? null : Figures.round(1 - f.overTargetShare(), 4));
        in.put("utilisation", f.bookedShare());
        in.put("visitsPerHour", f.visitsPerOpenHour());
        // an activity nobody checked in to took no attendance: its sign-ups count on neither side
        long all = f.served() + f.noShows() + f.bookings() + f.released() + f.attendanceSignups();
        long missed = f.noShows() + f.released() + f.signupNoShows();
        in.put("noShows", all == 0 ? null : Figures.round((double) missed / all, 4));
        in.put("devices", f.devicesOnline());
        return in;
    }

    static Map<String, Double> scores(Map<String, Double> in, double busiest) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("satisfaction", in.get("satisfaction") == null ? null : (in.get("satisfaction") - 1) / 4 * 100);
        s.put("waits", in.get("waits") == null ? null : in.get("waits") * 100);
        s.put("utilisation", in.get("utilisation") == null ? null
                : Math.min(1, in.get("utilisation") / FULL_UTILISATION) * 100);
        s.put("visitsPerHour", in.get("visitsPerHour") == null || busiest == 0 ? null
                : in.get("visitsPerHour") / busiest * 100);
        s.put("noShows", in.get("noShows") == null ? null
                : (1 - Math.min(1, in.get("noShows") / WORST_NO_SHOWS)) * 100);
        s.put("devices", in.get("devices") == null ? null : in.get("devices") * 100);
        s.replaceAll((k, v) -> v == null ? null : Figures.round(v, 1));
        return s;
    }

    static Double weighted(Map<String, Double> scores, Map<String, Integer> weights) {
        double sum = 0;
        double weight = 0;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            int w = weights.getOrDefault(e.getKey(), 0);
            if (e.getValue() != null && w > 0) {
                sum += e.getValue() * w;
                weight += w;
            }
        }
        return weight == 0 ? null : Figures.round(sum / weight, 1);
    }

    /** +1 better than before, -1 worse, 0 the same (within 1 %) or unknown; fewer no-shows are better. */
    static int trend(String criterion, Double now, Double before) {
        if (now == null || before == null) {
            return 0;
        }
        double scale = Math.max(Math.abs(before), 1e-9);
        double change = (now - before) / scale;
        if (Math.abs(change) < 0.01) {
            return 0;
        }
        int direction = criterion.equals("noShows") ? -1 : 1;
        return change > 0 ? direction : -direction;
    }
}
