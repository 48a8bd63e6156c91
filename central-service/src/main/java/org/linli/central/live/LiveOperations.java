package org.linli.central.live;

import io.helidon.webserver.http.HttpRouting;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.linli.central.Components;
import org.linli.central.access.TokenKeys;
import org.linli.central.alerts.AlertRules;
import org.linli.central.alerts.AlertService;
import org.linli.central.alerts.Alerts;
import org.linli.central.alerts.OfflineWatch;
import org.linli.central.booking.Bookings;
import org.linli.central.auth.Access;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.checkin.Checkins;
import org.linli.central.devices.Device;
import org.linli.central.devices.DeviceService;
import org.linli.central.devices.Devices;
import org.linli.central.events.EventBus;
import org.linli.central.events.EventJournal;
import org.linli.central.ingest.Ingestion;
import org.linli.central.ingest.MqttConnection;
import org.linli.central.ingest.ReceiptConnection;
import org.linli.central.ingest.Receipts;
import org.linli.central.noshow.NoShowRelease;
import org.linli.central.noshow.NoShows;
import org.linli.central.queue.Queues;
import org.linli.central.store.Database;

/**
 * Live operations in one piece: MQTT ingestion, live room and device state, alerts, the no-show release, their
 * HTTP routes and metrics. {@link #routing} adds the routes; {@link #start} and {@link #close} run and stop the
 * subscriber and the timers.
 */
public final class LiveOperations implements AutoCloseable {
    private static final String API = "/api/v1";
    private static final long FIGURES_EVERY_MS = 5_000;
    private static final Duration REFRESH_ACCESS = Duration.ofHours(1);
    private static final Duration RECEIPT_PING_EVERY = Duration.ofSeconds(20);

    private final LiveSettings settings;
    private final Database db;
    private final Catalogue catalogue;
    private final Queues queues;
    private final EventBus events;
    private final Access access;
    private final Clock clock;
    private final long maxBody;
    private final DeviceRegistry registry = new DeviceRegistry();
    private final RoomStates rooms = new RoomStates();
    private final RoomViews views;
    private final Devices devices;
    private final Alerts alerts;
    private final OfflineWatch offline;
    private final NoShows noShows;
    private final NoShowRelease noShowRelease;
    private final MqttConnection mqtt;
    private ReceiptConnection receiptConnection;
    private final RetainedPublisher retained;
    private final LiveState live;
    private final Ingestion ingestion;
    private final AccessPublisher accessPublisher;
    private final Figures figures;
    private final ScheduledExecutorService timer = FiguresFeed.newTimer();
    private final FiguresFeed figuresFeed;
    private final EventJournal journal;
    private LiveMetrics metrics;
    private Runnable unsubscribe = () -> { };

    public LiveOperations(LiveSettings settings, Database db, Catalogue catalogue, Bookings bookings, Queues queues,
            Checkins checkins, TokenKeys keys, EventBus events, EventJournal journal, Access access, Clock clock,
            long maxBody) {
        this.settings = settings;
        this.journal = journal;
        this.db = db;
        this.catalogue = catalogue;
        this.queues = queues;
        this.events = events;
        this.access = access;
        this.clock = clock;
        this.maxBody = maxBody;
        this.views = new RoomViews(db, catalogue, rooms, clock);
        this.devices = new Devices(db, catalogue, clock);
        this.alerts = new Alerts(db, catalogue, events, clock);
        this.offline = new OfflineWatch(registry, alerts, settings.offlineAfter(), clock);
        this.noShows = new NoShows(db, settings.noShowRule(), clock);
        bookings.enforce(noShows::blockedUntil);
        this.noShowRelease = new NoShowRelease(db, events, clock, settings.noShowAfter(), settings.noShowSweep(),
                this::watched, this::occupiedNow);
        this.mqtt = settings.mqttEnabled() ? new MqttConnection(settings, this::arrived) : null;
        this.retained = mqtt == null ? null : new RetainedPublisher(mqtt);
        AlertRules rules = new AlertRules(alerts, clock, settings.deniedBurst(), settings.deniedWindow());
        this.live = new LiveState(registry, rooms, views, events, retained, rules, offline,
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
        }, message -> mqtt.acknowledge(message), receipts(settings, mqtt, clock), clock, settings.batchSize());
        this.accessPublisher = new AccessPublisher(catalogue, bookings, keys, retained, live, clock);
        this.figures = new Figures(db, checkins, clock);
        this.figuresFeed = new FiguresFeed(figures, catalogue, events, timer);
    }

    /**
     * Receipts go out on a connection of their own when the broker is reached over tcp:// or ssl:// (see
     * {@link ReceiptConnection}), else through Paho.
     */
    private Receipts receipts(LiveSettings settings, MqttConnection mqtt, Clock clock) {
        if (mqtt == null) {
            return Receipts.NONE;
        }
        if (ReceiptConnection.supports(settings.mqttUrl())) {
            receiptConnection = new ReceiptConnection(settings.mqttUrl(), settings.clientId() + "-receipts",
                    settings.mqttUsername(), settings.mqttPassword(), RECEIPT_PING_EVERY);
            return new Receipts(receiptConnection, clock);
        }
        return new Receipts(mqtt::publishAtMostOnce, clock);
    }

    /** Wires live operations from the service's components. */
    public static LiveOperations of(LiveSettings settings, Components c) {
        return new LiveOperations(settings, c.db(), c.catalogue(), c.bookings(), c.queues(), c.checkins(), c.keys(),
                c.events(), c.journal(), c.access(), c.clock(), c.settings().maxBodyBytes());
    }

    /** Adds the live-operations routes under {@code /api/v1}; call before any catch-all route. */
    public void routing(HttpRouting.Builder routing) {
        routing.register(API,
                new LiveService(catalogue, views, registry, alerts, queues, figures, access, db, clock),
                new DayService(catalogue, access, db, clock),
                new DeviceService(devices, access, this::registered, maxBody),
                new AlertService(alerts, access));
    }

    public void start() {
        registry.load(db, devices.all());
        rooms.load(db);
        metrics = new LiveMetrics(ingestion.counters(), ingestion::queueLength,
                journal::listenerCount, registry, waitingByService());
        Runnable offAccess = events.subscribe(accessPublisher::onEvent);
        Runnable offFigures = events.subscribe(figuresFeed::onEvent);
        unsubscribe = () -> {
            offAccess.run();
            offFigures.run();
        };
        offline.start();
        noShowRelease.start();
        figuresFeed.start(FIGURES_EVERY_MS);
        ingestion.start();
        if (mqtt != null) {
            retained.start();
            mqtt.onConnected(this::publishRetained);
            mqtt.start();
            if (receiptConnection != null) {
                receiptConnection.start();
            }
            timer.scheduleWithFixedDelay(accessPublisher::publishAll, REFRESH_ACCESS.toMillis(),
                    REFRESH_ACCESS.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Keys and revocations of every hub, and every room's state: what a broker that lost them needs again. */
    private void publishRetained() {
        accessPublisher.publishAll();
        timer.execute(() -> catalogue.hubs().forEach(hub -> catalogue.rooms(hub.id())
                .forEach(room -> live.publishRoom(room.id(), clock.millis()))));
    }

    private void arrived(MqttConnection.Inbound message) {
        ingestion.offer(message);
    }

    private void registered(Device device) {
        registry.register(device);
        if (metrics != null) {
            metrics.device(device.id());
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
                result.put(service.id(), () -> waiting(hub, service.id()));
            }
        }
        return result;
    }

    private int waiting(Hub hub, String serviceId) {
        String day = LocalDate.now(clock.withZone(hub.timezone())).toString();
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? AND state = 'waiting'")) {
                st.setString(1, serviceId);
                st.setString(2, day);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Call after the token-signing keys changed, so doors get the new public keys. */
    public void keysRotated() {
        accessPublisher.keysRotated();
    }

    /** Numbered events for an SSE endpoint that resumes from {@code Last-Event-ID}. */
    public EventJournal journal() {
        return journal;
    }

    public Ingestion ingestion() {
        return ingestion;
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public Alerts alerts() {
        return alerts;
    }

    public NoShows noShows() {
        return noShows;
    }

    public NoShowRelease noShowRelease() {
        return noShowRelease;
    }

    public boolean mqttConnected() {
        return mqtt != null && mqtt.connected();
    }

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
        offline.close();
        accessPublisher.close();
        figuresFeed.close();
        unsubscribe.run();
        if (metrics != null) {
            metrics.close();
        }
    }
}
