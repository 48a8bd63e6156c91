package org.linli.central;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./linli bench booking [clients] [seconds]}: availability reads and booking writes from N concurrent clients
 * against a running central service (started here on a free port with the demo hub in a temporary directory).
 * Prints req/s, p50 and p99 for each, and checks the database holds no overlapping bookings.
 */
public final class BookingBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BookingBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path data = Files.createTempDirectory("linli-bench");
        try (TestServer server = TestServer.start(data)) {
            String key = server.kioskKey();
            String date = LocalDate.now(ZONE).plusDays(1).toString();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI availability = server.uri("/api/v1/rooms/activity-room/availability?date=" + date);
            Result reads = run("availability reads", clients, seconds, (client, n) -> {
                HttpRequest request = HttpRequest.newBuilder(availability).header("Authorization", "Bearer " + key)
                        .GET().build();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
            // Writes: every client books its own slots across rooms and days, with a fresh phone each time, so
            // most succeed; collisions (409) are counted separately.
            List<String> rooms = List.of("activity-room", "reading-room", "classroom", "council-hall", "studio");
            AtomicInteger conflicts = new AtomicInteger();
            URI bookings = server.uri("/api/v1/bookings");
            Result writes = run("booking writes", clients, seconds, (client, n) -> {
                int slot = n % 26;
                int day = 1 + (n / 26) % 29;
                String room = rooms.get((client + n / (26 * 29)) % rooms.size());
                var start = LocalDate.now(ZONE).plusDays(day).atTime(8, 0).plusMinutes(30L * slot)
                        .atZone(ZONE).toOffsetDateTime();
                String body = new String(org.linli.central.web.Json.bytes(Map.of("room", room,
                        "start", start.toString(), "end", start.plusMinutes(30).toString(),
                        "phone", String.format("1%02d%08d", 30 + client % 70, n), "attendees", 1)));
                HttpRequest request = HttpRequest.newBuilder(bookings).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 409) {
                    conflicts.incrementAndGet();
                }
                return status == 201 || status == 409;
            });
            long overlaps = server.count(DoubleBookingIT.OVERLAPS);
            System.out.println(reads);
            System.out.println(writes + " (of which 409 slot taken: " + conflicts.get() + ")");
            System.out.println("overlapping bookings in the database: " + overlaps);
        }
    }

    interface Call {
        boolean run(int client, int n) throws Exception;
    }

    record Result(String name, int clients, long requests, long failures, double seconds, long[] micros) {
        @Override
        public String toString() {
            Arrays.sort(micros);
            return String.format("%-20s clients=%d requests=%d failures=%d  %.0f req/s  p50=%.2f ms  p99=%.2f ms",
                    name, clients, requests, failures, requests / seconds, percentile(0.50) / 1000.0,
                    percentile(0.99) / 1000.0);
        }

        private long percentile(double p) {
            return micros.length == 0 ? 0 : micros[Math.min(micros.length - 1, (int) (micros.length * p))];
        }
    }

    private static Result run(String name, int clients, int seconds, Call call) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    long[] times = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end && n < times.length) {
                        long t0 = System.nanoTime();
                        if (!call.run(client, n)) {
                            failures.incrementAndGet();
                        }
                        times[n++] = (System.nanoTime() - t0) / 1000;
                    }
                    return Arrays.copyOf(times, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] micros = all.stream().flatMapToLong(Arrays::stream).toArray();
            return new Result(name, clients, micros.length, failures.get(), elapsed, micros);
        }
    }
}
