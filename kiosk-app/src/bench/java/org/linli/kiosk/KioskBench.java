package org.linli.kiosk;

import static org.linli.kiosk.OnScreen.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/**
 * {@code ./linli bench kiosk}: cold start to an interactive attract screen, tap → next screen (p50/p95), and the
 * resident set size after 1,000 scripted taps (with the size after the first 500, to show it does not grow).
 * Runs headless through Monocle when there is no DISPLAY. Targets: ≤ 3 s, ≤ 100 ms, ≤ 250 MB with no growth.
 */
public final class KioskBench {
    private static Kiosk kiosk;

    /** What the Pi runs: the benchmark takes its JVM flags and environment from here unless told otherwise. */
    static final Path UNIT = Path.of("deploy-pi/rootfs/etc/systemd/system/linli-kiosk.service");

    public static void main(String[] args) throws Exception {
        if (System.getProperty("linli.bench.child") == null && System.getenv("LINLI_JAVA_OPTS") == null) {
            System.exit(asTheUnitRuns(args));
        }
        // the central service in a process of its own, as on a Pi: only the kiosk's memory is measured; started
        // before the clock runs, so that its start does not compete with the kiosk's
        Process central = CentralProcess.launch();
        var answer = new java.io.BufferedReader(new java.io.InputStreamReader(central.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        // the first line that is a URL and the next (a library's complaint on standard output may come before)
        String url = answer.readLine();
        while (url != null && !url.startsWith("http")) {
            url = answer.readLine();
        }
        String key = answer.readLine();
        if (url == null || key == null) {
            throw new IllegalStateException("the central service did not start");
        }
        long t0 = System.nanoTime();
        Warmup.start(); // as Main does
        // a smaller count profiles start-up alone (./linli bench kiosk 0)
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        if (System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1920x1080-32");
        }
        // 10:30 in the demo hub (in Shanghai), as the central process has it: open, whatever the hour the bench runs at
        AdjustableClock clock = AdjustableClock.at(CentralProcess.AT, CentralProcess.SHANGHAI);
        try {
            Path data = Files.createTempDirectory("linli-kiosk-bench");
            KioskConfig config = KioskConfig.from(Map.of("central.url", url, "kiosk.key", key,
                    "hub.id", TestCentral.HUB, "data.dir", data.toString()));
            // as Main does: the hub's zone is asked for while JavaFX starts
            var zone = java.util.concurrent.CompletableFuture.supplyAsync(() -> HubZone.known(config).orElseThrow());
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            long platformMs = (System.nanoTime() - t0) / 1_000_000;
            fx(() -> kiosk = OnScreen.show(new Stage(), config, clock, () -> { }, 1920, 1080, zone.join()));
            long builtMs = (System.nanoTime() - t0) / 1_000_000;
            kiosk.settle();
            pulse();
            double coldMs = (System.nanoTime() - t0) / 1e6;
            // CPU time is what the start-up costs whatever the machine's load; wall time is what a resident waits
            long cpuMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            long jvmMs = System.currentTimeMillis() - ProcessHandle.current().info().startInstant()
                    .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
            System.out.printf("  (JavaFX platform up at %d ms, kiosk built and shown at %d ms; since JVM launch %d ms"
                    + " (the central process's start included);"
                    + " CPU time used %d ms; load average %.1f)%n", platformMs, builtMs, jvmMs, cpuMs,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            String[][] script = {
                {"#tile-queue", "#service-affairs", "#priority-no", "#home"},
                {"#tile-rating", "#face-4", "#home"},
                {"#tile-card", "#key-1", "#key-3", "#key-8", "#home"},
                {"#tile-activities", "#show-week", "#show-today", "#home"},
                {"#tile-checkin", "#use-phone", "#key-5", "#back", "#home"},
                {"#tile-rooms", "#room-council-hall", "#day-next", "#home"},
            };
            List<Double> taps = new ArrayList<>();
            Map<String, List<Double>> byButton = new java.util.TreeMap<>();
            long rssHalf = 0;
            long heapHalf = 0;
            int done = 0;
            while (done < total) {
                for (String[] flow : script) {
                    for (String id : flow) {
                        if (done >= total) {
                            break;
                        }
                        double took = tap(id);
                        taps.add(took);
                        byButton.computeIfAbsent(flow[0] + " " + id, k -> new ArrayList<>()).add(took);
                        kiosk.settle();
                        done++;
                        if (done == total / 2) {
                            rssHalf = rssAfterGc();
                            heapHalf = heapUsed();
                            jcmd("LINLI_BENCH_NMT", "VM.native_memory", "baseline");
                        }
                    }
                }
            }
            long rss = rssAfterGc();
            Collections.sort(taps);
            System.out.printf("kiosk cold start to interactive attract screen: %.0f ms (target <= 3000)%n", coldMs);
            if (taps.isEmpty()) {
                fx(() -> kiosk.close());
                return;
            }
            System.out.printf("tap -> next screen: p50 %.1f ms, p95 %.1f ms over %d taps (target p95 <= 100)%n",
                    taps.get(taps.size() / 2), taps.get((int) (taps.size() * 0.95)), taps.size());
            // the slowest taps by their median: where to look next
            byButton.entrySet().stream().sorted(java.util.Comparator.comparingDouble(
                    (Map.Entry<String, List<Double>> e) -> -median(e.getValue()))).limit(5)
                    .forEach(e -> System.out.printf("  slowest: %-30s median %.1f ms%n", e.getKey(),
                            median(e.getValue())));
            System.out.printf("RSS after half the taps: %d MB, after %d taps: %d MB (target <= 250, no growth)%n",
                    rssHalf / 1024, done, rss / 1024);
            System.out.printf(
                    "  of which anonymous %s; file-backed (fonts, CDS archive, libraries: shared page cache) %s%n",
                    status("RssAnon:"), status("RssFile:"));
            System.out.printf("heap in use after GC: %d MB after half the taps, %d MB after %d%n", heapHalf,
                    heapUsed(), done);
            jcmd("LINLI_BENCH_HISTOGRAM", "GC.class_histogram");
            jcmd("LINLI_BENCH_NMT", "VM.native_memory", "summary.diff");
            mappings();
            jcmd("LINLI_BENCH_HEAPDUMP", "GC.heap_dump", System.getenv().getOrDefault("LINLI_BENCH_HEAPDUMP", ""));
            fx(() -> kiosk.close());
        } finally {
            central.destroy();
            Platform.exit();
        }
    }

    /**
     * Runs the benchmark again in a child JVM with the kiosk unit's {@code LINLI_JAVA_OPTS} and its other
     * {@code Environment=} settings (MALLOC_ARENA_MAX), so that {@code ./linli bench kiosk} measures what the Pi runs.
     * The class-data archive flags are left out: the benchmark runs from class directories, which AppCDS cannot
     * archive. {@code LINLI_JAVA_OPTS="…" ./linli bench kiosk} measures other flags instead.
     */
    private static int asTheUnitRuns(String[] args) throws Exception {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(UNIT)) {
            if (line.startsWith("Environment=")) {
                // ours are written NAME=value or NAME="value with spaces"
                String pair = line.substring("Environment=".length()).strip();
                String value = pair.substring(pair.indexOf('=') + 1);
                boolean quoted = value.length() > 1 && value.startsWith("\"") && value.endsWith("\"");
                environment.put(pair.substring(0, pair.indexOf('=')),
                        quoted ? value.substring(1, value.length() - 1) : value);
            }
        }
        List<String> flags = java.util.Arrays.stream(environment.remove("LINLI_JAVA_OPTS").split("\\s+"))
                .filter(flag -> !flag.startsWith("-XX:SharedArchiveFile="))
                .filter(flag -> !flag.equals("-XX:+AutoCreateSharedArchive"))
                .toList();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(flags);
        command.addAll(List.of("-Dlinli.bench.child=true", "-cp", System.getProperty("java.class.path"),
                KioskBench.class.getName()));
        command.addAll(List.of(args));
        System.out.println("with the flags of " + UNIT + ": " + String.join(" ", flags) + "; environment "
                + environment);
        ProcessBuilder child = new ProcessBuilder(command).inheritIO();
        child.environment().putAll(environment);
        return child.start().waitFor();
    }

    /**
     * Where memory goes, when asked for by an environment variable: {@code LINLI_BENCH_HISTOGRAM=1} prints the heap's
     * classes at the end; {@code LINLI_BENCH_NMT=1} (with {@code -XX:NativeMemoryTracking=summary} in
     * {@code LINLI_JAVA_OPTS}) what native memory grew by between half the taps and the end.
     */
    private static void jcmd(String variable, String... command) throws Exception {
        if (System.getenv(variable) == null) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(ProcessHandle.current().pid())));
        args.addAll(List.of(command));
        new ProcessBuilder(args).inheritIO().start().waitFor();
    }

    /**
     * {@code LINLI_BENCH_SMAPS=N}: the resident set by what is mapped (a file, or an anonymous region by its size),
     * the N largest — which fonts and libraries the file-backed part is, how much of the Java heap is touched.
     */
    private static void mappings() throws java.io.IOException {
        if (System.getenv("LINLI_BENCH_SMAPS") == null) {
            return;
        }
        Map<String, Long> byName = new java.util.HashMap<>();
        String name = "";
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts[0].matches("[0-9a-f]+-[0-9a-f]+")) {
                // anonymous regions by their size: the Java heap, the malloc arenas and the rest tell apart that way
                String[] range = parts[0].split("-");
                long size = (Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16)) / 1024;
                name = parts.length > 5 ? parts[5] : "[anonymous " + size + " kB]";
            } else if (parts[0].equals("Rss:")) {
                byName.merge(name, Long.parseLong(parts[1]), Long::sum);
            }
        }
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(Long.parseLong(System.getenv("LINLI_BENCH_SMAPS")))
                .forEach(e -> System.out.printf("  %7d kB  %s%n", e.getValue(), e.getKey()));
    }

    /** Fires the button and waits for the layout pulse that shows the result. */
    private static double tap(String id) throws Exception {
        awaitButton(id);
        AtomicReference<Long> took = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        fx(() -> {
            Node node = kiosk.scene().lookup(id);
            if (!(node instanceof Button button)) {
                throw new IllegalStateException("no button " + id + " on " + kiosk.shell().screen() + "; buttons: "
                        + kiosk.scene().getRoot().lookupAll(".button").stream().map(Node::getId).toList());
            }
            long start = System.nanoTime();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                kiosk.scene().removePostLayoutPulseListener(listener[0]);
                took.set(System.nanoTime() - start);
                shown.countDown();
            };
            kiosk.scene().addPostLayoutPulseListener(listener[0]);
            button.fire();
            Platform.requestNextPulse();
        });
        if (!shown.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no pulse after tapping " + id);
        }
        return took.get() / 1e6;
    }

    /**
     * Waits, a layout pulse at a time, for a button that the screen shows once its data has loaded (the services of
     * the queue, the rooms): a script that runs ahead of the screen would tap nothing.
     */
    private static void awaitButton(String id) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        AtomicReference<Boolean> there = new AtomicReference<>(false);
        while (System.nanoTime() < deadline) {
            fx(() -> there.set(kiosk.scene().lookup(id) instanceof Button));
            if (there.get()) {
                return;
            }
            kiosk.settle();
            pulse();
        }
    }

    private static void pulse() throws Exception {
        tapFree();
    }

    private static void tapFree() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        fx(() -> {
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                kiosk.scene().removePostLayoutPulseListener(listener[0]);
                shown.countDown();
            };
            kiosk.scene().addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        });
        shown.await(10, TimeUnit.SECONDS);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private static long rssAfterGc() throws Exception {
        System.gc();
        return Long.parseLong(status("VmRSS:").replaceAll("\\D", ""));
    }

    /** A line of /proc/self/status, e.g. "VmRSS:" → "262144 kB"; the kernel's view of the process's memory. */
    private static String status(String key) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).strip();
            }
        }
        return "-1";
    }
}
