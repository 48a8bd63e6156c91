package org.linli.central.devices;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.linli.central.devices.Device;
import org.linli.central.store.Database;
import org.linli.central.events.DeviceEvent;
import org.linli.central.web.Times;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the central service knows about each registered device right now: online or not since when (from its
 * retained status and Last Will), last seen, version, outbox depth, its health from its last telemetry (CPU
 * temperature, memory, uptime), and how many of its messages were dropped.
 * Thread-safe: the ingest writer updates it, the offline watch and HTTP handlers read it.
 */
public final class DeviceRegistry {
    private final Map<String, Entry> devices = new ConcurrentHashMap<>();

    /** A device as shown on the dashboard. */
    public record DeviceView(String id, String hubId, boolean online, long changedTs, long lastSeenTs,
            String version, Integer outboxDepth, Health health, List<String> rooms, long malformed, long dropped) {

        /** As the API and the {@code device} event show it, with times in the hub's zone. */
        public DeviceEvent event(ZoneId zone) {
            return new DeviceEvent(id, hubId, online,
                    lastSeenTs == 0 ? null : Times.format(Instant.ofEpochMilli(lastSeenTs), zone), version,
                    outboxDepth, health.cpuTempC(), health.memoryMb(), health.uptimeS(), rooms, malformed, dropped);
        }
    }

    /**
     * How a device said it was in its last telemetry; each null until it said so (a device without a temperature
     * sensor never does).
     *
     * @param memoryMb the agent's resident memory in MB
     */
    public record Health(Double cpuTempC, Integer memoryMb, Long uptimeS) {
        public static final Health UNKNOWN = new Health(null, null, null);

        /** Above this a Raspberry Pi slows itself down (80 °C) and an operator should see why. */
        public static final double HOT_C = 80.0;

        public boolean hot() {
            return cpuTempC != null && cpuTempC >= HOT_C;
        }
    }

    /** A change of a device's online state, when its status said so. */
    public record Transition(String deviceId, boolean online, long ts) {
    }

    private static final class Entry {
        volatile Device device;
        boolean online;
        long changedTs;
        long lastSeenTs;
        String version;
        Integer outboxDepth;
        Health health = Health.UNKNOWN;
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        Entry(Device device) {
            this.device = device;
        }

        synchronized DeviceView view() {
            return new DeviceView(device.id(), device.hubId(), online, changedTs, lastSeenTs, version, outboxDepth,
                    health, device.rooms(), malformed.get(), dropped.get());
        }
    }

    /** Loads the register and the last saved states. */
    public void load(Database db, Collection<Device> registered) {
        registered.forEach(this::register);
        db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM device_state");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Entry entry = devices.get(rs.getString("device_id"));
                    if (entry != null) {
                        synchronized (entry) {
                            entry.online = rs.getInt("online") == 1;
                            entry.changedTs = rs.getLong("changed_ts");
                            entry.lastSeenTs = rs.getLong("last_seen_ts");
                            entry.version = rs.getString("version");
                            int depth = rs.getInt("outbox_depth");
                            entry.outboxDepth = rs.wasNull() ? null : depth;
                            double temp = rs.getDouble("cpu_temp_c");
                            Double cpuTempC = rs.wasNull() ? null : temp;
                            int memory = rs.getInt("memory_mb");
                            Integer memoryMb = rs.wasNull() ? null : memory;
                            long up = rs.getLong("uptime_s");
                            entry.health = new Health(cpuTempC, memoryMb, rs.wasNull() ? null : up);
                        }
                    }
                }
            }
            return null;
        });
    }

    public void register(Device device) {
        devices.compute(device.id(), (id, entry) -> {
            if (entry == null) {
                return new Entry(device);
            }
            entry.device = device;
            return entry;
        });
    }

    /** A device removed from the register: its messages are dropped from now on. */
    public void unregister(String id) {
        devices.remove(id);
    }

    public Optional<Device> device(String id) {
        Entry entry = devices.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.device);
    }

    /**
     * Applies a status message at the time it arrived. The time in the payload is not used for ordering: an agent
     * builds its Last Will when it connects, so the will's own time is older than the online status it follows.
     *
     * @return the transition, when the device went online or offline
     */
    public Optional<Transition> status(String id, boolean online, long receivedTs, String version) {
        Entry entry = devices.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            if (version != null) {
                entry.version = version;
            }
            if (online) {
                entry.lastSeenTs = Math.max(entry.lastSeenTs, receivedTs);
            }
            if (entry.online == online && entry.changedTs != 0) {
                return Optional.empty();
            }
            entry.online = online;
            entry.changedTs = receivedTs;
            return Optional.of(new Transition(id, online, receivedTs));
        }
    }

    /** A message from the device: it was alive at {@code ts}. */
    public void seen(String id, long ts, Integer outboxDepth, String version) {
        seen(id, ts, outboxDepth, version, null);
    }

    /** Telemetry (or another replica's word of it): alive at {@code ts}, and how it is; null health: unchanged. */
    public void seen(String id, long ts, Integer outboxDepth, String version, Health health) {
        Entry entry = devices.get(id);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            entry.lastSeenTs = Math.max(entry.lastSeenTs, ts);
            if (outboxDepth != null) {
                entry.outboxDepth = outboxDepth;
            }
            if (version != null) {
                entry.version = version;
            }
            if (health != null) {
                entry.health = health;
            }
        }
    }

    /** Counts a malformed message of a registered device; one of an unknown id is counted only in the totals. */
    public void countMalformed(String id) {
        Entry entry = devices.get(id);
        if (entry != null) {
            entry.malformed.incrementAndGet();
        }
    }

    /** Counts a message of a registered device refused for its topic; one of an unknown id only in the totals. */
    public void countDropped(String id) {
        Entry entry = devices.get(id);
        if (entry != null) {
            entry.dropped.incrementAndGet();
        }
    }

    public Optional<DeviceView> view(String id) {
        Entry entry = devices.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.view());
    }

    public List<DeviceView> views(String hubId) {
        return devices.values().stream().map(Entry::view)
                .filter(v -> hubId == null || v.hubId().equals(hubId))
                .sorted(java.util.Comparator.comparing(DeviceView::id)).toList();
    }

    public long onlineCount() {
        return devices.values().stream().filter(e -> {
            synchronized (e) {
                return e.online;
            }
        }).count();
    }
}
