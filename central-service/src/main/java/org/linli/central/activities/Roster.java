package org.linli.central.activities;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.catalogue.Activity;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Room;
import org.linli.central.store.Database;
import org.linli.central.web.Times;

/**
 * An activity's roster for staff: its sign-ups in the order the waitlist moves (confirmed first, then the waitlist,
 * then the cancelled), whether each resident checked in for it, and the resident as the last four digits of their
 * phone only: the keyed hash identifies them across hubs and never leaves the database.
 */
public final class Roster {
    private final Database db;
    private final Catalogue catalogue;

    public Roster(Database db, Catalogue catalogue) {
        this.db = db;
        this.catalogue = catalogue;
    }

    /** The answer of {@code GET /api/v1/activities/{id}/signups}, its times in the hub's zone. */
    public Map<String, Object> of(Activity activity) {
        Hub hub = catalogue.requireHub(activity.hubId());
        List<Map<String, Object>> signups = db.read(c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            // the waitlist's order is the one Activities.cancel promotes by: created_ts, then id
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT s.id, s.status, s.created_ts, s.via, r.phone_last4,
                        CASE WHEN EXISTS (SELECT 1 FROM checkin k WHERE k.activity_id = s.activity_id
                            AND k.resident_id = s.resident_id) THEN 1 ELSE 0 END
                    FROM activity_signup s LEFT JOIN resident r ON r.id = s.resident_id
                    WHERE s.activity_id = ?
                    ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                        s.created_ts, s.id""")) {
                st.setString(1, activity.id());
                try (ResultSet rs = st.executeQuery()) {
                    int waiting = 0;
                    while (rs.next()) {
                        String status = rs.getString(2);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("id", rs.getLong(1));
                        row.put("status", status);
                        row.put("position", status.equals("waitlisted") ? ++waiting : 0);
                        row.put("created", Times.format(Instant.ofEpochSecond(rs.getLong(3)), hub.timezone()));
                        row.put("via", rs.getString(4));
                        row.put("checkedIn", rs.getInt(6) == 1);
                        row.put("phoneLast4", rs.getString(5));
                        rows.add(row);
                    }
                }
            }
            return rows;
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activity", summary(activity, hub));
        body.put("confirmed", count(signups, "confirmed"));
        body.put("waitlisted", count(signups, "waitlisted"));
        body.put("checkedIn", signups.stream().filter(s -> s.get("status").equals("confirmed")
                && (Boolean) s.get("checkedIn")).count());
        body.put("signups", signups);
        return body;
    }

    private Map<String, Object> summary(Activity activity, Hub hub) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", activity.id());
        a.put("hub", activity.hubId());
        a.put("title", activity.title());
        a.put("room", activity.roomId());
        a.put("roomName", catalogue.room(activity.roomId()).map(Room::name).orElse(null));
        a.put("start", Times.format(activity.start(), hub.timezone()));
        a.put("end", Times.format(activity.end(), hub.timezone()));
        a.put("capacity", activity.capacity());
        a.put("cancelled", activity.cancelled());
        return a;
    }

    private static long count(List<Map<String, Object>> signups, String status) {
        return signups.stream().filter(s -> s.get("status").equals(status)).count();
    }
}
