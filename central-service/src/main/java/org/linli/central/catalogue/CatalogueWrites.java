package org.linli.central.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The catalogue's rows as written: an upsert by id per kind, inside the caller's transaction ({@link Catalogue}). */
final class CatalogueWrites {
    private CatalogueWrites() {
    }

    static int upsert(Connection c, Hub hub) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO hub (id, level, parent, name_zh, name_en, timezone, opens, closes, capacity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET level = excluded.level, parent = excluded.parent,
                    name_zh = excluded.name_zh, name_en = excluded.name_en, timezone = excluded.timezone,
                    opens = excluded.opens, closes = excluded.closes, capacity = excluded.capacity""")) {
            st.setString(1, hub.id());
            st.setString(2, hub.level());
            st.setString(3, hub.parent());
            st.setString(4, hub.name().zh());
            st.setString(5, hub.name().en());
            st.setString(6, hub.timezone().getId());
            st.setString(7, hub.opens().toString());
            st.setString(8, hub.closes().toString());
            if (hub.capacity() == null) {
                st.setNull(9, java.sql.Types.INTEGER);
            } else {
                st.setInt(9, hub.capacity());
            }
            return st.executeUpdate();
        }
    }

    static int upsert(Connection c, Room room) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO room (id, hub_id, name_zh, name_en, capacity, facilities, slot_minutes, min_minutes,
                    max_minutes, lead_minutes, max_days_ahead, max_active_per_resident)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET hub_id = excluded.hub_id, name_zh = excluded.name_zh,
                    name_en = excluded.name_en, capacity = excluded.capacity, facilities = excluded.facilities,
                    slot_minutes = excluded.slot_minutes, min_minutes = excluded.min_minutes,
                    max_minutes = excluded.max_minutes, lead_minutes = excluded.lead_minutes,
                    max_days_ahead = excluded.max_days_ahead,
                    max_active_per_resident = excluded.max_active_per_resident""")) {
            Room.Rules r = room.rules();
            st.setString(1, room.id());
            st.setString(2, room.hubId());
            st.setString(3, room.name().zh());
            st.setString(4, room.name().en());
            st.setInt(5, room.capacity());
            st.setString(6, String.join(",", room.facilities()));
            st.setInt(7, r.slotMinutes());
            st.setInt(8, r.minMinutes());
            st.setInt(9, r.maxMinutes());
            st.setInt(10, r.leadMinutes());
            st.setInt(11, r.maxDaysAhead());
            st.setInt(12, r.maxActivePerResident());
            return st.executeUpdate();
        }
    }

    static int upsert(Connection c, ServiceItem service) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO service (id, hub_id, letter, name_zh, name_en, typical_minutes)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET hub_id = excluded.hub_id, letter = excluded.letter,
                    name_zh = excluded.name_zh, name_en = excluded.name_en,
                    typical_minutes = excluded.typical_minutes""")) {
            st.setString(1, service.id());
            st.setString(2, service.hubId());
            st.setString(3, service.letter());
            st.setString(4, service.name().zh());
            st.setString(5, service.name().en());
            st.setInt(6, service.typicalMinutes());
            return st.executeUpdate();
        }
    }

    static void upsert(Connection c, Counter counter) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO counter (id, hub_id, name_zh, name_en) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET hub_id = excluded.hub_id, name_zh = excluded.name_zh,
                    name_en = excluded.name_en""")) {
            st.setString(1, counter.id());
            st.setString(2, counter.hubId());
            st.setString(3, counter.name().zh());
            st.setString(4, counter.name().en());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM counter_service WHERE counter_id = ?")) {
            st.setString(1, counter.id());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO counter_service (counter_id, service_id) VALUES (?, ?)")) {
            for (String service : counter.services()) {
                st.setString(1, counter.id());
                st.setString(2, service);
                st.executeUpdate();
            }
        }
    }

    static int upsert(Connection c, Activity activity) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO activity (id, hub_id, room_id, title_zh, title_en, start_ts, end_ts, capacity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET hub_id = excluded.hub_id, room_id = excluded.room_id,
                    title_zh = excluded.title_zh, title_en = excluded.title_en, start_ts = excluded.start_ts,
                    end_ts = excluded.end_ts, capacity = excluded.capacity""")) {
            st.setString(1, activity.id());
            st.setString(2, activity.hubId());
            st.setString(3, activity.roomId());
            st.setString(4, activity.title().zh());
            st.setString(5, activity.title().en());
            st.setLong(6, activity.start().getEpochSecond());
            st.setLong(7, activity.end().getEpochSecond());
            st.setInt(8, activity.capacity());
            return st.executeUpdate();
        }
    }
}
