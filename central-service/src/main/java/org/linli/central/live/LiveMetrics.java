package org.linli.central.live;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.ingest.IngestCounters;

/**
 * Live operations in Prometheus terms at {@code /observe/metrics}: ingestion rates and drops (in total and per
 * device), the ingest queue, SSE clients, devices online, queue lengths. The meters read our own counters, so they
 * are removed again on close (tests start several services in one JVM).
 */
public final class LiveMetrics implements AutoCloseable {
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final Set<String> perDevice = ConcurrentHashMap.newKeySet();
    private final DeviceRegistry devices;

    public LiveMetrics(IngestCounters ingest, Supplier<Integer> ingestQueue, Supplier<Integer> sseClients,
            DeviceRegistry devices, Map<String, Supplier<Integer>> waitingByService) {
        this.devices = devices;
        counter("linli.ingest.received", "device messages received from the broker", ingest, IngestCounters::received);
        counter("linli.ingest.stored", "occupancy samples and events stored", ingest, IngestCounters::stored);
        counter("linli.ingest.duplicates", "redelivered messages already stored", ingest, IngestCounters::duplicates);
        counter("linli.ingest.malformed", "messages dropped as malformed", ingest, IngestCounters::malformed);
        counter("linli.ingest.unauthorised", "messages dropped: unregistered device or not its room", ingest,
                IngestCounters::unauthorised);
        counter("linli.ingest.batches", "transactions that stored device messages", ingest, IngestCounters::batches);
        counter("linli.ingest.failed.batches", "batches left for the broker to send again: the database failed",
                ingest, IngestCounters::failedBatches);
        counter("linli.ingest.refused", "valid messages dropped: the database refuses them for good", ingest,
                IngestCounters::refused);
        gauge("linli.ingest.queue", "device messages waiting to be stored", () -> ingestQueue.get());
        gauge("linli.sse.clients", "open event streams", () -> sseClients.get());
        gauge("linli.devices.online", "devices online", () -> devices.onlineCount());
        waitingByService.forEach((service, waiting) -> meters.add(registry.getOrCreate(
                Gauge.builder("linli.queue.waiting", () -> waiting.get().doubleValue())
                        .tags(Metrics.tags("service", service)).description("tickets waiting today"))));
        devices.views(null).forEach(d -> device(d.id()));
    }

    /** Per-device drop counters, registered once per device. */
    public void device(String id) {
        if (!perDevice.add(id)) {
            return;
        }
        Iterable<io.helidon.metrics.api.Tag> tags = Metrics.tags("device", id);
        meters.add(registry.getOrCreate(FunctionalCounter.builder("linli.device.malformed", devices,
                r -> r.view(id).map(DeviceRegistry.DeviceView::malformed).orElse(0L)).tags(tags)
                .description("malformed messages of a device")));
        meters.add(registry.getOrCreate(FunctionalCounter.builder("linli.device.dropped", devices,
                r -> r.view(id).map(DeviceRegistry.DeviceView::dropped).orElse(0L)).tags(tags)
                .description("messages of a device about rooms that are not its own")));
    }

    private void counter(String name, String description, IngestCounters counters,
            java.util.function.Function<IngestCounters, Long> value) {
        meters.add(registry.getOrCreate(FunctionalCounter.builder(name, counters, value).description(description)));
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        meters.add(registry.getOrCreate(Gauge.builder(name, () -> value.get().doubleValue())
                .description(description)));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
