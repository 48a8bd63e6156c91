package org.linli.central.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Room;
import org.linli.central.catalogue.ServiceItem;

/**
 * Computes a hub's day from the raw tables: check-ins, tickets, bookings, occupancy samples, feedback, activity
 * sign-ups. A day is the hub's own: midnight to midnight in its zone (23 or 25 hours across a DST change), and
 * opening hours are the hub's on that day. Nothing after {@code now} counts, so today's figures are those so far.
 */
final class DayAggregator {
    /** A booking lasts at most a day, so one that overlaps a day started at most a day before it. */
    private static final long LONGEST_BOOKING_SECONDS = 24 * 3600;

    /** A hub with what the job needs of its catalogue, read once per run. */
    record HubPlan(Hub hub, List<Room> rooms, List<ServiceItem> services) {
    }

    /** The day's ratings per hub (their ids), one query per zone since ratings name their hub. */
    Map<String, int[]> ratings(Connection c, ZoneId zone, LocalDate day, Instant now) throws SQLException {
        long from = day.atStartOfDay(zone).toEpochSecond();
        long to = Math.min(day.plusDays(1).atStartOfDay(zone).toEpochSecond(), now.getEpochSecond() + 1);
        Map<String, int[]> byHub = new HashMap<>();
        // Ratings from before hubs were named on the row (V51) find their hub through the item rated.
        try (PreparedStatement st = c.prepareStatement("""
                SELECT f.rating, COALESCE(f.hub_id, t.hub_id, b.hub_id, k.hub_id) AS hub
                FROM feedback f
                LEFT JOIN ticket t ON f.hub_id IS NULL AND f.item_kind = 'ticket' AND t.id = f.item_id
                LEFT JOIN booking b ON f.hub_id IS NULL AND f.item_kind = 'booking'
                    AND b.id = CASE WHEN f.item_kind = 'booking' THEN CAST(f.item_id AS BIGINT) END
                LEFT JOIN checkin k ON f.hub_id IS NULL AND f.item_kind = 'checkin'
                    AND k.id = CASE WHEN f.item_kind = 'checkin' THEN CAST(f.item_id AS BIGINT) END
                WHERE f.at_ts >= ? AND f.at_ts < ?""")) {
            st.setLong(1, from);
            st.setLong(2, to);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String hub = rs.getString(2);
                    int rating = rs.getInt(1);
                    if (hub != null && rating >= 1 && rating <= 5) {
                        byHub.computeIfAbsent(hub, h -> new int[5])[rating - 1]++;
                    }
                }
            }
        }
        return byHub;
    }

    /** @param devices the day's device samples {devices, of them online} (devices keep no history of their own) */
    DayFigures compute(Connection c, HubPlan plan, LocalDate day, int[] ratings, long[] devices, Instant now)
            throws SQLException {
        Hub hub = plan.hub();
        ZoneId zone = hub.timezone();
        long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = Math.min(day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(), now.toEpochMilli());
        long[] open = openWindow(hub, day);
        long openFrom = open[0];
        long openTo = Math.min(open[1], now.toEpochMilli());
        int openMinutes = minutes(Math.max(0, openTo - openFrom));

        // visits, by service and activity
        Map<String, Integer> visitsByService = new HashMap<>();
        Map<String, Integer> visitsByActivity = new HashMap<>();
        int visits = 0;
        try (PreparedStatement st = c.prepareStatement("""
                SELECT service_id, activity_id, count(*) FROM checkin WHERE hub_id = ? AND day = ?
                GROUP BY service_id, activity_id""")) {
            st.setString(1, hub.id());
            st.setString(2, day.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(3);
                    visits += n;
                    if (rs.getString(1) != null) {
                        visitsByService.merge(rs.getString(1), n, Integer::sum);
                    }
                    if (rs.getString(2) != null) {
                        visitsByActivity.merge(rs.getString(2), n, Integer::sum);
                    }
                }
            }
        }

        // tickets and waits, per service
        List<DayFigures.ServiceDay> services = new ArrayList<>();
        int tickets = 0;
        int served = 0;
        int noShows = 0;
        for (ServiceItem service : plan.services()) {
            int rows = 0;
            int transferred = 0;
            int done = 0;
            int missed = 0;
            int called = 0;
            WaitHistogram waits = new WaitHistogram();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT state, queued_ts, called_ts FROM ticket WHERE service_id = ? AND day = ?")) {
                st.setString(1, service.id());
                st.setString(2, day.toString());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        String state = rs.getString(1);
                        long calledTs = rs.getLong(3);
                        boolean wasCalled = !rs.wasNull();
                        switch (state) {
                            case "transferred" -> transferred++;
                            case "done" -> done++;
                            case "no_show" -> missed++;
                            default -> {
                            }
                        }
                        // A transferred ticket's wait goes on in the ticket it became; count that one alone.
                        if (wasCalled && !state.equals("transferred")) {
                            called++;
                            waits.add(calledTs - rs.getLong(2));
                        }
                    }
                }
            }
            // a transfer ends one row and opens another in the other service: one ticket drawn, not two
            int drawn = rows - transferred;
            tickets += drawn;
            served += done;
            noShows += missed;
            int serviceVisits = visitsByService.getOrDefault(service.id(), 0);
            if (rows > 0 || serviceVisits > 0) {
                services.add(new DayFigures.ServiceDay(service.id(), serviceVisits, drawn, done, missed, called,
                        waits));
            }
        }

        // rooms: bookings against opening hours, and what the sensors saw
        List<DayFigures.RoomDay> rooms = new ArrayList<>();
        long[] personMillis = new long[24];
        long[] hourStarts = hourStarts(day, zone);
        int bookings = 0;
        int released = 0;
        int cancelled = 0;
        int bookedMinutes = 0;
        int sensedMinutes = 0;
        int sensedRooms = 0;
        for (Room room : plan.rooms()) {
            int roomBookings = 0;
            int roomReleased = 0;
            int roomCancelled = 0;
            long bookedMillis = 0;
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT status, start_ts, end_ts FROM booking
                    WHERE room_id = ? AND kind = 'resident' AND start_ts >= ? AND start_ts < ? AND end_ts > ?""")) {
                st.setString(1, room.id());
                st.setLong(2, from / 1000 - LONGEST_BOOKING_SECONDS);
                st.setLong(3, day.plusDays(1).atStartOfDay(zone).toEpochSecond());
                st.setLong(4, from / 1000);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(1);
                        long start = rs.getLong(2) * 1000;
                        long end = rs.getLong(3) * 1000;
                        boolean startsToday = start >= from;
                        switch (status) {
                            case "active", "used" -> {
                                bookedMillis += overlap(start, end, openFrom, openTo);
                                roomBookings += startsToday ? 1 : 0;
                            }
                            case "released" -> roomReleased += startsToday ? 1 : 0;
                            case "cancelled" -> roomCancelled += startsToday ? 1 : 0;
                            default -> {
                            }
                        }
                    }
                }
            }
            Sensed sensed = sensed(c, room.id(), from, to, openFrom, openTo, hourStarts, personMillis);
            if (sensed.samples()) {
                sensedRooms++;
            }
            int roomBooked = minutes(bookedMillis);
            int roomSensed = minutes(sensed.occupiedMillis());
            rooms.add(new DayFigures.RoomDay(room.id(), openMinutes, roomBookings, roomBooked, roomSensed,
                    roomReleased, roomCancelled));
            bookings += roomBookings;
            released += roomReleased;
            cancelled += roomCancelled;
            bookedMinutes += roomBooked;
            sensedMinutes += roomSensed;
        }

        // activities held this day (not those called off): places, waiting lists, who came, who did not
        List<DayFigures.ActivityDay> activities = new ArrayList<>();
        Map<String, Integer> capacities = new LinkedHashMap<>();
        Map<String, Long> ends = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, capacity, end_ts FROM activity WHERE hub_id = ? AND start_ts >= ? AND start_ts < ?"
                        + " AND cancelled_ts IS NULL ORDER BY start_ts, id")) {
            st.setString(1, hub.id());
            st.setLong(2, from / 1000);
            st.setLong(3, day.plusDays(1).atStartOfDay(zone).toEpochSecond());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    capacities.put(rs.getString(1), rs.getInt(2));
                    ends.put(rs.getString(1), rs.getLong(3));
                }
            }
        }
        int signups = 0;
        int waitlisted = 0;
        int attended = 0;
        int attendanceSignups = 0;
        int signupNoShows = 0;
        for (Map.Entry<String, Integer> activity : capacities.entrySet()) {
            int[] byStatus = new int[3];
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT status, count(*) FROM activity_signup WHERE activity_id = ? GROUP BY status")) {
                st.setString(1, activity.getKey());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case "confirmed" -> byStatus[0] = rs.getInt(2);
                            case "waitlisted" -> byStatus[1] = rs.getInt(2);
                            case "cancelled" -> byStatus[2] = rs.getInt(2);
                            default -> {
                            }
                        }
                    }
                }
            }
            int came = visitsByActivity.getOrDefault(activity.getKey(), 0);
            // judged as the no-show rule does, once the activity has ended
            int[] missed = ends.get(activity.getKey()) <= now.getEpochSecond()
                    ? missedSignups(c, activity.getKey()) : new int[2];
            activities.add(new DayFigures.ActivityDay(activity.getKey(), activity.getValue(), byStatus[0],
                    byStatus[1], byStatus[2], came, missed[0], missed[1]));
            signups += byStatus[0];
            waitlisted += byStatus[1];
            attended += came;
            attendanceSignups += missed[0];
            signupNoShows += missed[1];
        }

        long[] personMinutes = new long[24];
        for (int h = 0; h < 24; h++) {
            personMinutes[h] = Math.round(personMillis[h] / 60_000.0);
        }
        return new DayFigures(hub.id(), day, openMinutes, visits, tickets, served, noShows, bookings, released,
                cancelled, openMinutes * plan.rooms().size(), bookedMinutes, sensedMinutes, sensedRooms,
                ratings == null ? new int[5] : ratings, signups, waitlisted, attended, attendanceSignups,
                signupNoShows, devices[0], devices[1], personMinutes, services, rooms, activities);
    }

    /**
     * An ended activity's sign-ups as the no-show rule judges them (docs/decisions/0024, {@code SignupNoShows}):
     * {confirmed sign-ups, of them without a check-in of their resident for the activity}, both 0 where nobody
     * checked in (no attendance was taken). A check-in on any day counts, a late one from a kiosk's outbox too.
     */
    private static int[] missedSignups(Connection c, String activityId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT count(*), sum(CASE WHEN EXISTS (SELECT 1 FROM checkin k WHERE k.activity_id = s.activity_id
                        AND k.resident_id = s.resident_id) THEN 0 ELSE 1 END)
                FROM activity_signup s WHERE s.activity_id = ? AND s.status = 'confirmed'
                  AND s.resident_id IS NOT NULL
                  AND EXISTS (SELECT 1 FROM checkin t WHERE t.activity_id = s.activity_id)""")) {
            st.setString(1, activityId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new int[] {rs.getInt(1), rs.getInt(2)} : new int[2];
            }
        }
    }

    private record Sensed(boolean samples, long occupiedMillis) {
    }

    /**
     * Walks a room's samples through the day as a step function: each sample's state holds until the next. The
     * state at midnight is the last sample before it. People per hour go into {@code personMillis}; a sample
     * without a count (a motion sensor) counts as one person while occupied.
     */
    private static Sensed sensed(Connection c, String roomId, long from, long to, long openFrom, long openTo,
            long[] hourStarts, long[] personMillis) throws SQLException {
        List<long[]> steps = new ArrayList<>(); // {ts, occupied, people}
        try (PreparedStatement st = c.prepareStatement("""
                SELECT ts, occupied, count FROM occupancy_sample WHERE room_id = ? AND ts < ?
                ORDER BY ts DESC LIMIT 1""")) {
            st.setString(1, roomId);
            st.setLong(2, from);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    steps.add(step(from, rs));
                }
            }
        }
        boolean any = false;
        try (PreparedStatement st = c.prepareStatement("""
                SELECT ts, occupied, count FROM occupancy_sample WHERE room_id = ? AND ts >= ? AND ts < ?
                ORDER BY ts""")) {
            st.setString(1, roomId);
            st.setLong(2, from);
            st.setLong(3, to);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    steps.add(step(rs.getLong(1), rs));
                }
            }
        }
        long occupied = 0;
        for (int i = 0; i < steps.size(); i++) {
            long[] s = steps.get(i);
            long start = s[0];
            long end = i + 1 < steps.size() ? steps.get(i + 1)[0] : to;
            if (end <= start) {
                continue;
            }
            if (s[1] == 1) {
                occupied += overlap(start, end, openFrom, openTo);
            }
            if (s[2] > 0) {
                for (int h = 0; h < 24; h++) {
                    personMillis[h] += s[2] * overlap(start, end, hourStarts[h], hourStarts[h + 1]);
                }
            }
        }
        return new Sensed(any || !steps.isEmpty(), occupied);
    }

    private static long[] step(long at, ResultSet rs) throws SQLException {
        boolean occupied = rs.getInt(2) == 1;
        long count = rs.getLong(3);
        long people = rs.wasNull() ? (occupied ? 1 : 0) : Math.max(0, count);
        return new long[] {at, occupied ? 1 : 0, people};
    }

    /** The 25 instants that bound the day's hours 0..23 in the zone (an hour DST skips is empty). */
    static long[] hourStarts(LocalDate day, ZoneId zone) {
        long[] starts = new long[25];
        for (int h = 0; h < 24; h++) {
            starts[h] = ZonedDateTime.of(day, LocalTime.of(h, 0), zone).toInstant().toEpochMilli();
        }
        starts[24] = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        for (int h = 23; h >= 0; h--) {
            // in a DST gap the "hour" resolves later than the next one; make it empty rather than negative
            starts[h] = Math.min(starts[h], starts[h + 1]);
        }
        return starts;
    }

    /** The hub's opening hours on the day, in epoch ms; closing at or before opening means past midnight. */
    static long[] openWindow(Hub hub, LocalDate day) {
        ZonedDateTime opens = ZonedDateTime.of(day, hub.opens(), hub.timezone());
        ZonedDateTime closes = hub.closes().isAfter(hub.opens())
                ? ZonedDateTime.of(day, hub.closes(), hub.timezone())
                : ZonedDateTime.of(day.plusDays(1), hub.closes(), hub.timezone());
        return new long[] {opens.toInstant().toEpochMilli(), closes.toInstant().toEpochMilli()};
    }

    private static long overlap(long aFrom, long aTo, long bFrom, long bTo) {
        return Math.max(0, Math.min(aTo, bTo) - Math.max(aFrom, bFrom));
    }

    private static int minutes(long millis) {
        return (int) Math.round(millis / 60_000.0);
    }
}
