package org.linli.central;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.linli.central.activities.ActivityService;
import org.linli.central.activities.Roster;
import org.linli.central.admin.StaffService;
import org.linli.central.alerts.AlertService;
import org.linli.central.audit.AuditService;
import org.linli.central.auth.AuthService;
import org.linli.central.booking.BookingService;
import org.linli.central.booking.Desk;
import org.linli.central.booking.DeskService;
import org.linli.central.catalogue.CatalogueService;
import org.linli.central.checkin.CheckinService;
import org.linli.central.config.BadConfigException;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.devices.CommandLog;
import org.linli.central.devices.DeviceService;
import org.linli.central.displays.DisplayService;
import org.linli.central.events.EventStreamService;
import org.linli.central.feedback.FeedbackService;
import org.linli.central.kiosks.KioskKeyService;
import org.linli.central.kiosks.KioskStatuses;
import org.linli.central.live.DayService;
import org.linli.central.live.DaySoFar;
import org.linli.central.live.LiveService;
import org.linli.central.pages.PageService;
import org.linli.central.queue.QueueService;
import org.linli.central.privacy.Erasure;
import org.linli.central.privacy.ResidentDataService;
import org.linli.central.privacy.ResidentRecords;
import org.linli.central.residents.ResidentService;
import org.linli.central.store.Migrations;
import org.linli.central.web.ObserveGate;
import org.linli.central.web.OpenApiService;
import org.linli.central.web.Problems;
import org.linli.central.web.SecurityHeaders;

/**
 * {@code ./linli central [--config F] [--data DIR] [--port N] [--demo]}, or one of the maintenance commands of
 * {@link Tools} ({@code ./linli central admin add ...}).
 */
public final class Main {
    public static final String API = "/api/v1";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Tools.handles(args)) {
            LogConfig.configureRuntime(); // the service's levels: no database migration chatter in a command's output
            // Maintenance commands print for the person at the terminal and exit; they start no server.
            System.exit(new Tools(new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)), System.out, System.err, Clock.systemUTC(),
                    java.util.Locale.getDefault()).run(args));
            return;
        }
        LogConfig.configureRuntime();
        CentralServer server;
        try {
            Arguments arguments = Arguments.parse(args);
            Config config = ConfigLoader.load(arguments.config(), System.getenv(), arguments.overrides());
            server = CentralServer.start(Settings.from(config), LiveSettings.from(config), Clock.systemUTC(),
                    arguments.demo());
        } catch (BadConfigException | IllegalArgumentException e) {
            System.err.println("linli central: " + e.getMessage());
            System.exit(2);
            return;
        }
        // What only start-up needed is garbage now: Flyway's classes (store.Migrations loaded them apart), the
        // configuration's parse, the catalogue's seed. One full collection unloads and returns it at once rather
        // than whenever the old generation next fills, which at a hub's rates can be days (README.md: benchmarks).
        Migrations.release();
        System.gc();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** The API's services, each under {@value #API}; the OpenAPI test walks the same list. */
    public static List<HttpService> services(Components c) {
        long body = c.settings().maxBodyBytes();
        return List.of(
                new CatalogueService(c.catalogue(), c.guard(), body, c.clock()),
                new BookingService(c.bookings(), c.catalogue(), c.keys(), c.guard(), body),
                new DeskService(new Desk(c.db(), c.bookings(), c.residents(), c.clock()), c.catalogue(), c.guard(),
                        c.clock(), body),
                new ResidentService(c.residents(), c.catalogue(), c.guard(), body),
                residentData(c),
                new QueueService(c.queues(), c.catalogue(), c.guard(), body, c.settings().publicUrl()),
                new CheckinService(c.checkins(), c.catalogue(), c.guard(), body),
                new ActivityService(c.activities(), new Roster(c.db(), c.catalogue()), c.catalogue(), c.guard(),
                        c.clock(), body),
                new FeedbackService(c.feedbacks(), c.guard(), body),
                new AuthService(c.accounts(), c.loginThrottle(), body),
                new KioskKeyService(c.kioskKeys(), new KioskStatuses(c.db(), c.clock()), c.catalogue(), c.guard(),
                        body),
                new EventStreamService(c.journal(), c.guard(), c.roomViews()::events),
                c.reports().reportService(c),
                c.reports().calendarService(c),
                new StaffService(c.staffAdmin(), c.guard(), body),
                audit(c),
                displays(c));
    }

    private static ResidentDataService residentData(Components c) {
        ResidentRecords records = new ResidentRecords(c.db(), c.residents(), c.noShows(), c.clock(),
                java.time.Duration.ofDays(c.settings().retentionDays()));
        return new ResidentDataService(records, new Erasure(c.db(), c.bookings(), c.activities(), c.clock()),
                c.noShows(), c.catalogue(), c.guard(), c.clock(), c.settings().maxBodyBytes());
    }

    private static DisplayService displays(Components c) {
        return new DisplayService(c.displayKeys(), c.catalogue(), c.guard(), c.accounts()::identify,
                c.settings().maxBodyBytes());
    }

    private static AuditService audit(Components c) {
        return new AuditService(c.audit(), c.guard(), c.catalogue(), c.accounts()::identify,
                c.staffAdmin()::hubOf);
    }

    /** Live operations' services (the hub's snapshot, devices, alerts), documented in docs/api.md only. */
    public static List<HttpService> liveServices(Components c) {
        return List.of(
                new LiveService(c.catalogue(), c.roomViews(), c.registry(), c.alerts(), c.queues(), c.figures(),
                        c.guard(), c.clock()),
                new DayService(c.catalogue(), c.guard(), new DaySoFar(c.db(), c.clock())),
                new DeviceService(c.devices(), c.guard(), c::registered, c::removed, c::sendCommand,
                        new CommandLog(c.db(), c.clock()), c.settings().maxBodyBytes()),
                new AlertService(c.alerts(), c.guard()));
    }

    /** The whole routing. */
    public static void routing(HttpRouting.Builder routing, Components c) {
        Problems.register(routing);
        routing.addFilter(SecurityHeaders::filter);
        routing.addFilter(new ObserveGate(c.guard()::isSignedInStaff)::filter);
        // a display key reaches its screens' routes only, whatever their guards allow
        routing.addFilter(displays(c).filter());
        // every change a member of staff makes is written to the audit log once it is answered
        routing.addFilter(audit(c).filter());
        routing.register("/openapi", new OpenApiService());
        for (HttpService service : services(c)) {
            routing.register(API, service);
        }
        for (HttpService service : liveServices(c)) {
            routing.register(API, service);
        }
        routing.any("/api/*", Problems::noSuchRoute);
        routing.register(new PageService(c.guard()::isStaff));
    }

    /** The command line. */
    record Arguments(Path config, Map<String, String> overrides, boolean demo) {
        static Arguments parse(String[] args) {
            Path config = null;
            Map<String, String> overrides = new HashMap<>();
            boolean demo = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--data" -> overrides.put("data.dir", value(args, ++i, "--data"));
                    case "--port" -> overrides.put("server.port", value(args, ++i, "--port"));
                    case "--demo" -> demo = true;
                    default -> throw new BadConfigException("unknown option '" + args[i]
                            + "'; usage: central [--config F] [--data DIR] [--port N] [--demo]");
                }
            }
            return new Arguments(config, overrides, demo);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new BadConfigException(option + " needs a value");
            }
            return args[index];
        }
    }
}
