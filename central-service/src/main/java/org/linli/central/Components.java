package org.linli.central;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.linli.central.activities.Activities;
import org.linli.central.admin.StaffAdmin;
import org.linli.central.alerts.Alert;
import org.linli.central.alerts.AlertRules;
import org.linli.central.audit.AuditLog;
import org.linli.central.displays.DisplayKeys;
import org.linli.central.alerts.Alerts;
import org.linli.central.alerts.OfflineWatch;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Guard;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.checkin.Checkins;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.devices.Device;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.devices.RegisterRelay;
import org.linli.central.devices.Devices;
import org.linli.central.doorkeys.DoorCommands;
import org.linli.central.doorkeys.DoorKeysPublisher;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.events.EventBus;
import org.linli.central.events.EventJournal;
import org.linli.central.events.ReplicaEvents;
import org.linli.central.feedback.Feedbacks;
import org.linli.central.ingest.Ingestion;
import org.linli.central.ingest.MqttConnection;
import org.linli.central.ingest.ReceiptConnection;
import org.linli.central.ingest.Receipts;
import org.linli.central.ingest.RetainedPublisher;
import org.linli.central.kiosks.KioskKeys;
import org.linli.central.live.Figures;
import org.linli.central.live.FiguresFeed;
import org.linli.central.live.LiveMetrics;
import org.linli.central.live.LiveState;
import org.linli.central.live.OtherReplicas;
import org.linli.central.live.RoomStates;
import org.linli.central.live.RoomViews;
import org.linli.central.noshow.NoShowRelease;
import org.linli.central.noshow.NoShows;
import org.linli.central.queue.Queues;
import org.linli.central.residents.PhoneNumbers;
import org.linli.central.residents.ResidentSecret;
import org.linli.central.residents.Residents;
import org.linli.central.residents.Retention;
import org.linli.central.store.Database;
import org.linli.central.store.Databases;
import org.linli.central.store.Leases;
import org.linli.protocol.payload.CommandPayload;

/**
 * The one wiring root: every long-lived object of the service, built once here with plain constructors, in the
 * order they need each other. {@link #start} runs the timers, threads and broker connections; {@link #close} stops
 * them and closes the database. Without {@code mqtt.url} nothing is ingested or published to doors, the rest runs.
 */
public final class Components implements AutoCloseable {
    private static final Duration FIGURES_EVERY = Duration.ofSeconds(5);
    private static final Duration REFRESH_DOOR_KEYS = Duration.ofHours(1);
    private static final Duration RECEIPT_PING_EVERY = Duration.ofSeconds(20);

    private final Settings settings;
    private final Clock clock;
    private final Database db;
    private final Leases leases;
    private ReplicaEvents replicaEvents;
    private final RegisterRelay registerRelay;
    private final EventBus events = new EventBus();
    // Numbered and kept for a while, so that a live screen that reconnects gets what it missed.
    private final EventJournal journal = new EventJournal();
    private final Catalogue catalogue;
    private final TokenKeys keys;
    private final Residents residents;
    private final Accounts accounts;
    private final Guard guard;
    private final KioskKeys kioskKeys;
    private final NoShows noShows;
    private final Bookings bookings;
    private final Queues queues;
    private final Checkins checkins;
    private final Activities activities;
    private final Feedbacks feedbacks;
    private final Retention retention;
    private final StaffAdmin staffAdmin;
    private final AuditLog audit;
    private final DisplayKeys displayKeys;
    private final Devices devices;
    private final DeviceRegistry registry = new DeviceRegistry();
    private final RoomStates rooms = new RoomStates();
    private final RoomViews roomViews;
    private final Alerts alerts;
    private final OfflineWatch offline;
    private final NoShowRelease noShowRelease;
    private final MqttConnection mqtt;
    private final ReceiptConnection receiptConnection;
    private final RetainedPublisher retained;
    private final LiveState live;
    private final Ingestion ingestion;
    private final DoorKeysPublisher doorKeys;
    private final DoorCommands commands;
    private final Figures figures;
    private final FiguresFeed figuresFeed;
    private final ReportParts reports;
    private volatile LiveMetrics metrics;
    private final List<Runnable> unsubscribe = new java.util.ArrayList<>();

    private Components(Settings settings, LiveSettings liveSettings, Clock clock, Database db) {
        this.settings = settings;
        this.clock = clock;
        this.db = db;
        events.subscribe(journal);
        this.catalogue = new Catalogue(db);
        this.keys = TokenKeys.loadOrCreate(settings.dataDir().resolve("signing-key.properties"), clock);
        this.residents = new Residents(db, new PhoneNumbers(ResidentSecret.loadOrCreate(settings.secretFile())),
                keys, clock, Duration.ofDays(settings.cardDays()));
        this.accounts = new Accounts(db, clock, settings.sessionLength());
        this.guard = new Guard(accounts, hubId -> catalogue.hub(hubId).map(Hub::parent).orElse(null));
        this.kioskKeys = new KioskKeys(db, clock, accounts::forgetBearers);
        // The no-show rule spans every room of every hub: residents it blocks cannot book.
        this.noShows = new NoShows(db, liveSettings.noShowRule(), clock);
        this.bookings = new Bookings(db, catalogue, residents, keys, events, clock, noShows::blockedUntil);
        this.queues = new Queues(db, catalogue, residents, events, clock, settings.priorityRatio(),
                settings.noShowWindow());
        this.checkins = new Checkins(db, catalogue, residents, keys, events, clock);
        this.activities = new Activities(db, catalogue, residents, clock);
        this.feedbacks = new Feedbacks(db, events, clock);
        this.retention = new Retention(db, accounts, clock, Duration.ofDays(settings.retentionDays()));
        this.staffAdmin = new StaffAdmin(db, accounts, catalogue, clock);
        this.audit = new AuditLog(db, clock, Duration.ofDays(settings.retentionDays()));
        this.displayKeys = new DisplayKeys(db, clock, accounts::forgetBearers);

        this.devices = new Devices(db, catalogue, clock);
        this.registerRelay = new RegisterRelay(devices, this::known, registry::unregister);
        this.roomViews = new RoomViews(db, catalogue, rooms, clock);
        this.alerts = new Alerts(db, catalogue, events, clock);
        this.offline = new OfflineWatch(registry, alerts, liveSettings.offlineAfter(), clock);
        this.leases = new Leases(db, clock);
        this.noShowRelease = new NoShowRelease(db, bookings, clock, liveSettings.noShowAfter(),
                liveSettings.noShowSweep(), this::watched, this::occupiedNow, leases);
        this.mqtt = liveSettings.mqttEnabled()
                ? new MqttConnection(liveSettings, this::arrived, this::publishRetained)
                : null;
        this.receiptConnection = mqtt != null && ReceiptConnection.supports(liveSettings.mqttUrl())
                ? new ReceiptConnection(liveSettings.mqttUrl(), liveSettings.clientId() + "-receipts",
                        liveSettings.mqttUsername(), liveSettings.mqttPassword(), RECEIPT_PING_EVERY)
                : null;
        this.retained = mqtt == null ? null : new RetainedPublisher(mqtt);
        this.live = new LiveState(registry, rooms, roomViews, events, retained,
                new AlertRules(alerts, db, clock, liveSettings.deniedBurst(), liveSettings.deniedWindow()), offline,
                noShowRelease::roomActivity, clock);
        this.ingestion = new Ingestion(db, registry::device, live, new Ingestion.Drops() {
            @Override
            public boolean malformed(String deviceId) {
                return registry.countMalformed(deviceId);
            }

            @Override
            public boolean unauthorised(String deviceId) {
                return registry.countDropped(deviceId);
            }
        }, message -> mqtt.acknowledge(message), receipts(), clock, liveSettings.batchSize());
        this.doorKeys = new DoorKeysPublisher(catalogue, bookings::roomBookings, keys, retained,
                (hub, room, bytes, reason) -> alerts.raise(hub, Alert.REVOCATIONS_UNPUBLISHABLE, room, null, new Name(
                        room + " 的撤销名单过大，未发给门禁：已取消的预约可能仍能开门",
                        "The revocation list of " + room + " (" + bytes + " bytes) was not sent: its doors would"
                                + " refuse it (" + reason + "), so cancelled bookings may still open them")),
                clock);
        catalogue.onHubWritten(doorKeys::hubWritten);
        this.commands = new DoorCommands(keys, mqtt == null ? null : (topic, payload) -> mqtt.publish(topic, payload,
                false), clock);
        this.figures = new Figures(db, checkins, clock);
        this.figuresFeed = new FiguresFeed(figures, catalogue, events, FIGURES_EVERY);
        this.reports = ReportParts.create(settings, db, catalogue, clock, leases);
    }

    public static Components create(Settings settings, Clock clock) {
        return create(settings, LiveSettings.from(io.helidon.config.Config.empty()), clock);
    }

    public static Components create(Settings settings, LiveSettings liveSettings, Clock clock) {
        Database db = Databases.open(settings.dbUrl(), settings.dataDir());
        try {
            return new Components(settings, liveSettings, clock, db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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

    /** Loads the live state, subscribes to the events and starts every timer, thread and connection. */
    public void start() {
        registry.load(db, devices.all());
        rooms.load(db);
        metrics = new LiveMetrics(ingestion.counters(), ingestion::queueLength, journal::listenerCount, registry,
                waitingByService());
        unsubscribe.add(events.subscribe(doorKeys::onEvent));
        unsubscribe.add(events.subscribe(live::onEvent));
        unsubscribe.add(events.subscribe(figuresFeed::onEvent));
        // on PostgreSQL, events reach the screens of every replica
        replicaEvents = ReplicaEvents.start(db, events, journal, new OtherReplicas(registry, rooms, db)::accept)
                .orElse(null);
        registerRelay.start(db);
        accounts.shareForgetting(db);
        catalogue.shareCaches();
        offline.start();
        noShowRelease.start();
        figuresFeed.start();
        ingestion.start();
        reports.schedule().start();
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

    /**
     * A device registered through the API: known to ingestion and counted in the metrics at once, here and in the
     * other replicas.
     */
    public void registered(Device device) {
        known(device);
        registerRelay.changed(device.id());
    }

    /** A device removed through the API: its messages are dropped from now on, here and in the other replicas. */
    public void removed(String deviceId) {
        registry.unregister(deviceId);
        registerRelay.changed(deviceId);
    }

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
        for (Hub hub : catalogue.hubs()) {
            for (ServiceItem service : catalogue.services(hub.id())) {
                result.put(service.id(), () -> queues.waiting(hub, service.id()));
            }
        }
        return result;
    }

    /** Stops what {@link #start} started, then closes the database. */
    @Override
    public void close() {
        if (mqtt != null) {
            mqtt.close();
            retained.close();
        }
        if (receiptConnection != null) {
            receiptConnection.close();
        }
        reports.schedule().close();
        ingestion.close();
        noShowRelease.close();
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
        accounts.stopSharing();
        catalogue.stopSharingCaches();
        try {
            leases.releaseAll();
        } catch (RuntimeException e) {
            // the leases run out by themselves
        }
        db.close();
    }

    public ReportParts reports() {
        return reports;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public Database db() {
        return db;
    }

    /** Which replica runs the timers (one, when several share PostgreSQL). */
    public Leases leases() {
        return leases;
    }

    public EventBus events() {
        return events;
    }

    public EventJournal journal() {
        return journal;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public TokenKeys keys() {
        return keys;
    }

    public Residents residents() {
        return residents;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Guard guard() {
        return guard;
    }

    public KioskKeys kioskKeys() {
        return kioskKeys;
    }

    public NoShows noShows() {
        return noShows;
    }

    public Bookings bookings() {
        return bookings;
    }

    public Queues queues() {
        return queues;
    }

    public Checkins checkins() {
        return checkins;
    }

    public Activities activities() {
        return activities;
    }

    public Feedbacks feedbacks() {
        return feedbacks;
    }

    public Retention retention() {
        return retention;
    }

    public StaffAdmin staffAdmin() {
        return staffAdmin;
    }

    public AuditLog audit() {
        return audit;
    }

    public DisplayKeys displayKeys() {
        return displayKeys;
    }

    public Devices devices() {
        return devices;
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public RoomViews roomViews() {
        return roomViews;
    }

    public Alerts alerts() {
        return alerts;
    }

    public NoShowRelease noShowRelease() {
        return noShowRelease;
    }

    public Ingestion ingestion() {
        return ingestion;
    }

    public Figures figures() {
        return figures;
    }

    /** Call after the token-signing keys changed, so doors get the new public keys. */
    public void keysRotated() {
        doorKeys.keysRotated();
    }

    /**
     * Signs and sends a command to a device (every command central sends goes through {@link DoorCommands}).
     *
     * @return the command's id, or null when the broker is not reachable now
     */
    public String sendCommand(String deviceId, String cmd, String room, Integer durationS) {
        CommandPayload sent = commands.send(deviceId, cmd, room, durationS);
        return sent == null ? null : sent.id();
    }

    public boolean mqttConnected() {
        return mqtt != null && mqtt.connected();
    }
}
