package org.linli.central;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.linli.central.auth.Role;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;
import org.linli.central.reports.ReportJob;
import org.linli.central.store.SqliteDatabase;
import org.linli.central.web.Json;

/**
 * {@code ./linli bench reports [days=365] [requests=30]}: a year of a district (1 district centre, 18 street hubs in
 * 13 streets, 306 residential hubs; visits, tickets, bookings, occupancy samples, ratings, activities) written
 * straight into a new database, then: how long closing the days takes (the report job recomputing every hub-day),
 * and p50/p95 of the report and comparison pages' requests over the whole year of the whole district.
 */
public final class ReportsBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 365;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path data = Files.createTempDirectory("linli-reports");
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        SqliteDatabase.open(data.resolve("linli.db")).close();
        long t0 = System.nanoTime();
        long rows = generate(data.resolve("linli.db"), days);
        System.out.printf("generated %,d raw rows for %d days in %.1f s%n", rows, days, (System.nanoTime() - t0) / 1e9);

        // the last day of the period at 12:00: its figures are "today so far"
        Instant now = FIRST.plusDays(days - 1).atTime(12, 0).atZone(ZONE).toInstant();
        Settings settings = Settings.from(ConfigLoader.load(null, Map.of(), Map.of("data.dir", data.toString(),
                "server.port", "0", "server.host", "127.0.0.1")));
        try (CentralServer server = CentralServer.start(settings, Clock.fixed(now, ZoneOffset.UTC), false)) {
            Components c = server.components();
            // the schedule's first run (catching up on every day) may be under way: wait for it, then time a full
            // recompute of every hub-day
            ReportJob.Run caughtUp = c.reports().job().run();
            ReportJob.Run run = c.reports().job().recompute(FIRST, FIRST.plusDays(days - 1));
            System.out.printf("aggregation: %,d hub-days in %,d ms: %.0f ms per day of the district's data "
                    + "(%.2f ms per hub-day); first run after start %,d hub-days%n", run.hubDays(), run.millis(),
                    (double) run.millis() / days, (double) run.millis() / Math.max(1, run.hubDays()),
                    caughtUp.hubDays());
            ReportJob.Run today = c.reports().job().run();
            System.out.printf("a regular run (settle window and today): %,d hub-days in %,d ms%n", today.hubDays(),
                    today.millis());

            c.accounts().putStaff("bench-admin", "bench-password-1", Role.ADMIN, null);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            JsonNode login = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/auth/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench-admin\",\"password\":"
                            + "\"bench-password-1\"}")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String token = login.get("token").asText();
            String range = "from=" + FIRST + "&to=" + FIRST.plusDays(days - 1);
            measure(http, base, token, "report, whole district, rolled up",
                    "/api/v1/reports/district?rollup=true&" + range, requests);
            measure(http, base, token, "comparison of the 18 street hubs", "/api/v1/reports/district/comparison?"
                    + "level=street&" + range, requests);
            measure(http, base, token, "comparison of all 325 hubs", "/api/v1/reports/district/comparison?"
                    + "level=all&" + range, requests);
            measure(http, base, token, "report, one street hub and its residential hubs",
                    "/api/v1/reports/street-1?" + range, requests);
            measure(http, base, token, "XLSX export, whole district", "/api/v1/reports/district/export.xlsx?"
                    + range, Math.max(5, requests / 3));
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static void measure(HttpClient http, String base, String token, String what, String path, int n)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                "Bearer " + token).GET().build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body()));
            }
        }
        long[] ms = new long[n];
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            bytes = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-50s p50 %4d ms  p95 %4d ms  max %4d ms  (%d requests, %,d bytes)%n", what,
                ms[n / 2], ms[(int) Math.ceil(n * 0.95) - 1], ms[n - 1], n, bytes);
    }

    /** A district as the three-level network has it, and its days; returns how many rows were written. */
    static long generate(Path db, int days) throws Exception {
        Random random = new Random(20261204);
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=OFF");
            }
            c.setAutoCommit(false);
            List<String[]> hubs = new ArrayList<>(); // id, level, rooms, services, visits per day
            hubs.add(new String[] {"district", "district", "10", "8", "600"});
            for (int s = 1; s <= 18; s++) {
                hubs.add(new String[] {"street-" + s, "street", "6", "6", "250"});
            }
            for (int r = 1; r <= 306; r++) {
                hubs.add(new String[] {"res-" + r, "residential", "1", "0", "25"});
            }
            try (PreparedStatement hub = c.prepareStatement("INSERT INTO hub VALUES (?, ?, ?, ?, ?, 'Asia/Shanghai', "
                    + "'08:00', '21:00')");
                    PreparedStatement room = c.prepareStatement("INSERT INTO room VALUES (?, ?, '房间', 'Room', 20, '', "
                            + "30, 30, 240, 0, 30, 3)");
                    PreparedStatement service = c.prepareStatement("INSERT INTO service VALUES (?, ?, ?, ?, ?, 10)")) {
                String[] names = {"社区事务受理", "为老服务", "健康咨询", "法律咨询", "理发", "便民维修", "就业指导", "助餐"};
                for (String[] h : hubs) {
                    int index = hubs.indexOf(h);
                    hub.setString(1, h[0]);
                    hub.setString(2, h[1]);
                    // 18 hubs in 13 streets: streets 1-5 have two hubs each, under the district centre all of them
                    hub.setString(3, h[1].equals("district") ? null : h[1].equals("street") ? "district"
                            : "street-" + (1 + (index - 19) % 18));
                    hub.setString(4, h[1].equals("district") ? "徐汇区国际邻里中心" : h[0] + " 邻里汇");
                    hub.setString(5, h[0]);
                    hub.addBatch();
                    for (int r = 0; r < Integer.parseInt(h[2]); r++) {
                        room.setString(1, h[0] + "-room-" + r);
                        room.setString(2, h[0]);
                        room.addBatch();
                    }
                    for (int s = 0; s < Integer.parseInt(h[3]); s++) {
                        service.setString(1, h[0] + "-svc-" + s);
                        service.setString(2, h[0]);
                        service.setString(3, String.valueOf((char) ('A' + s)));
                        service.setString(4, names[s]);
                        service.setString(5, "Service " + (char) ('A' + s));
                        service.addBatch();
                    }
                }
                hub.executeBatch();
                room.executeBatch();
                service.executeBatch();
            }
            c.commit();
            try (PreparedStatement checkin = c.prepareStatement("INSERT INTO checkin (hub_id, kind, service_id, "
                    + "activity_id, at_ts, day) VALUES (?, 'phone', ?, ?, ?, ?)");
                    PreparedStatement ticket = c.prepareStatement("INSERT INTO ticket (id, hub_id, service_id, day, "
                            + "seq, number, state, queued_ts, created_ts, called_ts, done_ts) VALUES (?, ?, ?, ?, ?, ?, "
                            + "?, ?, ?, ?, ?)");
                    PreparedStatement booking = c.prepareStatement("INSERT INTO booking (hub_id, room_id, start_ts, "
                            + "end_ts, attendees, status, created_ts, changed_ts) VALUES (?, ?, ?, ?, 3, ?, ?, ?)");
                    PreparedStatement sample = c.prepareStatement("INSERT INTO occupancy_sample VALUES (?, ?, ?, ?, ?, "
                            + "?, 'beam')");
                    PreparedStatement rating = c.prepareStatement("INSERT INTO feedback (item_kind, item_id, rating, "
                            + "at_ts, hub_id) VALUES ('hub', ?, ?, ?, ?)");
                    PreparedStatement activity = c.prepareStatement("INSERT INTO activity (id, hub_id, room_id, "
                            + "title_zh, title_en, start_ts, end_ts, capacity) VALUES (?, ?, ?, '讲座', 'Talk', ?, ?, 30)")) {
                long feedbackId = 0;
                long sampleSeq = 0;
                for (int d = 0; d < days; d++) {
                    LocalDate day = FIRST.plusDays(d);
                    long open = day.atTime(8, 0).atZone(ZONE).toEpochSecond();
                    // weekends are busier in the hubs
                    double weekday = day.getDayOfWeek().getValue() >= 6 ? 1.3 : 1.0;
                    for (String[] h : hubs) {
                        int rooms = Integer.parseInt(h[2]);
                        int services = Integer.parseInt(h[3]);
                        int visits = (int) (Integer.parseInt(h[4]) * weekday * (0.8 + 0.4 * random.nextDouble()));
                        List<String> activities = new ArrayList<>();
                        if (!h[1].equals("residential")) {
                            for (int a = 0; a < (h[1].equals("district") ? 4 : 2); a++) {
                                String id = h[0] + "-act-" + d + "-" + a;
                                long start = open + 3600L * (2 + 4 * a % 11);
                                activity.setString(1, id);
                                activity.setString(2, h[0]);
                                activity.setString(3, h[0] + "-room-" + a);
                                activity.setLong(4, start);
                                activity.setLong(5, start + 5400);
                                activity.addBatch();
                                activities.add(id);
                                rows++;
                            }
                        }
                        for (int v = 0; v < visits; v++) {
                            long at = open + (long) (random.nextDouble() * 13 * 3600);
                            checkin.setString(1, h[0]);
                            String svc = services > 0 && random.nextDouble() < 0.4
                                    ? h[0] + "-svc-" + random.nextInt(services) : null;
                            checkin.setString(2, svc);
                            checkin.setString(3, svc == null && !activities.isEmpty() && random.nextDouble() < 0.15
                                    ? activities.get(random.nextInt(activities.size())) : null);
                            checkin.setLong(4, at);
                            checkin.setString(5, day.toString());
                            checkin.addBatch();
                            rows++;
                            if (random.nextDouble() < 0.12) {
                                rating.setString(1, "r" + feedbackId++);
                                double p = random.nextDouble();
                                rating.setInt(2, p < 0.03 ? 1 : p < 0.08 ? 2 : p < 0.2 ? 3 : p < 0.5 ? 4 : 5);
                                rating.setLong(3, at + 600);
                                rating.setString(4, h[0]);
                                rating.addBatch();
                                rows++;
                            }
                        }
                        for (int s = 0; s < services; s++) {
                            int tickets = (int) ((h[1].equals("district") ? 30 : 16) * weekday
                                    * (0.7 + 0.6 * random.nextDouble()));
                            for (int t = 0; t < tickets; t++) {
                                long queued = open + (long) (random.nextDouble() * 12 * 3600);
                                long wait = (long) (60 * Math.min(120, -Math.log(1 - random.nextDouble()) * 9));
                                double p = random.nextDouble();
                                String state = p < 0.06 ? "no_show" : p < 0.08 ? "waiting" : "done";
                                ticket.setString(1, h[0] + "-" + s + "-" + d + "-" + t);
                                ticket.setString(2, h[0]);
                                ticket.setString(3, h[0] + "-svc-" + s);
                                ticket.setString(4, day.toString());
                                ticket.setInt(5, t + 1);
                                ticket.setString(6, String.valueOf(t + 1));
                                ticket.setString(7, state);
                                ticket.setLong(8, queued);
                                ticket.setLong(9, queued);
                                if (state.equals("waiting")) {
                                    ticket.setNull(10, java.sql.Types.INTEGER);
                                    ticket.setNull(11, java.sql.Types.INTEGER);
                                } else {
                                    ticket.setLong(10, queued + wait);
                                    ticket.setLong(11, queued + wait + 600);
                                }
                                ticket.addBatch();
                                rows++;
                            }
                        }
                        for (int r = 0; r < rooms; r++) {
                            String roomId = h[0] + "-room-" + r;
                            int slots = h[1].equals("residential") ? 1 : 3;
                            for (int b = 0; b < slots; b++) {
                                long start = open + 3600L * (b * 4 + random.nextInt(3));
                                double p = random.nextDouble();
                                booking.setString(1, h[0]);
                                booking.setString(2, roomId);
                                booking.setLong(3, start);
                                booking.setLong(4, start + 7200);
                                booking.setString(5, p < 0.08 ? "released" : p < 0.15 ? "cancelled" : "used");
                                booking.setLong(6, start - 86400);
                                booking.setLong(7, start - 3600);
                                booking.addBatch();
                                rows++;
                                if (p >= 0.15) {
                                    // a sensor sees the booked room used: people come in, leave
                                    int people = 2 + random.nextInt(12);
                                    for (long[] s : new long[][] {{start + 300, people}, {start + 6900, 0}}) {
                                        sample.setString(1, roomId + "-sensor");
                                        sample.setLong(2, ++sampleSeq);
                                        sample.setString(3, roomId);
                                        sample.setLong(4, s[0] * 1000);
                                        sample.setInt(5, s[1] > 0 ? 1 : 0);
                                        sample.setLong(6, s[1]);
                                        sample.addBatch();
                                        rows++;
                                    }
                                }
                            }
                        }
                    }
                    activity.executeBatch();
                    checkin.executeBatch();
                    rating.executeBatch();
                    ticket.executeBatch();
                    booking.executeBatch();
                    sample.executeBatch();
                    c.commit();
                }
            }
        }
        return rows;
    }
}
