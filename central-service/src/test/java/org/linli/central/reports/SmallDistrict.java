package org.linli.central.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A hand-countable data set written into the service's own database as the features would have stored it: the
 * demo street hub wutong66 (Shanghai) on Monday 2 March 2026 and the day before, and a residential hub "ponsonby"
 * under it in Auckland (UTC+13 then), whose own day 2 March starts at 11:00 UTC on 1 March. ReportsIT states the
 * expected figures next to each row.
 */
final class SmallDistrict {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    private SmallDistrict() {
    }

    static long sec(ZoneId zone, String localTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localTime), zone).toEpochSecond();
    }

    static void write(Connection c) throws SQLException {
        exec(c, "INSERT INTO resident (id, phone_hmac, phone_last4, created_ts, last_seen_ts) VALUES "
                + "(901, 'h901', '0001', 0, 0), (902, 'h902', '0002', 0, 0), (903, 'h903', '0003', 0, 0), "
                + "(904, 'h904', '0004', 0, 0)");
        // an activity on the day: 2 confirmed, 1 waiting list, 1 cancelled; 901 checked in, so attendance was
        // taken and 902 missed it (docs/decisions/0024)
        exec(c, "INSERT INTO activity (id, hub_id, room_id, title_zh, title_en, start_ts, end_ts, capacity) VALUES "
                + "('act-d', 'wutong66', 'classroom', '书法课', 'Calligraphy', " + sec(SHANGHAI, "2026-03-02T10:00")
                + ", " + sec(SHANGHAI, "2026-03-02T11:30") + ", 20)");
        exec(c, "INSERT INTO activity_signup (activity_id, resident_id, status, created_ts) VALUES "
                + "('act-d', 901, 'confirmed', 0), ('act-d', 902, 'confirmed', 0), ('act-d', 903, 'waitlisted', 0), "
                + "('act-d', 904, 'cancelled', 0)");
        // and one nobody checked in to: no attendance taken, so its confirmed sign-up is not missed
        exec(c, "INSERT INTO activity (id, hub_id, room_id, title_zh, title_en, start_ts, end_ts, capacity) VALUES "
                + "('act-e', 'wutong66', 'classroom', '象棋', 'Chess', " + sec(SHANGHAI, "2026-03-02T14:00")
                + ", " + sec(SHANGHAI, "2026-03-02T15:00") + ", 10)");
        exec(c, "INSERT INTO activity_signup (activity_id, resident_id, status, created_ts) VALUES "
                + "('act-e', 903, 'confirmed', 0)");

        // visits on 2 March in Shanghai: legal 2, the activity 1, other 2 (one a second before midnight) = 5
        checkin(c, 1, "wutong66", "legal", null, sec(SHANGHAI, "2026-03-02T09:00"), "2026-03-02");
        checkin(c, 2, "wutong66", "legal", null, sec(SHANGHAI, "2026-03-02T09:30"), "2026-03-02");
        checkin(c, 3, "wutong66", null, "act-d", sec(SHANGHAI, "2026-03-02T09:55"), "2026-03-02");
        exec(c, "UPDATE checkin SET resident_id = 901 WHERE id = 3");
        checkin(c, 4, "wutong66", null, null, sec(SHANGHAI, "2026-03-02T12:00"), "2026-03-02");
        checkin(c, 5, "wutong66", null, null, sec(SHANGHAI, "2026-03-02T23:59:59"), "2026-03-02");
        // ... and the next midnight belongs to 3 March; 1 March had one visit
        checkin(c, 6, "wutong66", null, null, sec(SHANGHAI, "2026-03-03T00:00"), "2026-03-03");
        checkin(c, 7, "wutong66", null, null, sec(SHANGHAI, "2026-03-01T15:00"), "2026-03-01");
        // Auckland: 00:30 on its 2 March is still 1 March in Shanghai and UTC
        checkin(c, 8, "ponsonby", null, null, sec(AUCKLAND, "2026-03-02T00:30"), "2026-03-02");

        // tickets of legal (D) on 2 March: waits 5 and 20 min; L3 was transferred to repairs, where it waited 40
        ticket(c, "L1", "legal", "done", "2026-03-02T09:00", "2026-03-02T09:05", null);
        ticket(c, "L2", "legal", "no_show", "2026-03-02T09:00", "2026-03-02T09:20", null);
        ticket(c, "L3", "legal", "transferred", "2026-03-02T09:10", "2026-03-02T09:40", "L4");
        ticket(c, "L4", "repairs", "done", "2026-03-02T09:10", "2026-03-02T09:50", null);
        ticket(c, "L5", "legal", "waiting", "2026-03-02T10:00", null, null);

        // classroom bookings: booked within 08:00-21:00 = 120 + 60 + 60 = 240 min; 1 released, 1 cancelled;
        // one of the evening before runs past midnight but not into opening hours and is not the day's
        booking(c, 11, "wutong66", "classroom", "2026-03-02T10:00", "2026-03-02T12:00", "active", SHANGHAI);
        booking(c, 12, "wutong66", "classroom", "2026-03-02T13:00", "2026-03-02T14:00", "used", SHANGHAI);
        booking(c, 13, "wutong66", "classroom", "2026-03-02T15:00", "2026-03-02T16:00", "released", SHANGHAI);
        booking(c, 14, "wutong66", "classroom", "2026-03-02T16:00", "2026-03-02T17:00", "cancelled", SHANGHAI);
        booking(c, 15, "wutong66", "classroom", "2026-03-02T20:00", "2026-03-02T22:00", "active", SHANGHAI);
        booking(c, 16, "wutong66", "classroom", "2026-03-01T23:00", "2026-03-02T01:00", "active", SHANGHAI);
        // staff blocked the classroom 18:00-19:00 for maintenance: no booking, no booked time
        booking(c, 18, "wutong66", "classroom", "2026-03-02T18:00", "2026-03-02T19:00", "active", SHANGHAI);
        try (PreparedStatement st = c.prepareStatement("UPDATE booking SET kind = 'maintenance' WHERE id = 18")) {
            st.executeUpdate();
        }
        // Auckland's room, 09:00-10:00 on its 2 March (1 March 20:00 UTC)
        booking(c, 17, "ponsonby", "pon-room", "2026-03-02T09:00", "2026-03-02T10:00", "used", AUCKLAND);

        // classroom sensors: 3 people since the evening before until 01:00, 10 people 10:00-11:30
        sample(c, 1, "classroom", "2026-03-01T22:00", 1, 3);
        sample(c, 2, "classroom", "2026-03-02T01:00", 0, 0);
        sample(c, 3, "classroom", "2026-03-02T10:00", 1, 10);
        sample(c, 4, "classroom", "2026-03-02T11:30", 0, 0);

        // ratings: 5 (visit), 4 (ticket), 2 (the hub, a second before midnight); the 1 at midnight is 3 March's
        rating(c, "checkin", "1", 5, sec(SHANGHAI, "2026-03-02T10:00"), "wutong66");
        rating(c, "ticket", "L1", 4, sec(SHANGHAI, "2026-03-02T09:10"), "wutong66");
        rating(c, "hub", "k-1", 2, sec(SHANGHAI, "2026-03-02T23:59:59"), "wutong66");
        rating(c, "hub", "k-2", 1, sec(SHANGHAI, "2026-03-03T00:00"), "wutong66");
        // Auckland: the 3 at its midnight is its 2 March's, the 4 a second before is its 1 March's
        rating(c, "hub", "k-3", 3, sec(AUCKLAND, "2026-03-02T00:00"), "ponsonby");
        rating(c, "hub", "k-4", 4, sec(AUCKLAND, "2026-03-01T23:59:59"), "ponsonby");
    }

    private static void checkin(Connection c, long id, String hub, String service, String activity, long at,
            String day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO checkin (id, hub_id, kind, service_id, "
                + "activity_id, at_ts, day) VALUES (?, ?, 'phone', ?, ?, ?, ?)")) {
            st.setLong(1, id);
            st.setString(2, hub);
            st.setString(3, service);
            st.setString(4, activity);
            st.setLong(5, at);
            st.setString(6, day);
            st.executeUpdate();
        }
    }

    private static void ticket(Connection c, String id, String service, String state, String queued, String called,
            String transferredTo) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO ticket (id, hub_id, service_id, day, seq, number, "
                + "state, queued_ts, created_ts, called_ts, transferred_to) VALUES (?, 'wutong66', ?, '2026-03-02', ?, "
                + "?, ?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, service);
            st.setInt(3, Integer.parseInt(id.substring(1)));
            st.setString(4, id);
            st.setString(5, state);
            st.setLong(6, sec(SHANGHAI, queued));
            st.setLong(7, sec(SHANGHAI, queued));
            if (called == null) {
                st.setNull(8, java.sql.Types.INTEGER);
            } else {
                st.setLong(8, sec(SHANGHAI, called));
            }
            st.setString(9, transferredTo);
            st.executeUpdate();
        }
    }

    static void booking(Connection c, long id, String hub, String room, String start, String end, String status,
            ZoneId zone) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO booking (id, hub_id, room_id, start_ts, end_ts, "
                + "attendees, purpose, status, created_ts, changed_ts) VALUES (?, ?, ?, ?, ?, 2, "
                + "'张三 13800000000 生日会', ?, ?, ?)")) {
            st.setLong(1, id);
            st.setString(2, hub);
            st.setString(3, room);
            st.setLong(4, sec(zone, start));
            st.setLong(5, sec(zone, end));
            st.setString(6, status);
            st.setLong(7, sec(zone, start) - 86_400);
            st.setLong(8, sec(zone, start) - 86_400);
            st.executeUpdate();
        }
    }

    private static void sample(Connection c, int seq, String room, String at, int occupied, int count)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO occupancy_sample (device_id, seq, room_id, ts, "
                + "occupied, count, source) VALUES ('classroom-sensor', ?, ?, ?, ?, ?, 'beam')")) {
            st.setInt(1, seq);
            st.setString(2, room);
            st.setLong(3, sec(SHANGHAI, at) * 1000);
            st.setInt(4, occupied);
            st.setInt(5, count);
            st.executeUpdate();
        }
    }

    private static void rating(Connection c, String kind, String item, int rating, long at, String hub)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO feedback (item_kind, item_id, rating, at_ts, "
                + "hub_id) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, kind);
            st.setString(2, item);
            st.setInt(3, rating);
            st.setLong(4, at);
            st.setString(5, hub);
            st.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
