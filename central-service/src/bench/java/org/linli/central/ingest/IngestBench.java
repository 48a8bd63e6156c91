package org.linli.central.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.linli.central.TestServer;
import org.linli.central.bench.Cpu;
import org.linli.central.bench.RawPublisher;
import org.linli.central.bench.ThreadCpu;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * {@code ./linli bench ingest [devices] [seconds] [inflight] [connections]}: sustained ingestion through a real Mosquitto from K
 * simulated devices (spread over a few publishing connections), QoS 1 both ways, into the real SQLite store with the
 * live state, alerts and metrics running. Prints messages stored per second (what the store did, not what was
 * published), the CPU of the service by stage per stored message, of the load generator and of Mosquitto, and the
 * load average: on a shared machine the rate depends on what else runs, the CPU per message much less.
 *
 * <p>{@code inflight} is Mosquitto's {@code max_inflight_messages}, which it also gives MQTT 5 publishers as their
 * receive maximum, and the window of each publishing connection. A real device publishes a few messages a minute on
 * its own connection and never fills a window of 20 (the production setting); here one connection carries hundreds
 * of devices, so the default is 1000 to measure the service rather than the round trips of the load generator. The
 * service's own subscription is not bound by it: it announces a receive maximum of 65,535 and acknowledges a message
 * only after its batch committed.
 */
public final class IngestBench {

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int inflight = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Path dir = Files.createTempDirectory("linli-ingest-bench");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true",
                "max_inflight_messages " + inflight, "max_queued_messages 1000000");
                TestServer server = TestServer.onMachineClock(dir.resolve("data"),
                        Map.of("mqtt.url", broker.url(), "live.client-id", "central-bench"))) {
            String[] rooms = {"activity-room", "reading-room", "classroom", "council-hall", "studio", "roof-terrace"};
            for (int d = 0; d < devices; d++) {
                server.post("/api/v1/devices", server.token("admin"), Map.of("id", "bench-" + d, "hub",
                        TestServer.HUB, "rooms", List.of(rooms[d % rooms.length])));
            }
            while (!server.components().mqttConnected()) {
                Thread.onSpinWait();
            }
            IngestCounters counters = server.components().ingestion().counters();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong published = new AtomicLong();
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < connections; p++) {
                int first = p;
                publishers.add(Thread.ofPlatform().name("bench-publisher-" + p).start(() ->
                        publish(broker, first, connections, devices, rooms, running, published,
                                inflight == 0 ? 1000 : inflight)));
            }
            long warmup = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < warmup) {
                Thread.onSpinWait();
            }
            long cpu0 = Cpu.ofThisProcess();
            long broker0 = ThreadCpu.ofChild("mosquitto");
            long self = ProcessHandle.current().pid();
            long jit0 = Cpu.ofCompilerThreads(self);
            ThreadCpu threads = ThreadCpu.start(IngestBench::stage);
            String loadBefore = ThreadCpu.loadAverage();
            long t0 = System.nanoTime();
            long stored0 = counters.stored();
            long published0 = published.get();
            long batches0 = counters.batches();
            TimeUnit.SECONDS.sleep(seconds); // a benchmark's measuring window, not a wait for an event
            long t1 = System.nanoTime();
            long stored = counters.stored() - stored0;
            long batches = counters.batches() - batches0;
            Map<String, Long> byStage = threads.since();
            long jit = Cpu.ofCompilerThreads(self) - jit0;
            double elapsed = (t1 - t0) / 1e9;
            double cpu = (Cpu.ofThisProcess() - cpu0) / 1e9 / elapsed;
            double brokerCpu = (ThreadCpu.ofChild("mosquitto") - broker0) / 1e9 / elapsed;
            running.set(false);
            for (Thread t : publishers) {
                t.join();
            }
            System.out.printf("ingest: %d devices over %d connections, QoS 1, mosquitto max_inflight_messages %d;"
                    + " load average %s before, %s after%n", devices, connections, inflight, loadBefore,
                    ThreadCpu.loadAverage());
            System.out.printf("  stored %.0f msg/s (%d in %.1f s; published %.0f msg/s), %.1f messages per batch,"
                            + " backlog %d%n", stored / elapsed, stored, elapsed,
                    (published.get() - published0) / elapsed, batches == 0 ? 0.0 : (double) stored / batches,
                    server.components().ingestion().queueLength());
            System.out.printf("  CPU of %d cores: bench JVM %.2f (service and simulated devices), mosquitto %.2f;"
                    + " duplicates %d, drops %d%n", Runtime.getRuntime().availableProcessors(), cpu, brokerCpu,
                    counters.duplicates(), counters.malformed() + counters.unauthorised());
            long service = byStage.entrySet().stream().filter(e -> !e.getKey().startsWith("-"))
                    .mapToLong(Map.Entry::getValue).sum();
            System.out.printf("  service CPU per stored message: %.1f µs =", stored == 0 ? 0.0 : service / 1e3 / stored);
            byStage.forEach((stage, nanos) -> {
                if (!stage.startsWith("-")) {
                    System.out.printf(" %s %.1f", stage, stored == 0 ? 0.0 : nanos / 1e3 / stored);
                }
            });
            long jvm = (long) (cpu * elapsed * 1e9) - byStage.values().stream().mapToLong(Long::longValue).sum() - jit;
            System.out.printf("%n  not the service: load generator %.1f µs, JIT compiler %.1f µs, GC and the rest of the"
                    + " JVM %.1f µs per stored message%n",
                    stored == 0 ? 0.0 : byStage.getOrDefault("-load", 0L) / 1e3 / stored,
                    stored == 0 ? 0.0 : jit / 1e3 / stored, stored == 0 ? 0.0 : jvm / 1e3 / stored);
        }
    }

    /** The stage a thread of this JVM belongs to; those starting with '-' are not the service's. */
    private static String stage(String thread) {
        if (thread.startsWith("bench-") || thread.startsWith("raw-puback")) {
            return "-load";
        }
        if (thread.startsWith("linli-ingest-") || thread.equals("linli-db-writer") || thread.equals("linli-retained")) {
            return thread.substring("linli-".length());
        }
        if (thread.startsWith("linli-receipts")) {
            // the receipts' own connection: its reader and its writer
            return "receipts";
        }
        if (thread.matches("Thread-\\d+") || thread.startsWith("MQTT")) {
            // Paho's receiver, callback and sender threads have no names of their own
            return "paho";
        }
        return "other";
    }

    private static void publish(MosquittoBroker broker, int connection, int connections, int devices,
            String[] rooms, AtomicBoolean running, AtomicLong published, int windowSize) {
        // the broker takes at most max_inflight_messages unacknowledged publishes per connection
        try (RawPublisher publisher = new RawPublisher("127.0.0.1", broker.port(), "bench-connection-" + connection,
                windowSize)) {
            long[] seq = new long[devices];
            byte[][] topics = new byte[devices][];
            for (int device = connection; device < devices; device += connections) {
                topics[device] = ("linli/v1/devices/bench-" + device + "/occupancy").getBytes(StandardCharsets.UTF_8);
            }
            int d = connection;
            int sinceFlush = 0;
            while (running.get()) {
                long s = ++seq[d];
                String room = rooms[d % rooms.length];
                String body = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + s + ",\"room\":\"" + room
                        + "\",\"occupied\":" + (s % 2 == 0) + ",\"count\":" + (s % 5) + ",\"source\":\"beam\"}";
                if (publisher.window.availablePermits() == 0 || ++sinceFlush >= 64) {
                    publisher.flush();
                    sinceFlush = 0;
                }
                publisher.publish(topics[d], body.getBytes(StandardCharsets.UTF_8));
                published.incrementAndGet();
                d += connections;
                if (d >= devices) {
                    d = connection;
                }
            }
            publisher.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
