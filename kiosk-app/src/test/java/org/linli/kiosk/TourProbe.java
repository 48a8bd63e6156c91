package org.linli.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * What the screenshot tour does between two panel sizes, against a real central service, in a JVM of its own
 * ({@link ScreenshotTourIT} starts it: JavaFX starts once per JVM, and this one may end it). Exits 3 when JavaFX ended
 * while the tour had no window open, 0 when the tour could go on to the next size.
 */
final class TourProbe {
    private TourProbe() {
    }

    /** @param args the kiosk's configuration file and the directory for the pictures */
    public static void main(String[] args) {
        int exit;
        try {
            exit = probe(Path.of(args[0]), Files.createDirectories(Path.of(args[1])));
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        }
        // the screen thread is not a daemon: without this a failed probe would hang instead of saying so
        System.exit(exit);
    }

    private static int probe(Path configFile, Path shots) throws Exception {
        KioskConfig config = KioskConfig.load(configFile, Map.of());
        ScreenshotTour tour = new ScreenshotTour(shots, new AdjustableClock(InstantSource.system()),
                HubZone.await(config));
        ScreenshotTour.startPlatform();
        AtomicReference<Thread> screenThread = new AtomicReference<>();
        CountDownLatch known = new CountDownLatch(1);
        Platform.runLater(() -> {
            screenThread.set(Thread.currentThread());
            known.countDown();
        });
        known.await();
        tour.open(config, 800, 480);
        tour.closeSize();
        // Nothing asks anything of the screen thread now, as between two sizes when the next one is slow to come: it
        // must still be there when it is. (A JavaFX that ends itself does so within milliseconds.)
        screenThread.get().join(3_000);
        if (!screenThread.get().isAlive()) {
            System.err.println("JavaFX ended while the tour was between two panel sizes");
            return 3;
        }
        tour.open(config, 800, 480);
        tour.shot("01-home", "zh");
        tour.closeSize();
        Platform.exit();
        return 0;
    }
}
