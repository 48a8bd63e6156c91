package org.linli.central.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the figures of closed (and today's open) days into the report tables, and how far each hub is closed. */
final class DayStore {
    private static final String[] TABLES = {"report_hub_day", "report_service_day", "report_room_day",
            "report_activity_day"};

    /** Replaces what was kept for each hub-day with the new figures: running a day twice changes nothing. */
    void put(Connection c, List<DayFigures> days, long now) throws SQLException {
        for (String table : TABLES) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE hub_id = ? AND day = ?")) {
                for (DayFigures d : days) {
                    st.setString(1, d.hubId());
                    st.setString(2, d.day().toString());
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        StringBuilder hours = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            hours.append(String.format(", h%02d", h));
            marks.append(", ?");
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO report_hub_day (hub_id, day, weekday, open_minutes, visits, tickets, served, no_shows,
                    bookings, released, cancelled, room_open_minutes, booked_minutes, sensed_minutes, sensed_rooms,
                    ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, signups, waitlisted,
                    attended, attendance_signups, signup_no_shows, devices, devices_online, computed_ts""" + hours
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                + marks + ")")) {
            for (DayFigures d : days) {
                int i = 1;
                st.setString(i++, d.hubId());
                st.setString(i++, d.day().toString());
                st.setInt(i++, d.day().getDayOfWeek().getValue());
                st.setInt(i++, d.openMinutes());
                st.setInt(i++, d.visits());
                st.setInt(i++, d.tickets());
                st.setInt(i++, d.served());
                st.setInt(i++, d.noShows());
                st.setInt(i++, d.bookings());
                st.setInt(i++, d.released());
                st.setInt(i++, d.cancelled());
                st.setInt(i++, d.roomOpenMinutes());
                st.setInt(i++, d.bookedMinutes());
                st.setInt(i++, d.sensedMinutes());
                st.setInt(i++, d.sensedRooms());
                st.setInt(i++, d.ratingCount());
                st.setInt(i++, d.ratingSum());
                for (int r = 0; r < 5; r++) {
                    st.setInt(i++, d.ratings()[r]);
                }
                st.setInt(i++, d.signups());
                st.setInt(i++, d.waitlisted());
                st.setInt(i++, d.attended());
                st.setInt(i++, d.attendanceSignups());
                st.setInt(i++, d.signupNoShows());
                st.setLong(i++, d.devices());
                st.setLong(i++, d.devicesOnline());
                st.setLong(i++, now);
                for (int h = 0; h < 24; h++) {
                    st.setLong(i++, d.personMinutes()[h]);
                }
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO report_service_day (hub_id, day, service_id, visits, tickets, served, no_shows, called,
                    wait_histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (DayFigures d : days) {
                for (DayFigures.ServiceDay s : d.services()) {
                    st.setString(1, d.hubId());
                    st.setString(2, d.day().toString());
                    st.setString(3, s.serviceId());
                    st.setInt(4, s.visits());
                    st.setInt(5, s.tickets());
                    st.setInt(6, s.served());
                    st.setInt(7, s.noShows());
                    st.setInt(8, s.called());
                    st.setString(9, s.waits().text());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO report_room_day (hub_id, day, room_id, open_minutes, bookings, booked_minutes,
                    sensed_minutes, released, cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (DayFigures d : days) {
                for (DayFigures.RoomDay r : d.rooms()) {
                    st.setString(1, d.hubId());
                    st.setString(2, d.day().toString());
                    st.setString(3, r.roomId());
                    st.setInt(4, r.openMinutes());
                    st.setInt(5, r.bookings());
                    st.setInt(6, r.bookedMinutes());
                    st.setInt(7, r.sensedMinutes());
                    st.setInt(8, r.released());
                    st.setInt(9, r.cancelled());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO report_activity_day (hub_id, day, activity_id, capacity, confirmed, waitlisted,
                    cancelled, attended, attendance_signups, missed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (DayFigures d : days) {
                for (DayFigures.ActivityDay a : d.activities()) {
                    st.setString(1, d.hubId());
                    st.setString(2, d.day().toString());
                    st.setString(3, a.activityId());
                    st.setInt(4, a.capacity());
                    st.setInt(5, a.confirmed());
                    st.setInt(6, a.waitlisted());
                    st.setInt(7, a.cancelled());
                    st.setInt(8, a.attended());
                    st.setInt(9, a.attendanceSignups());
                    st.setInt(10, a.missed());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    /** The columns summed from hub rows into roll-up rows. */
    private static final String ROLLED;

    static {
        StringBuilder cols = new StringBuilder("open_minutes, visits, tickets, served, no_shows, bookings, released, "
                + "cancelled, room_open_minutes, booked_minutes, sensed_minutes, sensed_rooms, ratings, rating_sum, "
                + "rating_1, rating_2, rating_3, rating_4, rating_5, signups, waitlisted, attended, "
                + "attendance_signups, signup_no_shows, devices, devices_online");
        for (int h = 0; h < 24; h++) {
            cols.append(String.format(", h%02d", h));
        }
        ROLLED = cols.toString();
    }

    /** Rewrites a street's or the district's row of a day from the rows of the hubs under it (itself included). */
    void rollUp(Connection c, String scopeId, java.util.Collection<String> hubs, LocalDate day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM report_rollup_day WHERE scope_id = ? AND day = ?")) {
            st.setString(1, scopeId);
            st.setString(2, day.toString());
            st.executeUpdate();
        }
        StringBuilder sums = new StringBuilder();
        for (String col : ROLLED.split(", ")) {
            sums.append(", sum(").append(col).append(")");
        }
        StringBuilder marks = new StringBuilder();
        hubs.forEach(h -> marks.append(marks.isEmpty() ? "?" : ", ?"));
        try (PreparedStatement st = c.prepareStatement("INSERT INTO report_rollup_day (scope_id, day, weekday, "
                + ROLLED + ", computed_ts) SELECT ?, day, min(weekday)" + sums + ", max(computed_ts) "
                + "FROM report_hub_day WHERE day = ? AND hub_id IN (" + marks + ") GROUP BY day")) {
            int i = 1;
            st.setString(i++, scopeId);
            st.setString(i++, day.toString());
            for (String hub : hubs) {
                st.setString(i++, hub);
            }
            st.executeUpdate();
        }
    }

    /** The last closed day of each hub that has one. */
    Map<String, LocalDate> closed(Connection c) throws SQLException {
        Map<String, LocalDate> closed = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT hub_id, through_day FROM report_closed");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                closed.put(rs.getString(1), LocalDate.parse(rs.getString(2)));
            }
        }
        return closed;
    }

    void close(Connection c, String hubId, LocalDate through) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO report_closed (hub_id, through_day) VALUES (?, ?)
                ON CONFLICT (hub_id) DO UPDATE SET through_day = excluded.through_day""")) {
            st.setString(1, hubId);
            st.setString(2, through.toString());
            st.executeUpdate();
        }
    }

    /** The first day a hub has anything to report, by its check-ins, tickets and bookings; null when none. */
    LocalDate firstDay(Connection c, String hubId, java.time.ZoneId zone) throws SQLException {
        LocalDate first = null;
        try (PreparedStatement st = c.prepareStatement("SELECT min(day) FROM checkin WHERE hub_id = ?")) {
            st.setString(1, hubId);
            first = earlier(first, text(st));
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT min(t.day) FROM service s JOIN ticket t ON t.service_id = s.id WHERE s.hub_id = ?""")) {
            st.setString(1, hubId);
            first = earlier(first, text(st));
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT min(b.start_ts) FROM room r JOIN booking b ON b.room_id = r.id WHERE r.hub_id = ?""")) {
            st.setString(1, hubId);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    long ts = rs.getLong(1);
                    if (!rs.wasNull()) {
                        first = earlier(first, java.time.Instant.ofEpochSecond(ts).atZone(zone).toLocalDate()
                                .toString());
                    }
                }
            }
        }
        return first;
    }

    private static String text(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static LocalDate earlier(LocalDate a, String b) {
        if (b == null) {
            return a;
        }
        LocalDate day = LocalDate.parse(b);
        return a == null || day.isBefore(a) ? day : a;
    }

    /** A hub's device samples of a day, {devices, of them online}: what closing the day copies into its row. */
    long[] devices(Connection c, String hubId, LocalDate day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT devices, online FROM report_device_day WHERE hub_id = ? AND day = ?")) {
            st.setString(1, hubId);
            st.setString(2, day.toString());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[2];
            }
        }
    }

    /**
     * Adds one sample of the devices online per hub to today's record of each hub (report_device_day); today's row
     * takes it when the day is next computed.
     */
    void sampleDevices(Connection c, Map<String, LocalDate> todayByHub) throws SQLException {
        Map<String, int[]> counts = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT d.hub_id, count(*), sum(CASE WHEN s.online = 1 THEN 1 ELSE 0 END)
                FROM device d LEFT JOIN device_state s ON s.device_id = d.id GROUP BY d.hub_id""");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
            }
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO report_device_day (hub_id, day, samples, devices, online) VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (hub_id, day) DO UPDATE SET samples = report_device_day.samples + 1,
                    devices = report_device_day.devices + excluded.devices,
                    online = report_device_day.online + excluded.online""")) {
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                LocalDate today = todayByHub.get(e.getKey());
                if (today == null) {
                    continue;
                }
                st.setString(1, e.getKey());
                st.setString(2, today.toString());
                st.setInt(3, e.getValue()[0]);
                st.setInt(4, e.getValue()[1]);
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
