package org.linli.central;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.backup.DailyBackup;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.timers.Timers;

/** The running service: web server, the components and the daily job. Closing it stops all three. */
public final class CentralServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CentralServer.class.getName());
    private final Components components;
    private final WebServer server;
    private final ScheduledExecutorService daily;

    private CentralServer(Components components, WebServer server, ScheduledExecutorService daily) {
        this.components = components;
        this.server = server;
        this.daily = daily;
    }

    /** Without a broker: no ingestion, no retained publishing (tests of the API alone). */
    public static CentralServer start(Settings settings, Clock clock, boolean demo) {
        return start(settings, LiveSettings.from(io.helidon.config.Config.empty()), clock, demo);
    }

    public static CentralServer start(Settings settings, LiveSettings liveSettings, Clock clock, boolean demo) {
        Components components = Components.create(settings, liveSettings, clock);
        try {
            Seeding.apply(components, demo);
            WebServerConfig.Builder builder = WebServer.builder();
            if (settings.tls() != null) {
                Keys pem = Keys.builder().pem(files -> files
                        .certChain(Resource.create(settings.tls().certificate()))
                        .key(Resource.create(settings.tls().key()))).build();
                builder.tls(tls -> tls.privateKey(pem).privateKeyCertChain(pem));
            }
            WebServer server = builder
                    .host(settings.host())
                    .port(settings.port())
                    // Our own limit (http.max-body-bytes) answers with a problem detail; this one is the backstop.
                    .maxPayloadSize(Math.max(settings.maxBodyBytes() * 4, 1 << 20))
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .addFeature(ObserveFeature.just(
                            HealthObserver.builder()
                                    .details(true)
                                    .addCheck(() -> HealthCheckResponse.builder()
                                            .status(components.db().<Boolean>read(c -> c.isValid(2)).booleanValue())
                                            .build(), HealthCheckType.READINESS, "database")
                                    .build(),
                            MetricsObserver.create()))
                    .routing(routing -> Main.routing(routing, components))
                    .build()
                    .start();
            components.start();
            ScheduledExecutorService daily = Timers.single("linli-daily");
            daily.scheduleAtFixedRate(() -> runDailyInOneReplica(components), 1, Duration.ofDays(1).toMinutes(),
                    TimeUnit.MINUTES);
            LOG.log(Level.INFO, "Linli central service listening on port " + server.port()
                    + (settings.tls() == null ? " (plain HTTP)" : " (HTTPS)") + ", data in "
                    + settings.dataDir().toAbsolutePath());
            if (!liveSettings.mqttEnabled()) {
                LOG.log(Level.WARNING, "no MQTT broker configured (mqtt.url): doors, sensors and live occupancy are off");
            }
            if (!components.accounts().hasStaff()) {
                LOG.log(Level.WARNING, "nobody can sign in yet: create the first administrator with"
                        + " `./linli central admin add NAME --role admin` (deploy-pi/README.md, the first start)");
            }
            return new CentralServer(components, server, daily);
        } catch (RuntimeException e) {
            components.close();
            throw e;
        }
    }

    /** The daily jobs run in one replica a day: the lease outlasts the day but for an hour's slack. */
    private static void runDailyInOneReplica(Components components) {
        try {
            components.leases().runIfHeld("daily", Duration.ofHours(23), () -> runDaily(components));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the daily jobs could not start; they run again tomorrow", e);
        }
    }

    private static void runDaily(Components components) {
        try {
            components.retention().run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the daily retention job failed; it runs again tomorrow", e);
        }
        try {
            components.audit().purge();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the audit log's retention failed; it runs again tomorrow", e);
        }
        if (components.settings().backupDir() != null) {
            try {
                new DailyBackup(components.settings(), components.clock()).run()
                        .ifPresent(written -> LOG.log(Level.INFO, "backup written to " + written));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the daily backup failed; it runs again tomorrow", e);
            }
        }
    }

    public int port() {
        return server.port();
    }

    public Components components() {
        return components;
    }

    @Override
    public void close() {
        Timers.stop(daily, "the daily jobs");
        server.stop();
        components.close();
    }
}
