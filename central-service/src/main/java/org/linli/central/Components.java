package org.linli.central;

import java.time.Clock;
import org.linli.central.activities.Activities;
import org.linli.central.admin.StaffAdmin;
import org.linli.central.alerts.Alerts;
import org.linli.central.audit.AuditLog;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Guard;
import org.linli.central.auth.LoginThrottle;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.checkin.Checkins;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.devices.Device;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.devices.Devices;
import org.linli.central.displays.DisplayKeys;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.events.EventBus;
import org.linli.central.events.EventJournal;
import org.linli.central.feedback.Feedbacks;
import org.linli.central.ingest.Ingestion;
import org.linli.central.kiosks.KioskKeys;
import org.linli.central.live.Figures;
import org.linli.central.live.RoomViews;
import org.linli.central.noshow.NoShowRelease;
import org.linli.central.noshow.SignupNoShows;
import org.linli.central.noshow.NoShows;
import org.linli.central.queue.Queues;
import org.linli.central.residents.Residents;
import org.linli.central.residents.Retention;
import org.linli.central.store.Database;
import org.linli.central.store.Databases;
import org.linli.central.store.Leases;

/**
 * The one wiring root: every long-lived object of the service, built once with plain constructors, in the order
 * they need each other: the database and the event bus, then the {@link FeatureParts features} behind the API,
 * {@link LiveParts live operations} and {@link ReportParts reports}. {@link #start} runs the timers, threads and
 * broker connections; {@link #close} stops them and closes the database.
 */
public final class Components implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private final Database db;
    private final Leases leases;
    private final EventBus events = new EventBus();
    // Numbered and kept for a while, so that a live screen that reconnects gets what it missed.
    private final EventJournal journal = new EventJournal();
    private final FeatureParts features;
    private final LiveParts live;
    private final ReportParts reports;

    private Components(Settings settings, LiveSettings liveSettings, Clock clock, Database db) {
        this.settings = settings;
        this.clock = clock;
        this.db = db;
        events.subscribe(journal);
        this.leases = new Leases(db, clock);
        this.features = FeatureParts.create(settings, liveSettings, db, events, clock);
        this.live = new LiveParts(liveSettings, db, leases, events, features, clock);
        this.reports = ReportParts.create(settings, db, features.catalogue(), clock, leases);
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

    /** Loads the live state, subscribes to the events and starts every timer, thread and connection. */
    public void start() {
        live.start(journal);
        reports.schedule().start();
    }

    /** Stops what {@link #start} started, then closes the database. */
    @Override
    public void close() {
        reports.schedule().close();
        live.close();
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
        return features.catalogue();
    }

    public TokenKeys keys() {
        return features.keys();
    }

    public Residents residents() {
        return features.residents();
    }

    public Accounts accounts() {
        return features.accounts();
    }

    public Guard guard() {
        return features.guard();
    }

    public KioskKeys kioskKeys() {
        return features.kioskKeys();
    }

    public NoShows noShows() {
        return features.noShows();
    }

    public Bookings bookings() {
        return features.bookings();
    }

    public Queues queues() {
        return features.queues();
    }

    public Checkins checkins() {
        return features.checkins();
    }

    public Activities activities() {
        return features.activities();
    }

    public Feedbacks feedbacks() {
        return features.feedbacks();
    }

    public Retention retention() {
        return features.retention();
    }

    public StaffAdmin staffAdmin() {
        return features.staffAdmin();
    }

    public AuditLog audit() {
        return features.audit();
    }

    public DisplayKeys displayKeys() {
        return features.displayKeys();
    }

    public LoginThrottle loginThrottle() {
        return features.loginThrottle();
    }

    public Devices devices() {
        return live.devices();
    }

    public DeviceRegistry registry() {
        return live.registry();
    }

    public RoomViews roomViews() {
        return live.roomViews();
    }

    public Alerts alerts() {
        return live.alerts();
    }

    public NoShowRelease noShowRelease() {
        return live.noShowRelease();
    }

    public SignupNoShows signupNoShows() {
        return live.signupNoShows();
    }

    public Ingestion ingestion() {
        return live.ingestion();
    }

    public Figures figures() {
        return live.figures();
    }

    /**
     * A device registered through the API: known to ingestion and counted in the metrics at once, here and in the
     * other replicas.
     */
    public void registered(Device device) {
        live.registered(device);
    }

    /** A device removed through the API: its messages are dropped from now on, here and in the other replicas. */
    public void removed(String deviceId) {
        live.removed(deviceId);
    }

    /**
     * Signs and sends a command to a device.
     *
     * @return the command's id, or null when the broker is not reachable now
     */
    public String sendCommand(String deviceId, String cmd, String room, Integer durationS) {
        return live.sendCommand(deviceId, cmd, room, durationS);
    }

    public boolean mqttConnected() {
        return live.mqttConnected();
    }
}
