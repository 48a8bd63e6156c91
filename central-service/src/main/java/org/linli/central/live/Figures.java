package org.linli.central.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.catalogue.Hub;
import org.linli.central.checkin.Checkins;
import org.linli.central.events.FiguresEvent;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

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
        record Tickets(int count, Double averageWaitMinutes) {
        }
        Tickets tickets = db.read(c -> Sql.one(c, """
                SELECT count(*), avg(CASE WHEN called_ts IS NOT NULL THEN (called_ts - queued_ts) / 60.0 END)
                FROM ticket WHERE hub_id = ? AND day = ?""", rs -> new Tickets(rs.getInt(1), tenths(rs, 2)),
                hub.id(), day.toString())).orElseThrow();
        int bookings = db.read(c -> Sql.number(c,
                "SELECT count(*) FROM booking WHERE hub_id = ? AND kind = 'resident' AND start_ts >= ? AND start_ts < ?",
                hub.id(), from,
                to));
        // Ratings of tickets, bookings and visits belong to a hub through their item; ratings of the hub name it.
        Double rating = db.read(c -> Sql.one(c, """
                SELECT avg(f.rating) FROM feedback f
                WHERE f.at_ts >= ? AND f.at_ts < ? AND (
                     (f.item_kind = 'ticket' AND f.item_id IN (SELECT id FROM ticket WHERE hub_id = ?))
                  OR (f.item_kind = 'booking' AND f.item_id IN (SELECT CAST(id AS TEXT) FROM booking WHERE hub_id = ?))
                  OR (f.item_kind = 'checkin' AND f.item_id IN (SELECT CAST(id AS TEXT) FROM checkin WHERE hub_id = ?))
                  OR (f.item_kind = 'hub' AND f.hub_id = ?))""", rs -> tenths(rs, 1), from, to, hub.id(), hub.id(),
                hub.id(), hub.id())).orElse(null);
        return new FiguresEvent(hub.id(), day.toString(), byWhat, (Integer) visits.get("total"), tickets.count(),
                tickets.averageWaitMinutes(), bookings, rating);
    }

    /** A nullable average, rounded to tenths. */
    private static Double tenths(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 10) / 10.0;
    }
}
