package org.linli.central;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.linli.central.bench.Cpu;
import org.linli.central.booking.Booking;
import org.linli.central.booking.BookingRequest;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.Room;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;

/**
 * {@code ./linli bench bookingcost [bookings] [threads]}: what one booking costs in the service layer, without HTTP,
 * in this JVM (a real central service with live operations, its SQLite file on disk). CPU microseconds per booking
 * depend much less on what else the machine runs than requests per second do, so before/after comparisons of the
 * write path use these figures. Also: signing a token, the revocation list query, an availability query.
 */
public final class BookingCostBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String HUB = "wutong66";
    private static final int ROOMS = 64;
    private static final int SLOTS_PER_DAY = 26;
    private static final int DAYS = 29;

    private BookingCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path data = Files.createTempDirectory("linli-cost");
        Settings settings = Settings.from(ConfigLoader.load(null, Map.of(), Map.of("data.dir", data.toString(),
                "server.port", "0", "server.host", "127.0.0.1")));
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        try (CentralServer server = CentralServer.start(settings, Clock.systemUTC(), true)) {
            Components c = server.components();
            for (int r = 0; r < ROOMS; r++) {
                c.catalogue().put(new Room("cost-r" + r, HUB, new Name("压测室", "Bench room"), 10, List.of(),
                        new Room.Rules(30, 30, 240, 0, 30, 3)));
            }
            AtomicInteger next = new AtomicInteger();
            // warm-up: the JIT compiles the path before anything is counted
            run(c.bookings(), next, total / 2, threads, "warm-up");
            run(c.bookings(), next, total, threads, "concurrent creates");
            run(c.bookings(), next, Math.min(2_000, total / 10), 1, "one at a time");
            perCall("token signature", 20_000, () -> c.bookings().token(c.bookings().find(1).orElseThrow()));
            for (int i = 1; i <= 300; i++) {
                c.bookings().cancel(i, null);
            }
            perCall("revocation list (300 ids)", 2_000, () -> c.bookings().revoked(HUB));
            Room room = c.catalogue().requireRoom("cost-r0");
            perCall("availability query", 20_000, () -> c.bookings().availability(room,
                    c.catalogue().requireHub(HUB), LocalDate.now(ZONE).plusDays(1)));
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        try (var paths = Files.walk(data)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void run(Bookings bookings, AtomicInteger next, int count, int threads, String name)
            throws Exception {
        long cpu0 = Cpu.ofThisProcess();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < count / threads; k++) {
                        book(bookings, next.getAndIncrement());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = Cpu.ofThisProcess() - cpu0;
        int done = count / threads * threads;
        System.out.printf("%-28s %6d bookings, %2d threads: %7.0f/s, wall %6.0f us, CPU %5.0f us per booking%n",
                name, done, threads, done * 1e9 / wall, wall / 1e3 / done * threads, cpu / 1e3 / done);
    }

    private static Booking book(Bookings bookings, int i) {
        int perRoom = DAYS * SLOTS_PER_DAY;
        Instant start = LocalDate.now(ZONE).plusDays(1 + (i % perRoom) / SLOTS_PER_DAY).atTime(8, 0)
                .plusMinutes(30L * (i % SLOTS_PER_DAY)).atZone(ZONE).toInstant();
        String room = "cost-r" + (i / perRoom);
        String phone = String.format("136%08d", i);
        BookingRequest request = new BookingRequest(room, start, start.plusSeconds(1800), phone, null, 1, "",
                room + "|" + start, new org.linli.central.residents.Consent(
                        org.linli.central.residents.Consent.NOTICE, true));
        return bookings.create(request, HUB::equals, null).booking();
    }

    private static void perCall(String name, int n, Runnable call) {
        for (int i = 0; i < n / 2; i++) {
            call.run();
        }
        long cpu0 = Cpu.ofThisProcess();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        System.out.printf("%-28s %6.1f us wall, %6.1f us CPU per call%n", name, (System.nanoTime() - t0) / 1e3 / n,
                (Cpu.ofThisProcess() - cpu0) / 1e3 / n);
    }
}
