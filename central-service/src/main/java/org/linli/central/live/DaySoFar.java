package org.linli.central.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Room;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.linli.central.web.Times;

/**
 * A hub's day so far, hour by hour over its opening hours, for the dashboard's chart: check-ins, tickets drawn, and
 * the most people the counted rooms held at once. Hours still to come are in the list with nulls, so the chart's
 * axis is the whole day from the first picture on. Also each room's bookings and use over the day; the same weekday a
 * week ago, hour by hour, to read today against; today's ratings face by face (operators act on the 1s and 2s, which an average hides); and today's
 * latest calls, so that a board started (or restarted) mid-day shows them.
 */
public final class DaySoFar {
    private static final String VISITS = "SELECT at_ts FROM checkin WHERE hub_id = ? AND day = ?";
    // a transfer makes a new ticket that keeps the first one's place: count what residents drew
    private static final String TICKETS = """
            SELECT created_ts FROM ticket t WHERE hub_id = ? AND day = ?
              AND NOT EXISTS (SELECT 1 FROM ticket o WHERE o.transferred_to = t.id)""";
    /** A room free for less than this between two uses was in use all along, as its day's strip shows it. */
    static final long PAUSE_MILLIS = Duration.ofMinutes(5).toMillis();
    private final Database db;
    private final Clock clock;

    public DaySoFar(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Map<String, Object> of(Hub hub, List<Room> rooms) {
        ZoneId zone = hub.timezone();
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        List<Instant> starts = hours(hub, day);
        LocalDate lastWeek = day.minusWeeks(1);
        List<Instant> lastWeekStarts = hours(hub, lastWeek);
        long dayStart = day.atStartOfDay(zone).toEpochSecond();
        long dayEnd = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hub", hub.id());
        body.put("date", day.toString());
        body.put("ts", Times.format(now, zone));
        db.read(c -> {
            int[] visits = perHour(c, VISITS, hub.id(), day.toString(), starts);
            int[] tickets = perHour(c, TICKETS, hub.id(), day.toString(), starts);
            int[] peaks = peaks(c, rooms, starts, now);
            List<Map<String, Object>> hours = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                boolean begun = !starts.get(i).isAfter(now);
                Map<String, Object> hour = new LinkedHashMap<>();
                hour.put("start", Times.format(starts.get(i), zone));
                hour.put("visits", begun ? visits[i] : null);
                hour.put("tickets", begun ? tickets[i] : null);
                hour.put("peakPeople", begun ? peaks[i] : null);
                hours.add(hour);
            }
            body.put("hours", hours);
            // the same weekday a week ago, hour by hour, for the chart to draw today against
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("date", lastWeek.toString());
            before.put("visits", perHour(c, VISITS, hub.id(), lastWeek.toString(), lastWeekStarts));
            before.put("tickets", perHour(c, TICKETS, hub.id(), lastWeek.toString(), lastWeekStarts));
            body.put("lastWeek", before);
            body.put("ratings", ratings(c, hub.id(), dayStart, dayEnd));
            body.put("rooms", roomDays(c, rooms, starts, now, zone));
            return null;
        });
        return body;
    }

    /**
     * Each room's day over the opening hours, for a strip per room: its bookings (with their state: a released one was
     * a no-show; and their kind: a maintenance block is staff's, not a resident's) and when its sensors said it was in
     * use, up to now. Together they show no-shows (booked, unused),
     * walk-ins (used, not booked) and overruns at a glance.
     */
    private static List<Map<String, Object>> roomDays(Connection c, List<Room> rooms, List<Instant> starts,
            Instant now, ZoneId zone) throws SQLException {
        List<Map<String, Object>> days = new ArrayList<>();
        if (starts.isEmpty()) {
            return days;
        }
        Instant from = starts.getFirst();
        Instant to = starts.getLast().plus(Duration.ofHours(1));
        for (Room room : rooms) {
            List<Map<String, Object>> booked = Sql.list(c, """
                    SELECT start_ts, end_ts, status, kind FROM booking WHERE room_id = ? AND status <> 'cancelled'
                      AND start_ts < ? AND end_ts > ? ORDER BY start_ts""", rs -> {
                        Map<String, Object> b = new LinkedHashMap<>();
                        b.put("from", Times.format(Instant.ofEpochSecond(rs.getLong(1)), zone));
                        b.put("to", Times.format(Instant.ofEpochSecond(rs.getLong(2)), zone));
                        b.put("status", rs.getString(3));
                        b.put("kind", rs.getString(4));
                        return b;
                    }, room.id(), to.getEpochSecond(), from.getEpochSecond());
            boolean inUse = Sql.one(c, """
                    SELECT occupied FROM occupancy_sample WHERE room_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1""",
                    rs -> rs.getInt(1) == 1, room.id(), from.toEpochMilli()).orElse(false);
            List<long[]> samples = Sql.list(c, """
                    SELECT ts, occupied FROM occupancy_sample WHERE room_id = ? AND ts >= ? AND ts <= ? ORDER BY ts""",
                    rs -> new long[] {rs.getLong(1), rs.getInt(2)}, room.id(), from.toEpochMilli(), now.toEpochMilli());
            List<Map<String, Object>> used = new ArrayList<>();
            for (long[] span : used(inUse, samples, from.toEpochMilli(), now.isAfter(from)
                    ? Math.min(now.toEpochMilli(), to.toEpochMilli()) : null)) {
                used.add(span(span[0], span[1], zone));
            }
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("room", room.id());
            day.put("booked", booked);
            day.put("used", used);
            days.add(day);
        }
        return days;
    }

    /**
     * When a room was in use, from its samples ({@code [ts millis, occupied 0/1]}, in time order): spans from a sample
     * saying occupied to the next saying free, a pause shorter than {@link #PAUSE_MILLIS} joined into the span around
     * it. A motion sensor that flickers (or a busy room's counter passing through 0) would otherwise make a span of
     * every few seconds: thousands a day for a strip a few hundred pixels wide, all of them sent and drawn again.
     *
     * @param inUse whether the room was in use when the day's strip starts
     * @param until the end of a span still open (now, or the strip's end), or null when the strip has not begun
     * @return {@code [from, to]} millis, in order, none closer than {@link #PAUSE_MILLIS} to the next
     */
    static List<long[]> used(boolean inUse, List<long[]> samples, long start, Long until) {
        List<long[]> spans = new ArrayList<>();
        Long since = inUse ? start : null;
        for (long[] sample : samples) {
            if (sample[1] == 1 && since == null) {
                long[] last = spans.isEmpty() ? null : spans.getLast();
                if (last != null && sample[0] - last[1] < PAUSE_MILLIS) {
                    since = spans.removeLast()[0];
                } else {
                    since = sample[0];
                }
            } else if (sample[1] == 0 && since != null) {
                spans.add(new long[] {since, sample[0]});
                since = null;
            }
        }
        if (since != null && until != null) {
            spans.add(new long[] {since, until});
        }
        return spans;
    }

    private static Map<String, Object> span(long fromMillis, long toMillis, ZoneId zone) {
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("from", Times.format(Instant.ofEpochMilli(fromMillis), zone));
        span.put("to", Times.format(Instant.ofEpochMilli(toMillis), zone));
        return span;
    }

    /** The starts of the hours a hub is open on a day, in its zone (an hour that starts before opening included). */
    private static List<Instant> hours(Hub hub, LocalDate day) {
        ZoneId zone = hub.timezone();
        ZonedDateTime first = day.atTime(hub.opens()).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        ZonedDateTime close = day.atTime(hub.closes()).atZone(zone);
        if (!close.isAfter(first)) {
            close = close.plusDays(1);
        }
        List<Instant> starts = new ArrayList<>();
        for (ZonedDateTime h = first; h.isBefore(close); h = h.plusHours(1)) {
            starts.add(h.toInstant());
        }
        return starts;
    }

    /** Today's latest calls in the hub, newest first; each with its ticket's id when {@code withTickets}. */
    List<Map<String, Object>> calls(Hub hub, int limit, boolean withTickets) {
        String today = LocalDate.ofInstant(clock.instant(), hub.timezone()).toString();
        return db.read(c -> Sql.list(c, """
                SELECT id, number, service_id, counter_id, called_ts FROM ticket
                WHERE hub_id = ? AND day = ? AND called_ts IS NOT NULL AND counter_id IS NOT NULL
                ORDER BY called_ts DESC, seq DESC LIMIT ?""", rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("counter", rs.getString("counter_id"));
                    row.put("service", rs.getString("service_id"));
                    row.put("number", rs.getString("number"));
                    if (withTickets) {
                        row.put("ticket", rs.getString("id"));
                    }
                    row.put("called", Times.format(Instant.ofEpochSecond(rs.getLong("called_ts")), hub.timezone()));
                    return row;
                }, hub.id(), today, limit));
    }

    /** How many of the rows (epoch seconds) fall in each hour; rows before the first hour count in it. */
    private static int[] perHour(Connection c, String sql, String hubId, String day, List<Instant> starts)
            throws SQLException {
        int[] counts = new int[starts.size()];
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, hubId);
            st.setString(2, day);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int i = hourOf(Instant.ofEpochSecond(rs.getLong(1)), starts);
                    if (i >= 0) {
                        counts[i]++;
                    }
                }
            }
        }
        return counts;
    }

    /** The hour an instant falls in; before opening counts in the first hour, after closing in none. */
    private static int hourOf(Instant t, List<Instant> starts) {
        if (starts.isEmpty() || !t.isBefore(starts.getLast().plus(Duration.ofHours(1)))) {
            return -1;
        }
        for (int i = starts.size() - 1; i >= 0; i--) {
            if (!t.isBefore(starts.get(i))) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The most people the counted rooms held at the same moment in each hour: the samples replayed in time order,
     * each room at its last count, starting from each room's last count before the first hour.
     */
    private static int[] peaks(Connection c, List<Room> rooms, List<Instant> starts, Instant now)
            throws SQLException {
        int[] peaks = new int[starts.size()];
        if (starts.isEmpty() || rooms.isEmpty()) {
            return peaks;
        }
        long from = starts.getFirst().toEpochMilli();
        Map<String, Integer> counts = new HashMap<>();
        for (Room room : rooms) {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT count FROM occupancy_sample WHERE room_id = ? AND ts < ? AND count IS NOT NULL
                    ORDER BY ts DESC LIMIT 1""")) {
                st.setString(1, room.id());
                st.setLong(2, from);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        counts.put(room.id(), rs.getInt(1));
                    }
                }
            }
        }
        int sum = counts.values().stream().mapToInt(Integer::intValue).sum();
        int hour = 0;
        peaks[0] = sum;
        String marks = String.join(",", rooms.stream().map(r -> "?").toList());
        try (PreparedStatement st = c.prepareStatement("SELECT room_id, ts, count FROM occupancy_sample"
                + " WHERE room_id IN (" + marks + ") AND ts >= ? AND ts <= ? AND count IS NOT NULL ORDER BY ts")) {
            int i = 1;
            for (Room room : rooms) {
                st.setString(i++, room.id());
            }
            st.setLong(i++, from);
            st.setLong(i, now.toEpochMilli());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int at = hourOf(Instant.ofEpochMilli(rs.getLong(2)), starts);
                    if (at < 0) {
                        break;
                    }
                    // hours without a sample hold what the hour before ended with
                    while (hour < at) {
                        peaks[++hour] = sum;
                    }
                    Integer before = counts.put(rs.getString(1), rs.getInt(3));
                    sum += rs.getInt(3) - (before == null ? 0 : before);
                    peaks[hour] = Math.max(peaks[hour], sum);
                }
            }
        }
        int current = hourOf(now, starts);
        while (hour < current) {
            peaks[++hour] = sum;
        }
        return peaks;
    }

    /** Today's ratings of the hub and of its tickets, bookings and visits, as counts of 1 to 5. */
    private static int[] ratings(Connection c, String hubId, long from, long to) throws SQLException {
        int[] faces = new int[5];
        try (PreparedStatement st = c.prepareStatement("""
                SELECT f.rating, count(*) FROM feedback f
                WHERE f.at_ts >= ? AND f.at_ts < ? AND (
                     (f.item_kind = 'ticket' AND f.item_id IN (SELECT id FROM ticket WHERE hub_id = ?))
                  OR (f.item_kind = 'booking' AND f.item_id IN (SELECT CAST(id AS TEXT) FROM booking WHERE hub_id = ?))
                  OR (f.item_kind = 'checkin' AND f.item_id IN (SELECT CAST(id AS TEXT) FROM checkin WHERE hub_id = ?))
                  OR (f.item_kind = 'hub' AND f.hub_id = ?))
                GROUP BY f.rating""")) {
            st.setLong(1, from);
            st.setLong(2, to);
            for (int i = 3; i <= 6; i++) {
                st.setString(i, hubId);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int rating = rs.getInt(1);
                    if (rating >= 1 && rating <= 5) {
                        faces[rating - 1] = rs.getInt(2);
                    }
                }
            }
        }
        return faces;
    }
}
