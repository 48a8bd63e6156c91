package org.linli.central;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.linli.central.alerts.Alert;
import org.linli.central.alerts.AlertRules;
import org.linli.central.alerts.Alerts;
import org.linli.central.alerts.OfflineWatch;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.config.LiveSettings;
import org.linli.central.devices.Device;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.devices.Devices;
import org.linli.central.devices.RegisterRelay;
import org.linli.central.doorkeys.DoorCommands;
import org.linli.central.doorkeys.DoorKeysPublisher;
import org.linli.central.events.EventBus;
import org.linli.central.events.EventJournal;
import org.linli.central.events.ReplicaEvents;
import org.linli.central.ingest.Ingestion;
import org.linli.central.ingest.MqttConnection;
import org.linli.central.ingest.ReceiptConnection;
import org.linli.central.ingest.Receipts;
import org.linli.central.ingest.RetainedPublisher;
import org.linli.central.live.Figures;
import org.linli.central.live.FiguresFeed;
import org.linli.central.live.LiveMetrics;
import org.linli.central.live.LiveState;
import org.linli.central.live.OtherReplicas;
import org.linli.central.live.RoomStates;
import org.linli.central.live.RoomViews;
import org.linli.central.noshow.NoShowRelease;
import org.linli.central.noshow.SignupNoShows;
import org.linli.central.store.Database;
import org.linli.central.store.Leases;
import org.linli.protocol.payload.CommandPayload;

/**
 * Live operations, built with plain constructors as part of {@link Components}: devices and rooms as sensed,
 * ingestion from the broker, alerts, the no-show release, door keys and commands, the figures of the day. Without
 * {@code mqtt.url} nothing is ingested or published to doors, the rest runs.
 */
final class LiveParts implements AutoCloseable {
    private static final Duration FIGURES_EVERY = Duration.ofSeconds(5);
    private static final Duration REFRESH_DOOR_KEYS = Duration.ofHours(1);
    /** How soon a rotation written to the key file is signing here and at the doors. */
    private static final Duration WATCH_KEY_FILE = Duration.ofSeconds(2);
    private static final Duration RECEIPT_PING_EVERY = Duration.ofSeconds(20);

    private final Database db;
    private final Clock clock;
    private final EventBus events;
    private final FeatureParts features;
    private final Devices devices;
    private final RegisterRelay registerRelay;
    private final DeviceRegistry registry = new DeviceRegistry();
    private final RoomStates rooms = new RoomStates();
    private final RoomViews roomViews;
    private final Alerts alerts;
    private final OfflineWatch offline;
    private final NoShowRelease noShowRelease;
    private final SignupNoShows signupNoShows;
    private final MqttConnection mqtt;
    private final ReceiptConnection receiptConnection;
    private final RetainedPublisher retained;
    private final LiveState live;
    private final Ingestion ingestion;
    private final DoorKeysPublisher doorKeys;
    private final DoorCommands commands;
    private final Figures figures;
    private final FiguresFeed figuresFeed;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile LiveMetrics metrics;
    private volatile ReplicaEvents replicaEvents;

    LiveParts(LiveSettings settings, Database db, Leases leases, EventBus events, FeatureParts features,
            Clock clock) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.features = features;
        this.devices = new Devices(db, features.catalogue(), clock);
        this.registerRelay = new RegisterRelay(devices, this::known, registry::unregister,
                () -> registry.views(null).stream().map(DeviceRegistry.DeviceView::id).toList());
        this.roomViews = new RoomViews(db, features.catalogue(), rooms, clock);
        this.alerts = new Alerts(db, features.catalogue(), events, clock);
        this.offline = new OfflineWatch(registry, alerts, settings.offlineAfter(), clock);
        this.noShowRelease = new NoShowRelease(db, features.bookings(), clock, settings.noShowAfter(),
                settings.noShowSweep(), this::watched, this::occupiedNow, leases);
        this.signupNoShows = new SignupNoShows(db, clock, settings.noShowSweep(), leases);
        this.mqtt = settings.mqttEnabled()
                ? new MqttConnection(settings, this::arrived, this::publishRetained)
                : null;
        this.receiptConnection = mqtt != null && ReceiptConnection.supports(settings.mqttUrl())
                ? new ReceiptConnection(settings.mqttUrl(), settings.clientId() + "-receipts",
                        settings.mqttUsername(), settings.mqttPassword(), RECEIPT_PING_EVERY)
                : null;
        this.retained = mqtt == null ? null : new RetainedPublisher(mqtt);
        this.live = new LiveState(registry, rooms, roomViews, events, retained,
                new AlertRules(alerts, db, clock, settings.deniedBurst(), settings.deniedWindow(),
                        features.catalogue()), offline,
                noShowRelease::roomActivity, clock);
        this.ingestion = new Ingestion(db, registry::device, live, new Ingestion.Drops() {
            @Override
            public void malformed(String deviceId) {
                registry.countMalformed(deviceId);
            }

            @Override
            public void unauthorised(String deviceId) {
                registry.countDropped(deviceId);
            }
        }, message -> mqtt.acknowledge(message), () -> mqtt.redeliver(), receipts(), clock, settings.batchSize(),
                settings.receiveMaximum());
        this.doorKeys = new DoorKeysPublisher(features.catalogue(), features.bookings()::roomBookings,
                features.keys(), retained,
                new DoorKeysPublisher.Alarm() {
                    @Override
                    public void unpublishable(String hub, String room, int bytes, String reason) {
                        alerts.raise(hub, Alert.REVOCATIONS_UNPUBLISHABLE, room, null, new Name(
                                room + " 的撤销名单过大，未发给门禁：已取消的预约可能仍能开门",
                                "The revocation list of " + room + " (" + bytes + " bytes) was not sent: its doors"
                                        + " would refuse it (" + reason + "), so cancelled bookings may still open"
                                        + " them"));
                    }

                    @Override
                    public void publishable(String hub, String room) {
                        alerts.resolve(hub, Alert.REVOCATIONS_UNPUBLISHABLE, room, null);
                    }
                },
                clock);
        this.commands = new DoorCommands(features.keys(), mqtt == null ? null : (topic, payload) -> mqtt.publish(
                topic, payload, false), clock);
        this.figures = new Figures(db, features.checkins(), clock);
        this.figuresFeed = new FiguresFeed(figures, features.catalogue(), events, FIGURES_EVERY);
    }

    /**
     * Receipts go out on a connection of their own when the broker is reached over tcp:// or ssl:// (see
     * {@link ReceiptConnection}), else through Paho.
     */
    private Receipts receipts() {
        if (mqtt == null) {
            return Receipts.NONE;
        }
        return receiptConnection != null ? new Receipts(receiptConnection, clock)
                : new Receipts(mqtt::publishAtMostOnce, clock);
    }

    /**
     * Loads the devices and rooms, subscribes to the events, relays those of the other replicas and starts every
     * timer, thread and broker connection.
     */
    void start(EventJournal journal) {
        registry.load(db, devices.all());
        rooms.load(db);
        metrics = new LiveMetrics(ingestion.counters(), ingestion::queueLength, journal::listenerCount, registry,
                waitingByService());
        unsubscribe.add(events.subscribe(roomViews::onEvent)); // first: the others may read the rooms again
        unsubscribe.add(events.subscribe(doorKeys::onEvent));
        unsubscribe.add(events.subscribe(live::onEvent));
        unsubscribe.add(events.subscribe(figuresFeed::onEvent));
        // on PostgreSQL, events reach the screens of every replica
        replicaEvents = ReplicaEvents.start(db, events, journal, new OtherReplicas(registry, rooms, db)::accept)
                .orElse(null);
        registerRelay.start(db);
        features.accounts().shareForgetting(db);
        features.catalogue().shareCaches();
        offline.start();
        noShowRelease.start();
        signupNoShows.start();
        figuresFeed.start();
        doorKeys.watchKeys(WATCH_KEY_FILE);
        ingestion.start();
        if (mqtt != null) {
            retained.start();
            mqtt.start();
            if (receiptConnection != null) {
                receiptConnection.start();
            }
            doorKeys.start(REFRESH_DOOR_KEYS);
        }
    }

    /** Keys and revocations of every hub, and every room's state: what a broker that lost them needs again. */
    private void publishRetained() {
        doorKeys.publishAll();
        live.publishAllRooms();
    }

    private void arrived(MqttConnection.Inbound message) {
        ingestion.offer(message);
    }

    /** A device registered through the API: known here and, through the relay, in the other replicas. */
    void registered(Device device) {
        known(device);
        registerRelay.changed(device.id());
    }

    /** A device removed through the API: its messages are dropped from now on, here and in the other replicas. */
    void removed(String deviceId) {
        registry.unregister(deviceId);
        registerRelay.changed(deviceId);
    }

    /** Known to ingestion and counted in the metrics at once. */
    private void known(Device device) {
        registry.register(device);
        LiveMetrics current = metrics;
        if (current != null) {
            current.device(device.id());
        }
    }

    private boolean watched(String roomId) {
        return registry.views(null).stream().anyMatch(d -> d.online() && d.rooms().contains(roomId));
    }

    private boolean occupiedNow(String roomId) {
        return rooms.get(roomId).map(RoomStates.Sensed::occupied).orElse(false);
    }

    private Map<String, Supplier<Integer>> waitingByService() {
        Map<String, Supplier<Integer>> result = new LinkedHashMap<>();
        for (Hub hub : features.catalogue().hubs()) {
            for (ServiceItem service : features.catalogue().services(hub.id())) {
                result.put(service.id(), () -> features.queues().waiting(hub, service.id()));
            }
        }
        return result;
    }

    /** Stops what {@link #start} started. */
    @Override
    public void close() {
        if (mqtt != null) {
            mqtt.close();
            retained.close();
        }
        if (receiptConnection != null) {
            receiptConnection.close();
        }
        ingestion.close();
        noShowRelease.close();
        signupNoShows.close();
        offline.close();
        doorKeys.close();
        live.close();
        figuresFeed.close();
        unsubscribe.forEach(Runnable::run);
        if (metrics != null) {
            metrics.close();
        }
        if (replicaEvents != null) {
            replicaEvents.close();
        }
        registerRelay.close();
        features.accounts().stopSharing();
        features.catalogue().stopSharingCaches();
    }

    /**
     * Signs and sends a command to a device (every command central sends goes through {@link DoorCommands}).
     *
     * @return the command's id, or null when the broker is not reachable now
     */
    String sendCommand(String deviceId, String cmd, String room, Integer durationS) {
        CommandPayload sent = commands.send(deviceId, cmd, room, durationS);
        return sent == null ? null : sent.id();
    }

    boolean mqttConnected() {
        return mqtt != null && mqtt.connected();
    }

    Devices devices() {
        return devices;
    }

    DeviceRegistry registry() {
        return registry;
    }

    RoomViews roomViews() {
        return roomViews;
    }

    Alerts alerts() {
        return alerts;
    }

    NoShowRelease noShowRelease() {
        return noShowRelease;
    }

    SignupNoShows signupNoShows() {
        return signupNoShows;
    }

    Ingestion ingestion() {
        return ingestion;
    }

    Figures figures() {
        return figures;
    }
}
