package org.linli.central.live;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.catalogue.Hub;
import org.linli.central.checkin.Checkins;
import org.linli.central.events.FiguresEvent;
import org.linli.central.store.Database;

/** Today's numbers of a hub for the dashboard and the monthly report: visits, tickets, bookings, wait, rating. */
public final class Figures {
    private final Database db;
    private final Checkins checkins;
    private final Clock clock;

    public Figures(Database db, Checkins checkins, Clock clock) {
        this.db = db;
        this.checkins = checkins;
        this.clock = clock;
    }

    public FiguresEvent today(Hub hub) {
        LocalDate day = LocalDate.now(clock.withZone(hub.timezone()));
        long from = day.atStartOfDay(hub.timezone()).toEpochSecond();
        long to = ZonedDateTime.of(day.plusDays(1).atStartOfDay(), hub.timezone()).toEpochSecond();
        Map<String, Object> visits = checkins.figures(hub, day);
        Map<String, Integer> byWhat = new LinkedHashMap<>();
        if (visits.get("byService") instanceof Map<?, ?> services) {
            services.forEach((k, v) -> byWhat.put(String.valueOf(k), (Integer) v));
        }
        if (visits.get("byActivity") instanceof Map<?, ?> activities) {
            activities.forEach((k, v) -> byWhat.put(String.valueOf(k), (Integer) v));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT count(*), avg(CASE WHEN called_ts IS NOT NULL THEN (called_ts - queued_ts) / 60.0 END)
                    FROM ticket WHERE hub_id = ? AND day = ?""")) {
                st.setString(1, hub.id());
                st.setString(2, day.toString());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    body.put("tickets", rs.getInt(1));
                    double wait = rs.getDouble(2);
                    body.put("averageWaitMinutes", rs.wasNull() ? null : Math.round(wait * 10) / 10.0);
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*) FROM booking WHERE hub_id = ? AND start_ts >= ? AND start_ts < ?")) {
                st.setString(1, hub.id());
                st.setLong(2, from);
                st.setLong(3, to);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    body.put("bookings", rs.getInt(1));
                }
            }
            // Ratings of tickets, bookings and visits belong to a hub through their item; ratings of the hub name it.
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT avg(f.rating) FROM feedback f
                    WHERE f.at_ts >= ? AND f.at_ts < ? AND (
                         (f.item_kind = 'ticket' AND f.item_id IN (SELECT id FROM ticket WHERE hub_id = ?))
                      OR (f.item_kind = 'booking' AND f.item_id IN (SELECT CAST(id AS TEXT) FROM booking WHERE hub_id = ?))
                      OR (f.item_kind = 'checkin' AND f.item_id IN (SELECT CAST(id AS TEXT) FROM checkin WHERE hub_id = ?))
                      OR (f.item_kind = 'hub' AND f.hub_id = ?))""")) {
                st.setLong(1, from);
                st.setLong(2, to);
                st.setString(3, hub.id());
                st.setString(4, hub.id());
                st.setString(5, hub.id());
                st.setString(6, hub.id());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    double rating = rs.getDouble(1);
                    body.put("averageRating", rs.wasNull() ? null : Math.round(rating * 10) / 10.0);
                }
            }
            return null;
        });
        return new FiguresEvent(hub.id(), day.toString(), byWhat, (Integer) visits.get("total"),
                (Integer) body.get("tickets"), (Double) body.get("averageWaitMinutes"), (Integer) body.get("bookings"),
                (Double) body.get("averageRating"));
    }
}
