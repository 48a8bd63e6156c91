package org.linli.central;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.linli.central.auth.Role;
import org.linli.central.bench.Cpu;
import org.linli.central.bench.DistrictYear;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;
import org.linli.central.reports.ReportJob;
import org.linli.central.store.SqliteDatabase;
import org.linli.central.web.Json;

/**
 * {@code ./linli bench reports [days=365] [requests=30] [data-dir]}: a year of a district ({@link DistrictYear}: 1 district
 * centre, 18 street hubs in 13 streets, 306 residential hubs; visits, tickets, bookings, occupancy samples, ratings,
 * maintenance blocks, activities with sign-ups, waiting lists and attendance, devices and their states) written
 * straight into a new database, then: how long closing the days takes (the report job recomputing every hub-day),
 * filing a month's reports of every hub, and p50/p95 of the report and comparison pages' requests over the whole
 * year of the whole district, with the CPU time a request costs. With the data directory of an earlier run (printed
 * by it), only the pages are measured again.
 */
public final class ReportsBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 365;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        // a data directory of an earlier run (it says which) is measured again without generating and closing
        boolean again = args.length > 2;
        Path data = again ? Path.of(args[2]) : Files.createTempDirectory("linli-reports");
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        if (!again) {
            SqliteDatabase.open(data.resolve("linli.db")).close();
            long t0 = System.nanoTime();
            long rows = DistrictYear.write(data.resolve("linli.db"), ZONE, FIRST, days);
            System.out.printf("generated %,d raw rows for %d days in %.1f s into %s%n", rows, days,
                    (System.nanoTime() - t0) / 1e9, data);
        }

        // the last day of the period at 12:00: its figures are "today so far"
        Instant now = FIRST.plusDays(days - 1).atTime(12, 0).atZone(ZONE).toInstant();
        Settings settings = Settings.from(ConfigLoader.load(null, Map.of(), Map.of("data.dir", data.toString(),
                "server.port", "0", "server.host", "127.0.0.1")));
        try (CentralServer server = CentralServer.start(settings, Clock.fixed(now, ZoneOffset.UTC), false)) {
            Components c = server.components();
            // the schedule's first run (catching up on every day) may be under way: wait for it, then time a full
            // recompute of every hub-day
            ReportJob.Run caughtUp = c.reports().job().run();
            if (!again) {
                ReportJob.Run run = c.reports().job().recompute(FIRST, FIRST.plusDays(days - 1));
                System.out.printf("aggregation: %,d hub-days in %,d ms: %.0f ms per day of the district's data "
                        + "(%.2f ms per hub-day); first run after start %,d hub-days%n", run.hubDays(), run.millis(),
                        (double) run.millis() / days, (double) run.millis() / Math.max(1, run.hubDays()),
                        caughtUp.hubDays());
            }
            ReportJob.Run today = c.reports().job().run();
            System.out.printf("a regular run (settle window and today): %,d hub-days in %,d ms%n", today.hubDays(),
                    today.millis());
            // the first run after a month's end files last month's report of every hub: the schedule's first run
            // filed them already (waited for here: filing is one at a time), so they are filed again from nothing
            c.reports().monthly().fileDue();
            deleteTree(settings.dataDir().resolve("reports"));
            long filing = System.nanoTime();
            int filed = c.reports().monthly().fileDue();
            System.out.printf("filing last month's reports: %d hubs in %,d ms%n", filed,
                    (System.nanoTime() - filing) / 1_000_000);

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

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
        long pid = ProcessHandle.current().pid();
        long cpu = Cpu.ofProcess(pid);
        long jit = Cpu.ofCompilerThreads(pid);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            bytes = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        // CPU per request (the service's and this client's, one request at a time, the JIT's left out): what a
        // request costs whatever else runs on the machine, where wall time depends on the load
        double cpuMs = (Cpu.ofProcess(pid) - cpu - (Cpu.ofCompilerThreads(pid) - jit)) / 1e6 / n;
        Arrays.sort(ms);
        System.out.printf("%-50s p50 %4d ms  p95 %4d ms  max %4d ms  CPU %4.0f ms  (%d requests, %,d bytes)%n", what,
                ms[n / 2], ms[(int) Math.ceil(n * 0.95) - 1], ms[n - 1], cpuMs, n, bytes);
    }
}
