package org.linli.central.live;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.linli.central.StaffBrowser;
import org.linli.central.TestServer;
import org.linli.central.bench.Cpu;
import org.linli.central.bench.RawPublisher;
import org.linli.central.bench.ThreadCpu;
import org.linli.central.events.RoomEvent;
import org.linli.central.ingest.IngestCounters;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code ./linli bench dashboardlatency [msg/s] [devices] [marks]}: how long an occupancy change takes from its publish
 * to the operator dashboard's DOM, in headless Chromium, while {@code devices} simulated devices publish occupancy
 * and telemetry at {@code msg/s} (a district's load, by default) through a real Mosquitto into the central service.
 *
 * <p>One more device reports on a room the background leaves alone and changes its head count every 50–150 ms;
 * a MutationObserver in the page notes {@code performance.timeOrigin + performance.now()} when that room's card
 * shows the new count. Browser and benchmark share the machine's clock, so the difference to the publish time is
 * the latency. Prints p50, p90, p99 and max over the marked changes.
 */
public final class DashboardLatencyBench {
    private static final String HUB = TestServer.HUB;
    private static final String MARKED_ROOM = "council-hall";
    private static final int MARKED_CAPACITY = 16;
    private static final String[] BACKGROUND_ROOMS = {"activity-room", "reading-room", "classroom", "studio",
        "roof-terrace"};
    private static final int[] BACKGROUND_CAPACITY = {30, 20, 24, 8, 40};
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** HeadlessChromium's script timeout: how long {@link #AWAIT_MARK} may wait. */
    private static final long MARK_TIMEOUT_MS = 10_000;
    /** Resolves with the time the marked room first showed {@code arguments[0]}: one round trip, no polling. */
    private static final String AWAIT_MARK = """
            const done = arguments[arguments.length - 1];
            const wanted = arguments[0];
            const check = () => {
              const mark = window.__marks.find(m => m[1] !== null && m[1].startsWith(wanted));
              if (mark) { window.__waiter = null; done(mark[0]); } else { window.__waiter = check; }
            };
            check();
            """;
    /** Unacknowledged publishes per device connection: enough that the round trip does not limit the rate. */
    private static final int WINDOW = 1000;
    /** The head count the next marked change shows, and when the service sent it to the screens. */
    private static volatile int expected = -1;
    private static volatile double serverSentMs = Double.NaN;
    private static double lastServerPart = Double.NaN;
    private static final String OBSERVER = """
            window.__marks = [];
            const box = document.getElementById("rooms");
            let last = null;
            new MutationObserver(() => {
              const t = performance.timeOrigin + performance.now();
              const count = box.querySelector('[data-room="%s"] .count');
              const text = count ? count.textContent : null;
              if (text !== last) {
                last = text;
                window.__marks.push([t, text]);
                if (window.__waiter) window.__waiter();
              }
            }).observe(box, { subtree: true, childList: true, characterData: true });
            """.formatted(MARKED_ROOM);

    private DashboardLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int marks = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path dir = Files.createTempDirectory("linli-dashboard-bench");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true",
                "max_queued_messages 1000000", "max_inflight_messages " + WINDOW);
                TestServer server = TestServer.onMachineClock(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-dashboard-bench"))) {
            String admin = server.token("admin");
            for (int d = 0; d < devices; d++) {
                server.post("/api/v1/devices", admin, Map.of("id", "bench-" + d, "hub", HUB,
                        "rooms", List.of(BACKGROUND_ROOMS[d % BACKGROUND_ROOMS.length])));
            }
            server.post("/api/v1/devices", admin, Map.of("id", "marker", "hub", HUB, "rooms", List.of(MARKED_ROOM)));
            while (!server.components().mqttConnected()) {
                Thread.onSpinWait();
            }
            server.components().events().subscribe(event -> {
                if (event instanceof RoomEvent room && MARKED_ROOM.equals(room.room())
                        && room.count() instanceof Integer count && count == expected) {
                    serverSentMs = nowMs();
                }
            });
            ChromeDriver chrome = HeadlessChromium.start(dir.resolve("chrome"), 1600, 1000);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong published = new AtomicLong();
            Thread background = null;
            try (RawPublisher marker = new RawPublisher("127.0.0.1", broker.port(), "bench-marker", 20)) {
                // the session is a cookie since the security review: sign in as the staff pages' tests do
                StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.token("operator"), "zh");
                chrome.get(server.uri("/?hub=" + HUB).toString());
                awaitScript(chrome, "return !!document.querySelector('[data-room=\"" + MARKED_ROOM + "\"] .count')");
                chrome.executeScript(OBSERVER);
                background = Thread.ofPlatform().name("bench-background").start(() ->
                        background(broker, devices, rate, running, published));
                // the first change also proves the page's event stream is open
                long[] seq = {0};
                for (int tries = 0; Double.isNaN(mark(chrome, marker, ++seq[0], MARKED_CAPACITY - 1 - tries % 2));
                        tries++) {
                    Thread.onSpinWait();
                }
                TimeUnit.SECONDS.sleep(5); // warm-up under load before measuring
                IngestCounters counters = server.components().ingestion().counters();
                long stored0 = counters.received();
                long published0 = published.get();
                long cpu0 = Cpu.ofThisProcess();
                long browser0 = ThreadCpu.ofDescendants("chrom");
                long broker0 = ThreadCpu.ofChild("mosquitto");
                String loadBefore = ThreadCpu.loadAverage();
                long t0 = System.nanoTime();
                Random random = new Random(5);
                double[] latencies = new double[marks];
                double[] serverPart = new double[marks];
                int lost = 0;
                for (int i = 0; i < marks; i++) {
                    double latency = mark(chrome, marker, ++seq[0], 1 + i % (MARKED_CAPACITY - 2));
                    if (Double.isNaN(latency)) {
                        lost++;
                        latency = MARK_TIMEOUT_MS;
                    }
                    latencies[i] = latency;
                    serverPart[i] = lastServerPart;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50 + random.nextInt(101)));
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double cpu = (Cpu.ofThisProcess() - cpu0) / 1e9 / elapsed;
                double browserCpu = (ThreadCpu.ofDescendants("chrom") - browser0) / 1e9 / elapsed;
                double brokerCpu = (ThreadCpu.ofChild("mosquitto") - broker0) / 1e9 / elapsed;
                double[] fsync = fsyncTimes(dir.resolve("data"), 100);
                Arrays.sort(latencies);
                Arrays.sort(serverPart);
                System.out.printf("dashboardlatency: %d devices publishing %d msg/s (occupancy and telemetry), %d marked"
                        + " changes; load average %s before, %s after%n", devices, rate, marks, loadBefore,
                        ThreadCpu.loadAverage());
                System.out.printf("  publish -> dashboard DOM: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms;"
                        + " %d not shown within %d ms%n", percentile(latencies, 50), percentile(latencies, 90),
                        percentile(latencies, 99), latencies[latencies.length - 1], lost, MARK_TIMEOUT_MS);
                System.out.printf("    of which publish -> the service's room event (broker, ingestion, commit): p50 %.0f ms,"
                        + " p90 %.0f ms, p99 %.0f ms%n", percentile(serverPart, 50), percentile(serverPart, 90),
                        percentile(serverPart, 99));
                System.out.printf("  this disk meanwhile: fsync of a 4 KB append p50 %.1f ms, p99 %.1f ms (every commit"
                        + " waits for one)%n", percentile(fsync, 50), percentile(fsync, 99));
                System.out.printf("  background: published %.0f msg/s, received by the service %.0f msg/s, backlog %d%n",
                        (published.get() - published0) / elapsed, (counters.received() - stored0) / elapsed,
                        server.components().ingestion().queueLength());
                System.out.printf("  CPU of %d cores: bench JVM %.2f (service, devices, driver), Chromium %.2f,"
                        + " mosquitto %.2f%n", Runtime.getRuntime().availableProcessors(), cpu, browserCpu, brokerCpu);
            } finally {
                running.set(false);
                if (background != null) {
                    background.join();
                }
                chrome.quit();
            }
        }
    }

    /**
     * Publishes the marked room's new head count and waits until the page shows it.
     *
     * @return milliseconds from publish to the DOM change, or NaN when it did not show in time
     */
    private static double mark(ChromeDriver chrome, RawPublisher marker, long seq, int count) throws Exception {
        String body = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq + ",\"room\":\"" + MARKED_ROOM
                + "\",\"occupied\":true,\"count\":" + count + ",\"source\":\"beam\"}";
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        serverSentMs = Double.NaN;
        expected = count;
        chrome.executeScript("window.__marks = []");
        double sentMs = nowMs();
        marker.publish("linli/v1/devices/marker/occupancy", payload);
        marker.flush();
        try {
            Object shownAt = chrome.executeAsyncScript(AWAIT_MARK, count + " /");
            lastServerPart = serverSentMs - sentMs;
            return ((Number) shownAt).doubleValue() - sentMs;
        } catch (ScriptTimeoutException notShown) {
            chrome.executeScript("window.__waiter = null");
            return Double.NaN;
        }
    }

    /** {@code rate} messages a second from {@code devices} devices, two occupancy samples to one telemetry. */
    private static void background(MosquittoBroker broker, int devices, int rate, AtomicBoolean running,
            AtomicLong published) {
        try (RawPublisher publisher = new RawPublisher("127.0.0.1", broker.port(), "bench-background", WINDOW)) {
            byte[][] occupancy = new byte[devices][];
            byte[][] telemetry = new byte[devices][];
            for (int d = 0; d < devices; d++) {
                occupancy[d] = ("linli/v1/devices/bench-" + d + "/occupancy").getBytes(StandardCharsets.UTF_8);
                telemetry[d] = ("linli/v1/devices/bench-" + d + "/telemetry").getBytes(StandardCharsets.UTF_8);
            }
            long[] seq = new long[devices];
            Random random = new Random(1);
            double perTick = rate * (TICK_NANOS / 1e9);
            double owed = 0;
            int d = 0;
            long next = System.nanoTime();
            while (running.get()) {
                owed += perTick;
                for (; owed >= 1; owed--) {
                    long s = ++seq[d];
                    long ts = System.currentTimeMillis();
                    if (s % 3 == 0) {
                        publisher.publish(telemetry[d], ("{\"ts\":" + ts + ",\"seq\":" + s + ",\"uptimeS\":" + s
                                + ",\"heapBytes\":50000000,\"rssBytes\":90000000,\"cpuTempC\":48.5,\"outboxDepth\":0,"
                                + "\"outboxDropped\":0,\"version\":\"bench\"}").getBytes(StandardCharsets.UTF_8));
                    } else {
                        int room = d % BACKGROUND_ROOMS.length;
                        int count = random.nextInt(BACKGROUND_CAPACITY[room]);
                        publisher.publish(occupancy[d], ("{\"ts\":" + ts + ",\"seq\":" + s + ",\"room\":\""
                                + BACKGROUND_ROOMS[room] + "\",\"occupied\":" + (count > 0) + ",\"count\":" + count
                                + ",\"source\":\"beam\"}").getBytes(StandardCharsets.UTF_8));
                    }
                    published.incrementAndGet();
                    d = (d + 1) % devices;
                }
                publisher.flush();
                next += TICK_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitScript(ChromeDriver chrome, String script) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Boolean.TRUE.equals(chrome.executeScript(script))) {
            if (System.currentTimeMillis() > deadline) {
                String said = String.valueOf(chrome.executeScript(
                        "return document.body ? document.body.innerText : ''")).replaceAll("\\s+", " ").strip();
                throw new IllegalStateException("the dashboard did not show the rooms within 30 s; at "
                        + chrome.getCurrentUrl() + " the page says: " + said.substring(0, Math.min(400, said.length())));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Sorted times of {@code n} appends of 4 KB to a file beside the database, each forced to the disk. */
    private static double[] fsyncTimes(Path dir, int n) throws java.io.IOException {
        double[] times = new double[n];
        Path file = dir.resolve("fsync-probe");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND)) {
            java.nio.ByteBuffer page = java.nio.ByteBuffer.allocate(4096);
            for (int i = 0; i < n; i++) {
                page.clear();
                long t0 = System.nanoTime();
                channel.write(page);
                channel.force(false);
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Files.delete(file);
        Arrays.sort(times);
        return times;
    }

    private static double nowMs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1e3 + now.getNano() / 1e6;
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
