package org.linli.central.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The rows of a hub's week and closures (V170); the hub's own opens/closes when its week was never set. */
final class HoursStore {
    private HoursStore() {
    }

    static OpeningHours read(Connection c, Hub hub) throws SQLException {
        Map<DayOfWeek, OpeningHours.Day> week = new EnumMap<>(DayOfWeek.class);
        boolean set = false;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT weekday, opens, closes FROM hub_weekday_hours WHERE hub_id = ?")) {
            st.setString(1, hub.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    set = true;
                    if (rs.getString("opens") != null) {
                        week.put(DayOfWeek.of(rs.getInt("weekday")), new OpeningHours.Day(
                                LocalTime.parse(rs.getString("opens")), LocalTime.parse(rs.getString("closes"))));
                    }
                }
            }
        }
        SortedMap<LocalDate, String> closures = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT day, reason FROM hub_closure WHERE hub_id = ?")) {
            st.setString(1, hub.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    closures.put(LocalDate.parse(rs.getString("day")), rs.getString("reason"));
                }
            }
        }
        OpeningHours base = set ? new OpeningHours(week, closures) : OpeningHours.everyDay(hub.opens(), hub.closes());
        return new OpeningHours(base.week(), closures);
    }

    static void replace(Connection c, String hubId, OpeningHours hours) throws SQLException {
        for (String table : new String[] {"hub_weekday_hours", "hub_closure"}) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE hub_id = ?")) {
                st.setString(1, hubId);
                st.executeUpdate();
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO hub_weekday_hours (hub_id, weekday, opens, closes) VALUES (?, ?, ?, ?)")) {
            for (DayOfWeek day : DayOfWeek.values()) {
                OpeningHours.Day hours1 = hours.week().get(day);
                st.setString(1, hubId);
                st.setInt(2, day.getValue());
                st.setString(3, hours1 == null ? null : hours1.open().toString());
                st.setString(4, hours1 == null ? null : hours1.close().toString());
                st.executeUpdate();
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO hub_closure (hub_id, day, reason) VALUES (?, ?, ?)")) {
            for (Map.Entry<LocalDate, String> closure : hours.closures().entrySet()) {
                st.setString(1, hubId);
                st.setString(2, closure.getKey().toString());
                st.setString(3, closure.getValue());
                st.executeUpdate();
            }
        }
    }
}
