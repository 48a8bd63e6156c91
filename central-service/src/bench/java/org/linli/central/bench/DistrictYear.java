package org.linli.central.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A district as the three-level network has it (1 district centre, 18 street hubs in 13 streets, 306 residential
 * hubs) and its days, written straight into a migrated database as the features would have stored them: visits,
 * ratings, tickets with their waits, bookings with the sensors' samples, maintenance blocks, activities (some called
 * off) with sign-ups, waiting lists, attendance and missed sign-ups, the doors and sensors with their last state, and
 * the devices-online samples the report job keeps every 10 minutes. Seeded: the same days every run.
 */
public final class DistrictYear {
    private static final int RESIDENTS = 40_000;
    private static final int SAMPLES_PER_DAY = 144;

    private final Random random = new Random(20261204);
    private final ZoneId zone;
    private final LocalDate first;
    private final List<Hub> hubs = new ArrayList<>();
    private long rows;
    private long sampleSeq;
    private long feedbackId;

    private record Hub(String id, String level, int rooms, int services, int visits) {
    }

    private DistrictYear(ZoneId zone, LocalDate first) {
        this.zone = zone;
        this.first = first;
        hubs.add(new Hub("district", "district", 10, 8, 600));
        for (int s = 1; s <= 18; s++) {
            hubs.add(new Hub("street-" + s, "street", 6, 6, 250));
        }
        for (int r = 1; r <= 306; r++) {
            hubs.add(new Hub("res-" + r, "residential", 1, 0, 25));
        }
    }

    /** Writes {@code days} days from {@code first} into the database file; returns the rows written. */
    public static long write(Path db, ZoneId zone, LocalDate first, int days) throws SQLException {
        DistrictYear year = new DistrictYear(zone, first);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=OFF");
            }
            c.setAutoCommit(false);
            year.network(c, days);
            c.commit();
            try (Day day = new Day(c)) {
                for (int d = 0; d < days; d++) {
                    year.day(day, d);
                    day.flush();
                    c.commit();
                }
            }
        }
        return year.rows;
    }

    /** Hubs, rooms, services, residents, and a door and a sensor per room with its last state (3 % offline). */
    private void network(Connection c, int days) throws SQLException {
        try (PreparedStatement hub = c.prepareStatement("INSERT INTO hub (id, level, parent, name_zh, name_en, "
                + "timezone, opens, closes) VALUES (?, ?, ?, ?, ?, ?, '08:00', '21:00')");
                PreparedStatement room = c.prepareStatement("INSERT INTO room (id, hub_id, name_zh, name_en, "
                        + "capacity, facilities, slot_minutes, min_minutes, max_minutes, lead_minutes, max_days_ahead, "
                        + "max_active_per_resident) VALUES (?, ?, '房间', 'Room', 20, '', 30, 30, 240, 0, 30, 3)");
                PreparedStatement service = c.prepareStatement("INSERT INTO service (id, hub_id, letter, name_zh, "
                        + "name_en, typical_minutes) VALUES (?, ?, ?, ?, ?, 10)");
                PreparedStatement device = c.prepareStatement("INSERT INTO device (id, hub_id, created_ts) "
                        + "VALUES (?, ?, 0)");
                PreparedStatement deviceRoom = c.prepareStatement("INSERT INTO device_room (device_id, room_id) "
                        + "VALUES (?, ?)");
                PreparedStatement state = c.prepareStatement("INSERT INTO device_state (device_id, online, "
                        + "changed_ts, last_seen_ts, version, outbox_depth) VALUES (?, ?, 0, 0, '1.0', 0)");
                PreparedStatement resident = c.prepareStatement("INSERT INTO resident (id, phone_hmac, phone_last4, "
                        + "created_ts, last_seen_ts) VALUES (?, ?, ?, ?, ?)")) {
            String[] names = {"社区事务受理", "为老服务", "健康咨询", "法律咨询", "理发", "便民维修", "就业指导", "助餐"};
            for (int index = 0; index < hubs.size(); index++) {
                Hub h = hubs.get(index);
                hub.setString(1, h.id());
                hub.setString(2, h.level());
                // 18 hubs in 13 streets, all under the district centre; residential hubs spread over the streets
                hub.setString(3, h.level().equals("district") ? null : h.level().equals("street") ? "district"
                        : "street-" + (1 + (index - 19) % 18));
                hub.setString(4, h.level().equals("district") ? "徐汇区国际邻里中心" : h.id() + " 邻里汇");
                hub.setString(5, h.id());
                hub.setString(6, zone.getId());
                hub.addBatch();
                for (int r = 0; r < h.rooms(); r++) {
                    String roomId = h.id() + "-room-" + r;
                    room.setString(1, roomId);
                    room.setString(2, h.id());
                    room.addBatch();
                    for (String kind : new String[] {"-door", "-sensor"}) {
                        device.setString(1, roomId + kind);
                        device.setString(2, h.id());
                        device.addBatch();
                        deviceRoom.setString(1, roomId + kind);
                        deviceRoom.setString(2, roomId);
                        deviceRoom.addBatch();
                        state.setString(1, roomId + kind);
                        state.setInt(2, random.nextDouble() < 0.03 ? 0 : 1);
                        state.addBatch();
                        rows += 3;
                    }
                }
                for (int s = 0; s < h.services(); s++) {
                    service.setString(1, h.id() + "-svc-" + s);
                    service.setString(2, h.id());
                    service.setString(3, String.valueOf((char) ('A' + s)));
                    service.setString(4, names[s]);
                    service.setString(5, "Service " + (char) ('A' + s));
                    service.addBatch();
                }
            }
            for (int r = 1; r <= RESIDENTS; r++) {
                resident.setLong(1, r);
                resident.setString(2, "bench-" + r);
                resident.setString(3, String.format("%04d", r % 10_000));
                // registered before the year and seen lately: residents the retention job keeps
                resident.setLong(4, first.atStartOfDay(zone).toEpochSecond() - 86_400);
                resident.setLong(5, first.plusDays(days).atStartOfDay(zone).toEpochSecond() - 86_400);
                resident.addBatch();
                rows++;
            }
            hub.executeBatch();
            room.executeBatch();
            service.executeBatch();
            device.executeBatch();
            deviceRoom.executeBatch();
            state.executeBatch();
            resident.executeBatch();
        }
    }

    private void day(Day w, int d) throws SQLException {
        LocalDate day = first.plusDays(d);
        long open = day.atTime(8, 0).atZone(zone).toEpochSecond();
        // weekends are busier in the hubs
        double weekday = day.getDayOfWeek().getValue() >= 6 ? 1.3 : 1.0;
        for (Hub h : hubs) {
            int visits = (int) (h.visits() * weekday * (0.8 + 0.4 * random.nextDouble()));
            List<String> activities = activities(w, h, day, d, open);
            for (int v = 0; v < visits; v++) {
                long at = open + (long) (random.nextDouble() * 13 * 3600);
                String svc = h.services() > 0 && random.nextDouble() < 0.4
                        ? h.id() + "-svc-" + random.nextInt(h.services()) : null;
                // a few come to an activity without having signed up
                String activity = svc == null && !activities.isEmpty() && random.nextDouble() < 0.05
                        ? activities.get(random.nextInt(activities.size())) : null;
                w.checkin(h.id(), svc, activity, null, at, day);
                rows++;
                if (random.nextDouble() < 0.12) {
                    double p = random.nextDouble();
                    w.rating("r" + feedbackId++, p < 0.03 ? 1 : p < 0.08 ? 2 : p < 0.2 ? 3 : p < 0.5 ? 4 : 5,
                            at + 600, h.id());
                    rows++;
                }
            }
            tickets(w, h, day, d, open, weekday);
            rooms(w, h, day, d, open);
            // the job's devices-online samples, every 10 minutes: now and then a door is offline for a while
            int devices = h.rooms() * 2;
            int offline = random.nextDouble() < 0.1 ? SAMPLES_PER_DAY / 4 : 0;
            w.deviceDay(h.id(), day, SAMPLES_PER_DAY, devices * SAMPLES_PER_DAY, devices * SAMPLES_PER_DAY - offline);
            rows++;
        }
    }

    /**
     * The hub's activities of the day (4 at the district centre, 2 at a street hub, one a week at a residential
     * hub; 3 % called off) with their sign-ups: demand around the places, the rest on the waiting list, some
     * cancelled; at nine in ten of those held attendance is taken and four in five of the confirmed come.
     */
    private List<String> activities(Day w, Hub h, LocalDate day, int d, long open) throws SQLException {
        int count = switch (h.level()) {
            case "district" -> 4;
            case "street" -> 2;
            default -> day.getDayOfWeek() == DayOfWeek.WEDNESDAY ? 1 : 0;
        };
        int capacity = h.level().equals("residential") ? 15 : 30;
        List<String> held = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            String id = h.id() + "-act-" + d + "-" + a;
            long start = open + 3600L * (2 + 4 * a % 11);
            boolean calledOff = random.nextDouble() < 0.03;
            w.activity(id, h.id(), h.id() + "-room-" + (a % h.rooms()), start, start + 5400, capacity,
                    calledOff ? start - 86_400 : null);
            rows++;
            int demand = (int) (capacity * (0.6 + 0.8 * random.nextDouble()));
            int confirmed = Math.min(capacity, demand);
            int waitlisted = Math.min(10, demand - confirmed);
            int cancelled = random.nextInt(4);
            int resident = 1 + random.nextInt(RESIDENTS);
            boolean attendance = !calledOff && random.nextDouble() < 0.9;
            for (int s = 0; s < confirmed + waitlisted + cancelled; s++) {
                long who = 1 + (resident + s) % RESIDENTS;
                String status = s < confirmed ? "confirmed" : s < confirmed + waitlisted ? "waitlisted" : "cancelled";
                w.signup(id, who, status, start - 3 * 86_400);
                rows++;
                if (attendance && status.equals("confirmed") && random.nextDouble() < 0.8) {
                    w.checkin(h.id(), null, id, who, start - 600 + random.nextInt(900), day);
                    rows++;
                }
            }
            if (!calledOff) {
                held.add(id);
            }
        }
        return held;
    }

    private void tickets(Day w, Hub h, LocalDate day, int d, long open, double weekday) throws SQLException {
        for (int s = 0; s < h.services(); s++) {
            int tickets = (int) ((h.level().equals("district") ? 30 : 16) * weekday * (0.7 + 0.6 * random.nextDouble()));
            for (int t = 0; t < tickets; t++) {
                long queued = open + (long) (random.nextDouble() * 12 * 3600);
                long wait = (long) (60 * Math.min(120, -Math.log(1 - random.nextDouble()) * 9));
                double p = random.nextDouble();
                String state = p < 0.06 ? "no_show" : p < 0.08 ? "waiting" : "done";
                w.ticket(h.id() + "-" + s + "-" + d + "-" + t, h.id(), h.id() + "-svc-" + s, day, t + 1, state,
                        queued, state.equals("waiting") ? null : queued + wait);
                rows++;
            }
        }
    }

    /** Bookings (8 % released, 7 % cancelled) with what the sensor saw, and a maintenance block a month per room. */
    private void rooms(Day w, Hub h, LocalDate day, int d, long open) throws SQLException {
        for (int r = 0; r < h.rooms(); r++) {
            String roomId = h.id() + "-room-" + r;
            int slots = h.level().equals("residential") ? 1 : 3;
            for (int b = 0; b < slots; b++) {
                long start = open + 3600L * (b * 4 + random.nextInt(3));
                double p = random.nextDouble();
                w.booking(h.id(), roomId, start, start + 7200, p < 0.08 ? "released" : p < 0.15 ? "cancelled"
                        : "used", "resident");
                rows++;
                if (p >= 0.15) {
                    // a sensor sees the booked room used: people come in, leave
                    int people = 2 + random.nextInt(12);
                    w.sample(roomId, ++sampleSeq, (start + 300) * 1000, people);
                    w.sample(roomId, ++sampleSeq, (start + 6900) * 1000, 0);
                    rows += 2;
                }
            }
            if ((d + r) % 30 == 7) {
                // after the last booking of the day ends (20:00), until closing
                w.booking(h.id(), roomId, open + 12 * 3600, open + 13 * 3600, "active", "maintenance");
                rows++;
            }
        }
    }

    /** The batched inserts of a day. */
    private static final class Day implements AutoCloseable {
        private final List<PreparedStatement> all = new ArrayList<>();
        private final PreparedStatement checkin;
        private final PreparedStatement ticket;
        private final PreparedStatement booking;
        private final PreparedStatement sample;
        private final PreparedStatement rating;
        private final PreparedStatement activity;
        private final PreparedStatement signup;
        private final PreparedStatement deviceDay;

        Day(Connection c) throws SQLException {
            // activities go in before the sign-ups and check-ins that name them
            activity = add(c, "INSERT INTO activity (id, hub_id, room_id, title_zh, title_en, start_ts, end_ts, "
                    + "capacity, cancelled_ts, no_shows_judged) VALUES (?, ?, ?, '讲座', 'Talk', ?, ?, ?, ?, 1)");
            signup = add(c, "INSERT INTO activity_signup (activity_id, resident_id, status, created_ts) "
                    + "VALUES (?, ?, ?, ?)");
            checkin = add(c, "INSERT INTO checkin (hub_id, kind, service_id, activity_id, resident_id, at_ts, day) "
                    + "VALUES (?, 'phone', ?, ?, ?, ?, ?)");
            ticket = add(c, "INSERT INTO ticket (id, hub_id, service_id, day, seq, number, state, queued_ts, "
                    + "created_ts, called_ts, done_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            booking = add(c, "INSERT INTO booking (hub_id, room_id, start_ts, end_ts, attendees, status, kind, "
                    + "created_ts, changed_ts) VALUES (?, ?, ?, ?, 3, ?, ?, ?, ?)");
            sample = add(c, "INSERT INTO occupancy_sample (device_id, seq, room_id, ts, occupied, count, source) "
                    + "VALUES (?, ?, ?, ?, ?, ?, 'beam')");
            rating = add(c, "INSERT INTO feedback (item_kind, item_id, rating, at_ts, hub_id) "
                    + "VALUES ('hub', ?, ?, ?, ?)");
            deviceDay = add(c, "INSERT INTO report_device_day (hub_id, day, samples, devices, online) "
                    + "VALUES (?, ?, ?, ?, ?)");
        }

        private PreparedStatement add(Connection c, String sql) throws SQLException {
            PreparedStatement st = c.prepareStatement(sql);
            all.add(st);
            return st;
        }

        void checkin(String hub, String service, String activityId, Long resident, long at, LocalDate day)
                throws SQLException {
            batch(checkin, hub, service, activityId, resident, at, day.toString());
        }

        void rating(String item, int stars, long at, String hub) throws SQLException {
            batch(rating, item, stars, at, hub);
        }

        void activity(String id, String hub, String room, long start, long end, int capacity, Long cancelled)
                throws SQLException {
            batch(activity, id, hub, room, start, end, capacity, cancelled);
        }

        void signup(String activityId, long resident, String status, long at) throws SQLException {
            batch(signup, activityId, resident, status, at);
        }

        void ticket(String id, String hub, String service, LocalDate day, int seq, String state, long queued,
                Long called) throws SQLException {
            batch(ticket, id, hub, service, day.toString(), seq, String.valueOf(seq), state, queued, queued, called,
                    called == null ? null : called + 600);
        }

        void booking(String hub, String room, long start, long end, String status, String kind) throws SQLException {
            batch(booking, hub, room, start, end, status, kind, start - 86_400, start - 3600);
        }

        void sample(String room, long seq, long atMillis, int people) throws SQLException {
            batch(sample, room + "-sensor", seq, room, atMillis, people > 0 ? 1 : 0, people);
        }

        void deviceDay(String hub, LocalDate day, int samples, int devices, int online) throws SQLException {
            batch(deviceDay, hub, day.toString(), samples, devices, online);
        }

        /** One row of a statement's batch, its parameters in order (a null is SQL NULL). */
        private static void batch(PreparedStatement statement, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
        }

        void flush() throws SQLException {
            for (PreparedStatement st : all) {
                st.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement st : all) {
                st.close();
            }
        }
    }
}
