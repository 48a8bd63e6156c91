package org.linli.central.calendar;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.linli.central.store.Database;

/**
 * What a feed shows, read from the bookings and activities: times, state and the database's change counter, and
 * nothing about who booked (no phone, no name, and not the purpose a resident typed: anyone holding the URL of a
 * feed reads it).
 */
public final class CalendarEntries {
    private final Database db;

    public CalendarEntries(Database db) {
        this.db = db;
    }

    /** A booking; {@code kind} is resident or maintenance (a room staff blocked), whose reason stays out too. */
    public record BookingEntry(long id, String roomId, Instant start, Instant end, String status, String kind,
            int sequence, Instant created, Instant changed) {
        public boolean maintenance() {
            return kind.equals("maintenance");
        }
    }

    public record ActivityEntry(String id, String roomId, String titleZh, String titleEn, Instant start, Instant end,
            int sequence, boolean cancelled) {
    }

    /** Bookings of the rooms that overlap [from, to), cancelled and released ones included. */
    public List<BookingEntry> bookings(List<String> roomIds, Instant from, Instant to) {
        return db.read(c -> {
            List<BookingEntry> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, room_id, start_ts, end_ts, status, kind, sequence, created_ts, changed_ts FROM booking
                    WHERE room_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts, id""")) {
                for (String room : roomIds) {
                    st.setString(1, room);
                    // a booking lasts at most a day
                    st.setLong(2, from.getEpochSecond() - 24 * 3600);
                    st.setLong(3, to.getEpochSecond());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getLong("end_ts") <= from.getEpochSecond()) {
                                continue;
                            }
                            out.add(new BookingEntry(rs.getLong("id"), rs.getString("room_id"),
                                    Instant.ofEpochSecond(rs.getLong("start_ts")),
                                    Instant.ofEpochSecond(rs.getLong("end_ts")), rs.getString("status"),
                                    rs.getString("kind"), rs.getInt("sequence"), Instant.ofEpochSecond(rs.getLong("created_ts")),
                                    Instant.ofEpochSecond(rs.getLong("changed_ts"))));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Activities of the hub starting in [from, to); of one room when {@code roomId} is set. */
    public List<ActivityEntry> activities(String hubId, String roomId, Instant from, Instant to) {
        return db.read(c -> {
            List<ActivityEntry> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, room_id, title_zh, title_en, start_ts, end_ts, sequence, cancelled_ts FROM activity
                    WHERE hub_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts, id""")) {
                st.setString(1, hubId);
                st.setLong(2, from.getEpochSecond());
                st.setLong(3, to.getEpochSecond());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (roomId != null && !roomId.equals(rs.getString("room_id"))) {
                            continue;
                        }
                        out.add(new ActivityEntry(rs.getString("id"), rs.getString("room_id"),
                                rs.getString("title_zh"), rs.getString("title_en"),
                                Instant.ofEpochSecond(rs.getLong("start_ts")),
                                Instant.ofEpochSecond(rs.getLong("end_ts")), rs.getInt("sequence"),
                                rs.getObject("cancelled_ts") != null));
                    }
                }
            }
            return out;
        });
    }
}
