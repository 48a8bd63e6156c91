package org.linli.central.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Room;
import org.linli.central.store.Database;

/**
 * The report of one hub, or of a street or the district rolled up over the hubs under it, for a period and compared
 * with the period before, read from the kept daily figures only.
 */
public final class Reports {
    public static final int DEFAULT_TARGET_MINUTES = 15;
    private static final int TOP_ACTIVITIES = 50;

    private final Database db;
    private final Catalogue catalogue;
    private final HubScope scope;
    private final Clock clock;

    public Reports(Database db, Catalogue catalogue, HubScope scope, Clock clock) {
        this.db = db;
        this.catalogue = catalogue;
        this.scope = scope;
        this.clock = clock;
    }

    /** The hub's own date now. */
    public LocalDate today(Hub hub) {
        return LocalDate.ofInstant(clock.instant(), hub.timezone());
    }

    /** The whole report: headline figures now and before, its tables, and the series the charts draw. */
    public Map<String, Object> report(Hub root, boolean rollup, Period period, Texts texts) {
        List<Hub> hubs = scope.subtree(root, rollup);
        List<String> ids = hubs.stream().map(Hub::id).toList();
        // a street or the district reads its own roll-up rows: a year is 365 of them, not one per hub and day
        boolean rolled = hubs.size() > 1;
        Aggregates.Source source = rolled ? Aggregates.Source.ROLLUPS : Aggregates.Source.HUBS;
        List<String> sourceIds = rolled ? List.of(root.id()) : ids;
        Period previous = period.previous();
        return db.read(c -> {
            Map<String, Integer> targets = Aggregates.targets(c);
            Map<String, Aggregates.Sums> daily = Aggregates.sumsBy(c, source, "day", sourceIds, period);
            Aggregates.Sums total = new Aggregates.Sums();
            daily.values().forEach(total::add);
            Map<String, Aggregates.ServiceSums> byService = Aggregates.services(c, "service_id", ids, period);
            Aggregates.ServiceSums allServices = merge(byService.values());
            Figures now = Figures.of(total, allServices, targets, DEFAULT_TARGET_MINUTES);
            Figures before = figures(c, source, sourceIds, ids, previous, targets);

            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> scopeJson = new LinkedHashMap<>();
            scopeJson.put("hub", root.id());
            scopeJson.put("name", root.name());
            scopeJson.put("level", root.level());
            scopeJson.put("rollup", rollup);
            scopeJson.put("hubs", hubs.size());
            scopeJson.put("zone", root.timezone().getId());
            body.put("scope", scopeJson);
            body.put("period", Map.of("from", period.from().toString(), "to", period.to().toString(),
                    "days", period.days()));
            body.put("previous", Map.of("from", previous.from().toString(), "to", previous.to().toString()));
            long computed = Aggregates.computedAt(c, source, sourceIds, period);
            body.put("computedAt", computed == 0 ? null
                    : Instant.ofEpochSecond(computed).atZone(root.timezone()).toOffsetDateTime().toString());
            body.put("figures", now.json());
            body.put("previousFigures", before.json());
            body.put("ratingsByStars", new long[] {total.get("rating_1"), total.get("rating_2"),
                    total.get("rating_3"), total.get("rating_4"), total.get("rating_5")});
            body.put("heatmap", heatmap(Aggregates.heat(c, source, sourceIds, period), period));

            Map<String, Table> tables = new LinkedHashMap<>();
            tables.put("summary", summary(now, before, texts));
            tables.put("daily", dailyTable(daily, texts));
            tables.put("services", servicesTable(byService, Aggregates.serviceNames(c), rollup, targets, texts));
            tables.put("rooms", rolled ? hubRoomsTable(c, root, hubs, period, texts)
                    : roomsTable(c, root, ids, period, texts));
            tables.put("activities", activitiesTable(Aggregates.activities(c, ids, period, TOP_ACTIVITIES), texts));
            tables.put("satisfaction", satisfactionTable(total, texts));
            tables.put("heatmap", heatmapTable((double[][]) body.get("heatmap"), texts));
            body.put("tables", tables);
            return body;
        });
    }

    /** Just the headline figures over a period: sums from the source's rows, waits of the hubs' services. */
    private static Figures figures(Connection c, Aggregates.Source source, List<String> sourceIds, List<String> ids,
            Period period, Map<String, Integer> targets) throws SQLException {
        Aggregates.Sums total = new Aggregates.Sums();
        Aggregates.sumsBy(c, source, "day", sourceIds, period).values().forEach(total::add);
        Aggregates.ServiceSums services = merge(Aggregates.services(c, "service_id", ids, period).values());
        return Figures.of(total, services, targets, DEFAULT_TARGET_MINUTES);
    }

    static Aggregates.ServiceSums merge(Iterable<Aggregates.ServiceSums> parts) {
        Aggregates.ServiceSums all = new Aggregates.ServiceSums();
        for (Aggregates.ServiceSums s : parts) {
            all.visits += s.visits;
            all.tickets += s.tickets;
            all.served += s.served;
            all.noShows += s.noShows;
            all.called += s.called;
            all.waits.addAll(s.waits);
            s.byService.forEach((id, h) -> all.byService.computeIfAbsent(id, k -> new WaitHistogram()).addAll(h));
        }
        return all;
    }

    /** Average people in the hubs per ISO weekday (row 0 = Monday) and hour, over the period's days. */
    private static double[][] heatmap(long[][] personMinutes, Period period) {
        int[] days = new int[8];
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days[d.getDayOfWeek().getValue()]++;
        }
        double[][] out = new double[7][24];
        for (int w = 1; w <= 7; w++) {
            for (int h = 0; h < 24; h++) {
                out[w - 1][h] = days[w] == 0 ? 0 : Figures.round(personMinutes[w][h] / 60.0 / days[w], 1);
            }
        }
        return out;
    }

    private static Table summary(Figures now, Figures before, Texts texts) {
        Table.Builder t = new Table.Builder("summary", texts)
                .column("metric", "text").column("value", "number").column("previous", "number")
                .column("change", "pct");
        Map<String, Object> a = now.json();
        Map<String, Object> b = before.json();
        for (String key : List.of("visits", "visitsPerOpenHour", "tickets", "served", "noShows", "noShowShare",
                "waitMedian", "waitP90", "overTargetShare", "bookings", "bookedHours", "sensedHours", "bookedShare",
                "sensedShare", "released", "cancelled", "signups", "waitlisted", "attended", "signupNoShows", "ratings",
                "averageRating", "ratedShare", "devicesOnline")) {
            Object value = a.get(key);
            Object old = b.get(key);
            Double change = value instanceof Number v && old instanceof Number o && o.doubleValue() != 0
                    ? Figures.round((v.doubleValue() - o.doubleValue()) / Math.abs(o.doubleValue()), 4) : null;
            t.row(texts.get("metric." + key), value, old, change);
        }
        return t.build();
    }

    private static Table dailyTable(Map<String, Aggregates.Sums> daily, Texts texts) {
        Table.Builder t = new Table.Builder("daily", texts).column("day", "day").column("visits", "int")
                .column("tickets", "int").column("served", "int").column("noShows", "int")
                .column("bookings", "int").column("released", "int").column("signupNoShows", "int")
                .column("ratings", "int").column("averageRating", "rating");
        daily.forEach((day, s) -> t.row(day, s.get("visits"), s.get("tickets"), s.get("served"), s.get("no_shows"),
                s.get("bookings"), s.get("released"), s.get("signup_no_shows"), s.get("ratings"),
                s.get("ratings") == 0 ? null : Figures.round((double) s.get("rating_sum") / s.get("ratings"), 2)));
        return t.build();
    }

    /** Per service; across hubs, services of the same name are one line (every hub has its own 法律咨询). */
    private static Table servicesTable(Map<String, Aggregates.ServiceSums> byService,
            Map<String, org.linli.central.catalogue.Name> names, boolean rollup, Map<String, Integer> targets,
            Texts texts) {
        Map<String, Aggregates.ServiceSums> lines = new LinkedHashMap<>();
        Map<String, Integer> lineTarget = new HashMap<>();
        for (Map.Entry<String, Aggregates.ServiceSums> e : byService.entrySet()) {
            org.linli.central.catalogue.Name known = names.get(e.getKey());
            String name = known == null ? e.getKey() : texts.name(known);
            lines.merge(name, e.getValue(), (x, y) -> merge(List.of(x, y)));
            lineTarget.putIfAbsent(name, targets.getOrDefault(e.getKey(), DEFAULT_TARGET_MINUTES));
        }
        Table.Builder t = new Table.Builder("services", texts).column("service", "text").column("visits", "int")
                .column("tickets", "int").column("served", "int").column("noShows", "int")
                .column("waitMedian", "minutes").column("waitP90", "minutes").column("target", "minutes")
                .column("overTargetShare", "pct");
        lines.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue().tickets + y.getValue().visits,
                        x.getValue().tickets + x.getValue().visits))
                .forEach(e -> {
                    Aggregates.ServiceSums s = e.getValue();
                    long over = 0;
                    for (Map.Entry<String, WaitHistogram> h : s.byService.entrySet()) {
                        over += h.getValue().atLeast(targets.getOrDefault(h.getKey(), DEFAULT_TARGET_MINUTES));
                    }
                    t.row(e.getKey(), s.visits, s.tickets, s.served, s.noShows, s.waits.quantile(0.5),
                            s.waits.quantile(0.9), rollup ? null : lineTarget.get(e.getKey()),
                            Figures.share(over, s.waits.total()));
                });
        return t.build();
    }

    private Table roomsTable(Connection c, Hub hub, List<String> ids, Period period, Texts texts)
            throws SQLException {
        Map<String, long[]> rooms = Aggregates.rooms(c, ids, period);
        Table.Builder t = roomColumns(new Table.Builder("rooms", texts).column("room", "text"));
        for (Room room : catalogue.rooms(hub.id())) {
            long[] v = rooms.getOrDefault(room.id(), new long[6]);
            roomRow(t, texts.name(room.name()), v[0], v[1], v[2], v[3], v[4], v[5]);
        }
        return t.build();
    }

    /**
     * Across hubs: the top hub's own rooms, then one line per hub right under it, each with the hubs under that one
     * (the district lists its streets, a street its residential hubs).
     */
    private static Table hubRoomsTable(Connection c, Hub root, List<Hub> hubs, Period period, Texts texts)
            throws SQLException {
        Set<String> parents = new HashSet<>();
        hubs.forEach(h -> parents.add(h.parent()));
        List<Hub> lines = new ArrayList<>(List.of(root));
        hubs.stream().filter(h -> root.id().equals(h.parent())).forEach(lines::add);
        List<String> leaves = lines.stream().filter(h -> h == root || !parents.contains(h.id())).map(Hub::id).toList();
        List<String> rolled = lines.stream().filter(h -> h != root && parents.contains(h.id())).map(Hub::id).toList();
        Map<String, Aggregates.Sums> byHub = new HashMap<>(Aggregates.sumsBy(c, Aggregates.Source.HUBS, "id",
                leaves, period));
        byHub.putAll(Aggregates.sumsBy(c, Aggregates.Source.ROLLUPS, "id", rolled, period));
        Table.Builder t = roomColumns(new Table.Builder("rooms", texts).column("hub", "text"));
        for (Hub hub : lines) {
            Aggregates.Sums s = byHub.get(hub.id());
            if (s == null || s.get("room_open_minutes") == 0) {
                continue;
            }
            roomRow(t, texts.name(hub.name()), s.get("room_open_minutes"), s.get("bookings"), s.get("booked_minutes"),
                    s.get("sensed_minutes"), s.get("released"), s.get("cancelled"));
        }
        return t.build();
    }

    private static Table.Builder roomColumns(Table.Builder t) {
        return t.column("bookings", "int").column("bookedHours", "hours").column("sensedHours", "hours")
                .column("bookedShare", "pct").column("sensedShare", "pct").column("released", "int")
                .column("cancelled", "int");
    }

    private static void roomRow(Table.Builder t, String name, long open, long bookings, long booked, long sensed,
            long released, long cancelled) {
        t.row(name, bookings, Figures.round(booked / 60.0, 1), Figures.round(sensed / 60.0, 1),
                Figures.share(booked, open), Figures.share(sensed, open), released, cancelled);
    }

    private static Table activitiesTable(List<Aggregates.ActivityRow> rows, Texts texts) {
        Table.Builder t = new Table.Builder("activities", texts).column("day", "day").column("activity", "text")
                .column("capacity", "int").column("signups", "int").column("waitlisted", "int")
                .column("attended", "int").column("missed", "int");
        rows.stream().sorted((a, b) -> a.day().compareTo(b.day()) != 0 ? a.day().compareTo(b.day())
                : a.id().compareTo(b.id()))
                .forEach(r -> t.row(r.day(), texts.lang().equals("en") ? r.titleEn() : r.titleZh(), r.capacity(),
                        r.confirmed(), r.waitlisted(), r.attended(), r.missed()));
        return t.build();
    }

    private static Table satisfactionTable(Aggregates.Sums total, Texts texts) {
        Table.Builder t = new Table.Builder("satisfaction", texts).column("stars", "int").column("ratings", "int")
                .column("share", "pct");
        long all = total.get("ratings");
        for (int stars = 5; stars >= 1; stars--) {
            long n = total.get("rating_" + stars);
            t.row(stars, n, Figures.share(n, all));
        }
        return t.build();
    }

    private static Table heatmapTable(double[][] heat, Texts texts) {
        Table.Builder t = new Table.Builder("heatmap", texts).column("weekday", "text");
        for (int h = 0; h < 24; h++) {
            t.column(String.format("h%02d", h), "number", String.format("%02d:00", h));
        }
        Locale locale = texts.lang().equals("en") ? Locale.ENGLISH : Locale.CHINESE;
        for (int w = 0; w < 7; w++) {
            Object[] row = new Object[25];
            row[0] = DayOfWeek.of(w + 1).getDisplayName(TextStyle.SHORT, locale);
            for (int h = 0; h < 24; h++) {
                row[h + 1] = heat[w][h];
            }
            t.row(row);
        }
        return t.build();
    }

    /** Wait targets in minutes by service id; services without one have {@value #DEFAULT_TARGET_MINUTES}. */
    public Map<String, Integer> targets() {
        return db.read(Aggregates::targets);
    }

    /** Sets a service's target; reports apply it at once, to past periods too (the kept waits are histograms). */
    public void setTarget(String serviceId, int minutes) {
        db.write(c -> {
            try (java.sql.PreparedStatement st = c.prepareStatement("""
                    INSERT INTO report_wait_target (service_id, minutes) VALUES (?, ?)
                    ON CONFLICT (service_id) DO UPDATE SET minutes = excluded.minutes""")) {
                st.setString(1, serviceId);
                st.setInt(2, minutes);
                return st.executeUpdate();
            }
        });
    }

    /** Hubs whose figures a caller may compare or report on, for the page's picker. */
    public List<Hub> visible(String callerHubId) {
        return scope.visible(callerHubId);
    }

    static List<String> ids(List<Hub> hubs) {
        List<String> ids = new ArrayList<>();
        hubs.forEach(h -> ids.add(h.id()));
        return ids;
    }
}
