package org.linli.kiosk;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javax.imageio.ImageIO;
import org.linli.kiosk.central.SampleCentral;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Screen;

/**
 * {@code --screenshots DIR}: opens the kiosk in a real window at each panel size (1920×1080, 1080×1920, 800×480),
 * walks every screen and step in both languages, and writes each as a PNG. With no configuration it runs against {@link SampleCentral}, so the pictures
 * show a believable hub and are the same on every machine.
 */
final class ScreenshotTour {
    /** The panels kiosks use: landscape full HD, portrait full HD, and the small 7-inch touchscreen. */
    static final java.util.List<int[]> SIZES = java.util.List.of(new int[] {1920, 1080}, new int[] {1080, 1920},
            new int[] {800, 480});

    private final Path dir;
    private final AdjustableClock clock;
    private final java.time.ZoneId zone;
    private Kiosk kiosk;
    private Stage stage;
    private String size;
    private int count;

    private ScreenshotTour(Path dir, AdjustableClock clock, java.time.ZoneId zone) {
        this.dir = dir;
        this.clock = clock;
        this.zone = zone;
    }

    /** @param sizes the panel sizes to draw, {@link #SIZES} for all */
    static int run(Path configFile, Path dir, java.util.List<int[]> sizes) {
        SampleCentral sample = null;
        try {
            Files.createDirectories(dir);
            // against the sample hub (in Shanghai, like the hub in the pictures) they are taken at 10:30 in the hub,
            // open, whatever the hour they run at
            java.time.ZoneId sampleZone = java.time.ZoneId.of("Asia/Shanghai");
            AdjustableClock clock = configFile != null ? new AdjustableClock(InstantSource.system())
                    : AdjustableClock.at(LocalTime.of(10, 30), sampleZone);
            KioskConfig config;
            Path data = Files.createTempDirectory("linli-kiosk-tour");
            if (configFile != null) {
                config = KioskConfig.load(configFile, System.getenv());
            } else {
                sample = new SampleCentral("tour-key", clock, sampleZone).start(0);
                config = KioskConfig.from(Map.of("central.url", sample.url().toString(), "kiosk.key", "tour-key",
                        "hub.id", SampleCentral.HUB, "data.dir", data.toString()));
            }
            // the kiosk shows its hub's times, whichever central service it talks to
            java.time.ZoneId zone = HubZone.await(config);
            Platform.startup(() -> { });
            if (!org.linli.kiosk.ui.Theme.fontInstalled()) {
                // pictures in another face would not show what a kiosk shows (nor fit the same way)
                System.err.println("linli kiosk: the kiosk's font " + org.linli.kiosk.ui.Theme.FONT
                        + " is not installed: apt-get install " + org.linli.kiosk.ui.Theme.FONT_PACKAGE);
                return 1;
            }
            ScreenshotTour tour = new ScreenshotTour(dir, clock, zone);
            for (int[] size : sizes) {
                tour.open(config, size[0], size[1]);
                for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
                    tour.walk(language, sample);
                }
                tour.quietAndClosed(sample);
                if (sample != null) {
                    tour.offline(sample);
                    sample.restart();
                }
                tour.fx(() -> {
                    tour.kiosk.close();
                    tour.stage.close();
                });
            }
            System.out.println("linli kiosk: wrote " + tour.count + " screenshots to " + dir.toAbsolutePath());
            return 0;
        } catch (ConfigException e) {
            System.err.println("linli kiosk: bad configuration: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("linli kiosk: screenshots failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            if (sample != null) {
                sample.close();
            }
            Platform.exit();
        }
    }

    private void open(KioskConfig config, int width, int height) throws Exception {
        size = width + "x" + height;
        fx(() -> {
            try {
                kiosk = new Kiosk(config, clock, () -> { }, width, height, zone);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            stage = new Stage(StageStyle.UNDECORATED);
            stage.setScene(kiosk.scene());
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            kiosk.start(System::nanoTime);
        });
        kiosk.settle();
    }

    private void walk(java.util.Locale language, SampleCentral sample) throws Exception {
        String lang = language.getLanguage();
        fx(() -> {
            kiosk.i18n().localeProperty().set(language);
            kiosk.shell().home();
        });
        shot("01-home", lang);

        go(Screen.CHECKIN);
        shot("02-checkin", lang);
        fx(() -> {
            kiosk.checkin().usePhone();
            "1380013".chars().forEach(c -> kiosk.checkin().phone().press((char) c));
        });
        shot("03-checkin-phone", lang);
        if (sample != null) {
            String token = sample.residentToken(42);
            fx(() -> kiosk.scanned(token));
            shot("04-checkin-welcome", lang);
        }

        go(Screen.QUEUE);
        shot("05-queue", lang);
        fx(() -> kiosk.queue().choose(kiosk.queue().tiles().get(0)));
        shot("06-queue-priority", lang);
        fx(() -> kiosk.queue().take(false));
        shot("07-queue-ticket", lang);

        go(Screen.ROOMS);
        shot("08-rooms", lang);
        fx(() -> kiosk.rooms().choose(kiosk.rooms().rooms().get(0).room()));
        kiosk.settle();
        fx(() -> kiosk.rooms().moveDay(1));
        kiosk.settle();
        fx(() -> {
            int first = firstFreePair();
            kiosk.rooms().tapSlot(first);
            kiosk.rooms().tapSlot(first + 1);
        });
        shot("09-rooms-timeline", lang);
        fx(() -> {
            kiosk.rooms().toDetails();
            kiosk.rooms().changeAttendees(5);
            kiosk.rooms().setPurpose("meeting");
            "13800138000".chars().forEach(c -> kiosk.rooms().phone().press((char) c));
        });
        shot("10-rooms-details", lang);
        fx(() -> kiosk.rooms().book());
        shot("11-rooms-booked", lang);

        go(Screen.ACTIVITIES);
        fx(() -> kiosk.activities().showWeek(true));
        shot("12-activities", lang);
        fx(() -> {
            var full = kiosk.activities().activities().stream().filter(a -> a.full()).findFirst()
                    .orElse(kiosk.activities().activities().get(0));
            kiosk.activities().choose(full);
            "13900139000".chars().forEach(c -> kiosk.activities().phone().press((char) c));
        });
        shot("13-activities-signup", lang);
        fx(() -> kiosk.activities().signUp());
        shot("14-activities-done", lang);

        go(Screen.RATING);
        shot("15-rating", lang);
        fx(() -> kiosk.rating().rate(5));
        shot("16-rating-thanks", lang);

        go(Screen.CARD);
        fx(() -> "13700137000".chars().forEach(c -> kiosk.card().phone().press((char) c)));
        shot("17-card-phone", lang);
        fx(() -> kiosk.card().request());
        shot("18-card", lang);

        go(Screen.QUEUE);
        CountDownLatch warned = new CountDownLatch(1);
        fx(() -> kiosk.shell().idle().warningProperty().addListener((o, a, b) -> {
            if (b) {
                warned.countDown();
            }
        }));
        clock.advance(Duration.ofSeconds(52));
        if (!warned.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the idle warning did not appear");
        }
        shot("19-idle-warning", lang);
        fx(() -> kiosk.shell().home());
    }

    private int firstFreePair() {
        var slots = kiosk.rooms().slots();
        for (int i = 0; i + 1 < slots.size(); i++) {
            if (slots.get(i).free() && slots.get(i + 1).free()) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The attract screen when no queue has anyone in it (with the sample hub only: it can empty its queues), and at
     * 03:33 in the hub, when it is closed and says when it opens.
     */
    private void quietAndClosed(SampleCentral sample) throws Exception {
        if (sample != null) {
            sample.quietQueues(true);
            home(I18n.CHINESE, "22-home-nobody-waiting");
            home(I18n.ENGLISH, "22-home-nobody-waiting");
        }
        Duration toNight = untilNext(LocalTime.of(3, 33), zone);
        clock.advance(toNight);
        home(I18n.CHINESE, "23-home-closed");
        home(I18n.ENGLISH, "23-home-closed");
        clock.advance(toNight.negated());
        if (sample != null) {
            sample.quietQueues(false);
        }
        fx(() -> kiosk.shell().home());
    }

    /** How far the kiosk's clock is from the next {@code time} in the hub's zone. */
    private Duration untilNext(LocalTime time, ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime next = now.toLocalDate().atTime(time).atZone(zone);
        return Duration.between(now, next.isAfter(now) ? next : next.plusDays(1));
    }

    private void home(java.util.Locale language, String name) throws Exception {
        fx(() -> {
            kiosk.i18n().localeProperty().set(language);
            kiosk.shell().home();
        });
        shot(name, language.getLanguage());
    }

    private void offline(SampleCentral sample) throws Exception {
        sample.stop();
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            fx(() -> {
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().home();
            });
            kiosk.settle();
            fx(() -> {
                kiosk.shell().go(Screen.CHECKIN);
                kiosk.checkin().usePhone();
                "13600136000".chars().forEach(c -> kiosk.checkin().phone().press((char) c));
                kiosk.checkin().submitPhone();
            });
            shot("20-offline-checkin", language.getLanguage());
            go(Screen.QUEUE);
            shot("21-offline-queue", language.getLanguage());
        }
    }

    private void go(Screen screen) throws Exception {
        fx(() -> kiosk.shell().go(screen));
        kiosk.settle();
    }

    private void shot(String name, String lang) throws Exception {
        kiosk.settle();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        fx(() -> image.set(kiosk.scene().snapshot(null)));
        BufferedImage png = SwingFXUtils.fromFXImage(image.get(), null);
        ImageIO.write(png, "png", dir.resolve(name + "-" + lang + "-" + size + ".png").toFile());
        count++;
    }

    private void fx(Runnable action) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the screen thread did not answer");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("tour step failed", failure.get());
        }
    }
}
