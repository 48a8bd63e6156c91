package org.linli.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * {@code ./linli kiosk [--config F]}. Without {@code --config} the file {@code /etc/linli/kiosk.yaml} is read when
 * present; {@code LINLI_*} variables override single keys. (The screenshot tour is a test-scope program,
 * {@code ./linli screenshots}: the production jar carries no stand-in central service.)
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    private static final Path DEFAULT_CONFIG = Path.of("/etc/linli/kiosk.yaml");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Warmup.start();
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(value(args, ++i, "--config"));
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if (configFile == null && Files.exists(DEFAULT_CONFIG)) {
            configFile = DEFAULT_CONFIG;
        }
        KioskConfig config;
        try {
            config = KioskConfig.load(configFile, System.getenv());
            if (config.centralCaFile() != null) {
                org.linli.kiosk.central.CentralTrust.trustOnly(config.centralCaFile());
            }
        } catch (java.io.IOException e) {
            System.err.println("linli kiosk: bad configuration: central.ca-file: " + e.getMessage());
            System.exit(2);
            return;
        } catch (ConfigException e) {
            System.err.println("linli kiosk: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(config);
    }

    private static void run(KioskConfig config) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        // asked while JavaFX starts, so the answer (or the kept one) is ready when the screens are built; on a first
        // start with the central service away, this waits for it (HubZone says why)
        var zone = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return HubZone.await(config);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while waiting for the hub's zone");
            }
        });
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        String healthFile = System.getenv("LINLI_HEALTH_FILE");
        if (healthFile != null && !healthFile.isBlank()) {
            // linli-run feeds the unit's watchdog only while the screen thread keeps touching this file
            ScreenHeartbeat.start(Path.of(healthFile), java.time.Duration.ofSeconds(10), Platform::runLater);
        }
        if (!org.linli.kiosk.ui.Theme.fontInstalled()) {
            LOG.log(System.Logger.Level.WARNING, "the kiosk's font " + org.linli.kiosk.ui.Theme.FONT
                    + " is not installed (Debian: apt-get install " + org.linli.kiosk.ui.Theme.FONT_PACKAGE
                    + "); Latin text falls back to another face and Chinese may not show at all");
        }
        ZoneId hubZone = zone.get();
        Platform.runLater(() -> {
            try {
                open(new Stage(StageStyle.UNDECORATED), config, InstantSource.system(), () -> {
                    LOG.log(System.Logger.Level.INFO, "staff closed the kiosk");
                    closed.countDown();
                }, hubZone).start(System::nanoTime);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "the kiosk could not start", e);
                System.err.println("linli kiosk: could not start: " + e.getMessage());
                System.exit(1);
            }
        });
        closed.await();
        Platform.exit();
        System.exit(0);
    }

    /**
     * Builds the kiosk for the screen it is on and shows it there, full screen; answers it, not started yet. Call on
     * the screen thread. The size is the screen's visual bounds (under cage the whole screen; on a desktop the part
     * its panels and task bar leave): the window fits even where full screen is refused, and the layout is chosen
     * for what is really seen, not for a screen's bounds that the desktop's bars partly cover.
     */
    static Kiosk open(Stage stage, KioskConfig config, InstantSource clock, Runnable exit, ZoneId zone)
            throws java.io.IOException {
        javafx.geometry.Rectangle2D area = javafx.stage.Screen.getPrimary().getVisualBounds();
        Kiosk kiosk = new Kiosk(config, clock, exit, area.getWidth(), area.getHeight(), zone);
        kiosk.guardAgainstCrashes();
        stage.setScene(kiosk.scene());
        stage.setX(area.getMinX());
        stage.setY(area.getMinY());
        stage.setWidth(area.getWidth());
        stage.setHeight(area.getHeight());
        if (config.hideCursor()) {
            // a touch screen has no mouse: an arrow parked in the middle of the screen only confuses
            kiosk.scene().setCursor(javafx.scene.Cursor.NONE);
        }
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        stage.setOnCloseRequest(e -> e.consume()); // only the staff PIN closes the kiosk
        stage.show();
        return kiosk;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("linli kiosk: " + problem
                + "\nusage: ./linli kiosk [--config F]");
        System.exit(2);
    }
}
