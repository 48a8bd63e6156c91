package org.linli.central.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads the kept figures of some hubs over a period: sums per day or per hub, wait histograms, the heatmap. Every
 * query ranges over the primary keys (hub, day); no raw table is read.
 */
final class Aggregates {
    /** The summed columns of report_hub_day, in this order in {@link Sums#values}. */
    static final List<String> SUMS = List.of("open_minutes", "visits", "tickets", "served", "no_shows", "bookings",
            "released", "cancelled", "room_open_minutes", "booked_minutes", "sensed_minutes", "ratings",
            "rating_sum", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5", "signups", "waitlisted",
            "attended", "attendance_signups", "signup_no_shows", "devices", "devices_online");

    /** Sums of the columns above; {@code get("visits")}. */
    record Sums(long[] values) {
        Sums() {
            this(new long[SUMS.size()]);
        }

        long get(String column) {
            return values[SUMS.indexOf(column)];
        }

        void add(Sums other) {
            for (int i = 0; i < values.length; i++) {
                values[i] += other.values[i];
            }
        }
    }

    private static String in(Collection<String> hubs) {
        StringJoiner marks = new StringJoiner(", ", "(", ")");
        hubs.forEach(h -> marks.add("?"));
        return marks.toString();
    }

    private static int bind(PreparedStatement st, Collection<String> hubs, Period period) throws SQLException {
        int i = 1;
        for (String hub : hubs) {
            st.setString(i++, hub);
        }
        st.setString(i++, period.from().toString());
        st.setString(i++, period.to().toString());
        return i;
    }

    private static String sumColumns() {
        StringJoiner sums = new StringJoiner(", ");
        SUMS.forEach(c -> sums.add("sum(" + c + ")"));
        return sums.toString();
    }

    private static Sums sums(ResultSet rs, int first) throws SQLException {
        long[] values = new long[SUMS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rs.getLong(first + i);
        }
        return new Sums(values);
    }

    /** Where sums come from: each hub's own rows, or the roll-up rows of a street or the district. */
    enum Source {
        HUBS("report_hub_day", "hub_id"), ROLLUPS("report_rollup_day", "scope_id");

        final String table;
        final String id;

        Source(String table, String id) {
            this.table = table;
            this.id = id;
        }
    }

    /** Sums of hubs grouped by {@code day} or {@code hub_id}, in key order. */
    static Map<String, Sums> sumsBy(Connection c, String key, Collection<String> hubs, Period period)
            throws SQLException {
        return sumsBy(c, Source.HUBS, key, hubs, period);
    }

    /** Sums grouped by {@code day} or by the source's id column ({@code id}), in key order. */
    static Map<String, Sums> sumsBy(Connection c, Source source, String key, Collection<String> ids, Period period)
            throws SQLException {
        Map<String, Sums> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String group = key.equals("id") ? source.id : key;
        try (PreparedStatement st = c.prepareStatement("SELECT " + group + ", " + sumColumns() + " FROM "
                + source.table + " WHERE " + source.id + " IN " + in(ids) + " AND day >= ? AND day <= ? GROUP BY "
                + group + " ORDER BY " + group)) {
            Collection<String> hubs = ids;
            bind(st, hubs, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), sums(rs, 2));
                }
            }
        }
        return out;
    }

    /** When the kept figures were last computed (epoch seconds), 0 when never. */
    static long computedAt(Connection c, Source source, Collection<String> hubs, Period period) throws SQLException {
        if (hubs.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT max(computed_ts) FROM " + source.table + " WHERE "
                + source.id + " IN " + in(hubs) + " AND day >= ? AND day <= ?")) {
            bind(st, hubs, period);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Person-minutes per ISO weekday (1..7) and hour, summed over the hubs; and on how many days each weekday. */
    static long[][] heat(Connection c, Source source, Collection<String> hubs, Period period) throws SQLException {
        long[][] heat = new long[8][24];
        if (hubs.isEmpty()) {
            return heat;
        }
        StringJoiner hours = new StringJoiner(", ");
        for (int h = 0; h < 24; h++) {
            hours.add(String.format("sum(h%02d)", h));
        }
        try (PreparedStatement st = c.prepareStatement("SELECT weekday, " + hours + " FROM " + source.table + " WHERE "
                + source.id + " IN " + in(hubs) + " AND day >= ? AND day <= ? AND sensed_rooms > 0 GROUP BY weekday")) {
            bind(st, hubs, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int weekday = rs.getInt(1);
                    for (int h = 0; h < 24; h++) {
                        heat[weekday][h] = rs.getLong(2 + h);
                    }
                }
            }
        }
        return heat;
    }

    /** One service's (or one hub's services') tickets and waits. */
    static final class ServiceSums {
        long visits;
        long tickets;
        long served;
        long noShows;
        long called;
        final WaitHistogram waits = new WaitHistogram();
        /** per service id, so each can be held against its own target */
        final Map<String, WaitHistogram> byService = new HashMap<>();
    }

    /** Tickets and waits grouped by {@code service_id} or {@code hub_id}. */
    static Map<String, ServiceSums> services(Connection c, String key, Collection<String> hubs, Period period)
            throws SQLException {
        Map<String, ServiceSums> out = new LinkedHashMap<>();
        if (hubs.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT " + key + ", service_id, visits, tickets, served, "
                + "no_shows, called, wait_histogram FROM report_service_day WHERE hub_id IN " + in(hubs)
                + " AND day >= ? AND day <= ?")) {
            bind(st, hubs, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ServiceSums s = out.computeIfAbsent(rs.getString(1), k -> new ServiceSums());
                    s.visits += rs.getLong(3);
                    s.tickets += rs.getLong(4);
                    s.served += rs.getLong(5);
                    s.noShows += rs.getLong(6);
                    s.called += rs.getLong(7);
                    String histogram = rs.getString(8);
                    if (!histogram.isEmpty()) {
                        WaitHistogram day = new WaitHistogram();
                        day.addText(histogram);
                        s.waits.addAll(day);
                        s.byService.computeIfAbsent(rs.getString(2), k -> new WaitHistogram()).addAll(day);
                    }
                }
            }
        }
        return out;
    }

    /** Room use grouped by room (one hub's report). */
    static Map<String, long[]> rooms(Connection c, Collection<String> hubs, Period period) throws SQLException {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (hubs.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT room_id, sum(open_minutes), sum(bookings), "
                + "sum(booked_minutes), sum(sensed_minutes), sum(released), sum(cancelled) FROM report_room_day "
                + "WHERE hub_id IN " + in(hubs) + " AND day >= ? AND day <= ? GROUP BY room_id ORDER BY room_id")) {
            bind(st, hubs, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[6];
                    for (int i = 0; i < 6; i++) {
                        v[i] = rs.getLong(2 + i);
                    }
                    out.put(rs.getString(1), v);
                }
            }
        }
        return out;
    }

    /** An activity held in the period; {@code missed} is null where its sign-ups were not judged (see DayFigures). */
    record ActivityRow(String day, String id, String titleZh, String titleEn, int capacity, int confirmed,
            int waitlisted, int attended, Integer missed) {
    }

    static List<ActivityRow> activities(Connection c, Collection<String> hubs, Period period, int limit)
            throws SQLException {
        List<ActivityRow> out = new ArrayList<>();
        if (hubs.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT r.day, r.activity_id, a.title_zh, a.title_en, "
                + "r.capacity, r.confirmed, r.waitlisted, r.attended, r.attendance_signups, r.missed "
                + "FROM report_activity_day r "
                + "JOIN activity a ON a.id = r.activity_id WHERE r.hub_id IN " + in(hubs)
                + " AND r.day >= ? AND r.day <= ? ORDER BY r.attended DESC, r.day, r.activity_id LIMIT ?")) {
            int i = bind(st, hubs, period);
            st.setInt(i, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ActivityRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                            rs.getInt(9) == 0 ? null : rs.getInt(10)));
                }
            }
        }
        return out;
    }

    /** Every service's name, in one query (a district has a few hundred). */
    static Map<String, org.linli.central.catalogue.Name> serviceNames(Connection c) throws SQLException {
        Map<String, org.linli.central.catalogue.Name> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, name_zh, name_en FROM service");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new org.linli.central.catalogue.Name(rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** Wait targets in minutes by service id (services without a row get the default). */
    static Map<String, Integer> targets(Connection c) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT service_id, minutes FROM report_wait_target");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }
}
