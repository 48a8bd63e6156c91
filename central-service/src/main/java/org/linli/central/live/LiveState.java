package org.linli.central.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.linli.central.alerts.AlertRules;
import org.linli.central.alerts.OfflineWatch;
import org.linli.central.devices.Device;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.events.BookingEvent;
import org.linli.central.events.Coalescer;
import org.linli.central.events.Event;
import org.linli.central.events.EventBus;
import org.linli.central.events.HubEvent;
import org.linli.central.ingest.BatchSink;
import org.linli.central.ingest.Message;
import org.linli.central.ingest.RetainedPublisher;
import org.linli.central.timers.Timers;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.StatusPayload;
import org.linli.protocol.payload.TelemetryPayload;

/**
 * Applies each stored batch to the live picture: device registry, room states, and after the commit the SSE events,
 * the retained room states on MQTT, the alert rules and the booking-usage check. A room's state is sent again when
 * one of its bookings changed.
 */
public final class LiveState implements BatchSink, AutoCloseable {
    private static final long DEVICE_EVENT_EVERY_MS = 5_000;
    private static final Duration COALESCE = Duration.ofMillis(100);
    /** A hub's people against its capacity are checked at most this often (its dashboard counts for itself). */
    private static final Duration HUB_CAPACITY_EVERY = Duration.ofSeconds(1);
    /**
     * A room's sensed state goes to screens and doors at once when it changes after a quiet moment, and at most this
     * often while it keeps changing: at a district's rate a room changes with nearly every stored batch, and reading
     * its bookings, encoding and sending its state each time cost more than storing the batch. At 20 ms (once per
     * batch at 2,000 msg/s) the sendings cost ~23 µs per stored message; ten a second is more than a screen shows.
     */
    private static final long SENSED_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    // "last seen" is saved at most this often per device; transitions and telemetry are saved at once
    private static final long DEVICE_SAVE_EVERY_MS = 60_000;
    private final DeviceRegistry registry;
    private final RoomStates rooms;
    private final RoomViews views;
    private final EventBus events;
    private final RetainedPublisher retained;
    private final AlertRules rules;
    private final OfflineWatch offline;
    private final Consumer<String> roomActivity;
    private final Clock clock;
    private final PayloadCodec codec;
    private final Map<String, Long> devicePublished = new ConcurrentHashMap<>();
    private final Map<String, Long> deviceSaved = new ConcurrentHashMap<>();
    // A booking changes its room's status: a burst of bookings sends each room's state once per period (event-bus
    // subscribers run on the publisher's thread, a request, so the query runs here instead).
    private final ScheduledExecutorService bookedRoomsWorker = Timers.single("linli-room-states");
    private final Coalescer<String> bookedRooms;
    private final Coalescer<String> hubCapacities;
    /** When each room's state was last sent, and the rooms whose next sending is scheduled. */
    private final Map<String, Long> roomSentNanos = new ConcurrentHashMap<>();
    private final Set<String> roomScheduled = ConcurrentHashMap.newKeySet();

    /**
     * @param retained null when there is no broker
     * @param roomActivity told of a room that turned occupied or whose door let a booking in
     */
    public LiveState(DeviceRegistry registry, RoomStates rooms, RoomViews views, EventBus events,
            RetainedPublisher retained, AlertRules rules, OfflineWatch offline, Consumer<String> roomActivity,
            Clock clock) {
        this.registry = registry;
        this.rooms = rooms;
        this.views = views;
        this.events = events;
        this.retained = retained;
        this.rules = rules;
        this.offline = offline;
        this.roomActivity = roomActivity;
        this.clock = clock;
        this.codec = new PayloadCodec(clock);
        this.bookedRooms = new Coalescer<>(bookedRoomsWorker, COALESCE, roomId -> publishRoom(roomId, clock.millis()));
        this.hubCapacities = new Coalescer<>(bookedRoomsWorker, HUB_CAPACITY_EVERY,
                hubId -> views.findHub(hubId).ifPresent(this::checkHubCapacity));
    }

    /**
     * An event-bus subscriber: a booking made, cancelled, released or used changes its room's status; a hub written
     * (its capacity set below the people already in) raises its alert now, before the edit is answered, not at the
     * next count.
     */
    public void onEvent(Event event) {
        if (event instanceof BookingEvent booking) {
            bookedRooms.mark(booking.room());
        } else if (event instanceof HubEvent hub) {
            views.findHub(hub.hub()).ifPresent(this::checkHubCapacity);
        }
    }

    @Override
    public Runnable apply(Connection c, List<Message> fresh) throws SQLException {
        long now = clock.millis();
        Map<String, RoomStates.Sensed> changedRooms = new LinkedHashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        Set<String> changedDevices = new LinkedHashSet<>();
        List<DeviceRegistry.Transition> transitions = new ArrayList<>();
        List<Message> doorEvents = new ArrayList<>();
        Map<String, Double> hot = new LinkedHashMap<>();
        Set<String> cooled = new LinkedHashSet<>();
        for (Message m : fresh) {
            String id = m.deviceId();
            touched.add(id);
            switch (m.payload()) {
                case StatusPayload s -> {
                    registry.status(id, s.online(), now, s.version()).ifPresent(transitions::add);
                    changedDevices.add(id);
                }
                case OccupancyPayload o -> {
                    registry.seen(id, now, null, null);
                    rooms.apply(id, o).ifPresent(state -> changedRooms.put(state.roomId(), state));
                }
                case EventPayload e -> {
                    registry.seen(id, now, null, null);
                    doorEvents.add(m);
                }
                case TelemetryPayload t -> {
                    DeviceRegistry.Health health = new DeviceRegistry.Health(t.cpuTempC(),
                            (int) Math.min(Integer.MAX_VALUE, t.rssBytes() / (1024 * 1024)), t.uptimeS());
                    boolean wasHot = registry.view(id).map(v -> v.health().hot()).orElse(false);
                    registry.seen(id, now, t.outboxDepth(), t.version(), health);
                    if (health.hot() && !wasHot) {
                        hot.put(id, health.cpuTempC());
                        cooled.remove(id);
                    } else if (!health.hot() && health.cpuTempC() != null) {
                        // every cool sample, not only the first: another replica may have raised it
                        cooled.add(id);
                        hot.remove(id);
                    }
                    changedDevices.add(id);
                }
                default -> {
                    // devices send nothing else
                }
            }
        }
        RoomStates.save(c, changedRooms.values());
        for (String id : touched) {
            Long saved = deviceSaved.get(id);
            if (saved == null || now - saved >= DEVICE_SAVE_EVERY_MS) {
                changedDevices.add(id);
            }
        }
        changedDevices.forEach(id -> deviceSaved.put(id, now));
        saveDevices(c, changedDevices);
        return () -> afterCommit(now, changedRooms.keySet(), touched, transitions, doorEvents, hot, cooled);
    }

    private void afterCommit(long now, Set<String> changedRooms, Set<String> touched,
            List<DeviceRegistry.Transition> transitions, List<Message> doorEvents, Map<String, Double> hot,
            Set<String> cooled) {
        Set<String> transitioned = new LinkedHashSet<>();
        cooled.forEach(id -> registry.device(id).ifPresent(rules::deviceCooled));
        hot.forEach((id, cpuTempC) -> {
            registry.device(id).ifPresent(device -> rules.deviceHot(device, cpuTempC));
            transitioned.add(id); // shown at once, as a change of online state is
        });
        for (DeviceRegistry.Transition t : transitions) {
            transitioned.add(t.deviceId());
            if (!t.online()) {
                offline.wentOffline(t.deviceId(), t.ts());
            } else {
                registry.device(t.deviceId()).ifPresent(d -> rules.deviceOnline(d.hubId(), d.id()));
            }
        }
        for (String id : touched) {
            Long last = devicePublished.get(id);
            if (transitioned.contains(id) || last == null || now - last >= DEVICE_EVENT_EVERY_MS) {
                devicePublished.put(id, now);
                registry.view(id).ifPresent(view -> events.publish(view.event(zoneOf(view.hubId()))));
            }
        }
        for (String roomId : changedRooms) {
            sensed(roomId, now);
        }
        // only hubs with a capacity, off this thread and at most once a second each: a district's counters change
        // rooms with nearly every batch
        changedRooms.stream().map(views::hubOf).flatMap(java.util.Optional::stream)
                .filter(hub -> hub.capacity() != null).forEach(hub -> hubCapacities.mark(hub.id()));
        for (Message m : doorEvents) {
            EventPayload event = (EventPayload) m.payload();
            Device device = registry.device(m.deviceId()).orElse(null);
            if (device != null) {
                rules.event(device, event);
                if (event.eventType() == EventType.ACCESS_GRANTED && event.bookingId() != null && event.room() != null) {
                    roomActivity.accept(event.room());
                }
            }
        }
        for (String roomId : changedRooms) {
            if (rooms.get(roomId).map(RoomStates.Sensed::occupied).orElse(false)) {
                roomActivity.accept(roomId);
            }
        }
    }

    /** On the acking thread: sends a room's changed state now, or once its pause is over. */
    private void sensed(String roomId, long now) {
        long t = System.nanoTime();
        Long sent = roomSentNanos.get(roomId);
        if (roomScheduled.contains(roomId)) {
            return; // the scheduled sending reads the state then, this change included
        }
        if (sent == null || t - sent >= SENSED_EVERY_NANOS) {
            roomSentNanos.put(roomId, t);
            publishRoom(roomId, now);
            return;
        }
        roomScheduled.add(roomId);
        try {
            bookedRoomsWorker.schedule(() -> {
                // unmarked before the state is read: a change from now on schedules another sending
                roomScheduled.remove(roomId);
                roomSentNanos.put(roomId, System.nanoTime());
                publishRoom(roomId, clock.millis());
            }, sent + SENSED_EVERY_NANOS - t, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            roomScheduled.remove(roomId);
        }
    }

    /**
     * Every room's state again, on the room-state thread (this is called on MQTT's): what a broker that lost them
     * needs, on every connect.
     */
    public void publishAllRooms() {
        try {
            bookedRoomsWorker.execute(() -> views.roomIds().forEach(roomId -> publishRoom(roomId, clock.millis())));
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Sends a room's state to screens and, retained, to MQTT; also after a booking changed. */
    public void publishRoom(String roomId, long now) {
        RoomViews.RoomView view = views.room(roomId);
        events.publish(view.event());
        if (retained != null) {
            retained.publish(Topics.roomState(view.hub().id(), roomId), codec.encode(view.payload(now)));
        }
        if (view.status().equals("over_capacity")) {
            rules.overCapacity(view.hub().id(), roomId, view.count(), view.room().capacity());
        } else {
            rules.roomWithinCapacity(view.hub().id(), roomId);
        }
    }

    /**
     * A hub counting more people than it may hold raises its alert once; back within, the alert is resolved. A hub
     * without a capacity is left alone (an alert open when its capacity was removed stays for staff to acknowledge).
     * Also checked after a hub was written ({@link #onEvent}): a lower capacity may put the people already in over it.
     */
    private void checkHubCapacity(org.linli.central.catalogue.Hub hub) {
        if (hub.capacity() == null) {
            return;
        }
        HubPeople people = views.people(hub);
        if (people.over()) {
            rules.hubOverCapacity(hub, people.counted(), people.uncountedOccupied());
        } else {
            rules.hubWithinCapacity(hub.id());
        }
    }

    @Override
    public void close() {
        Timers.stop(bookedRoomsWorker, "the room states");
    }

    private java.time.ZoneId zoneOf(String hubId) {
        return views.zone(hubId);
    }

    /** Last seen never goes back: another replica may have saved a later message of the device. */
    private void saveDevices(Connection c, Set<String> ids) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO device_state (device_id, online, changed_ts, last_seen_ts, version, outbox_depth,
                    cpu_temp_c, memory_mb, uptime_s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id) DO UPDATE SET online = excluded.online, changed_ts = excluded.changed_ts,
                    last_seen_ts = CASE WHEN excluded.last_seen_ts > device_state.last_seen_ts
                        THEN excluded.last_seen_ts ELSE device_state.last_seen_ts END,
                    version = excluded.version,
                    outbox_depth = excluded.outbox_depth, cpu_temp_c = excluded.cpu_temp_c,
                    memory_mb = excluded.memory_mb, uptime_s = excluded.uptime_s""")) {
            for (String id : ids) {
                DeviceRegistry.DeviceView v = registry.view(id).orElse(null);
                if (v == null) {
                    continue;
                }
                st.setString(1, id);
                st.setInt(2, v.online() ? 1 : 0);
                st.setLong(3, v.changedTs());
                st.setLong(4, v.lastSeenTs());
                st.setString(5, v.version());
                if (v.outboxDepth() == null) {
                    st.setNull(6, Types.INTEGER);
                } else {
                    st.setInt(6, v.outboxDepth());
                }
                DeviceRegistry.Health health = v.health();
                if (health.cpuTempC() == null) {
                    st.setNull(7, Types.DOUBLE);
                } else {
                    st.setDouble(7, health.cpuTempC());
                }
                if (health.memoryMb() == null) {
                    st.setNull(8, Types.INTEGER);
                } else {
                    st.setInt(8, health.memoryMb());
                }
                if (health.uptimeS() == null) {
                    st.setNull(9, Types.BIGINT);
                } else {
                    st.setLong(9, health.uptimeS());
                }
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
