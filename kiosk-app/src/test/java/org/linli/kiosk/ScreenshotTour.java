package org.linli.kiosk;

import static org.linli.kiosk.OnScreen.fx;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javax.imageio.ImageIO;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.session.Screen;

/**
 * {@code ./linli screenshots}: opens the kiosk in a real window at each panel size (1920×1080, 1080×1920, 800×480),
 * walks every screen and step in both languages, and writes each as a PNG. It is a test-scope program: the kiosk's
 * production jar carries no tour and no stand-in central service. With no configuration it runs against the real
 * central service with its demo hub ({@link TestCentral}, in this JVM, a fresh one per panel size) at 10:30 in
 * Shanghai, with a morning's tickets, bookings and sign-ups made through the real API, so the pictures show a
 * believable hub and are the same on every machine; a configuration file or {@code LINLI_CENTRAL_URL} in the
 * environment (with the kiosk's key and hub) points it at another central service instead.
 *
 * <p>{@code ScreenshotTour DIR [--size 1080x1920] [--config F]}
 */
final class ScreenshotTour {
    /** The panels kiosks use: landscape full HD, portrait full HD, and the small 7-inch touchscreen. */
    static final java.util.List<int[]> SIZES = java.util.List.of(new int[] {1920, 1080}, new int[] {1080, 1920},
            new int[] {800, 480});
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Path dir;
    private final AdjustableClock clock;
    private final java.time.ZoneId zone;
    private Kiosk kiosk;
    private Stage stage;
    private String size;
    private int count;

    ScreenshotTour(Path dir, AdjustableClock clock, java.time.ZoneId zone) {
        this.dir = dir;
        this.clock = clock;
        this.zone = zone;
    }

    public static void main(String[] args) {
        Path dir = null;
        Path config = null;
        java.time.Instant at = null;
        java.util.List<int[]> sizes = SIZES;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[++i]);
                case "--size" -> sizes = java.util.List.of(size(args[++i]));
                case "--at" -> at = java.time.Instant.parse(args[++i]);
                default -> dir = Path.of(args[i]);
            }
        }
        if (dir == null) {
            System.err.println("usage: ScreenshotTour DIR [--size WIDTHxHEIGHT] [--config F] [--at INSTANT]");
            System.exit(2);
        }
        System.exit(run(config, dir, sizes, at));
    }

    private static int[] size(String text) {
        String[] parts = text.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /**
     * @param sizes the panel sizes to draw, {@link #SIZES} for all
     * @param at where the kiosk's clock starts against another central service: that service's own time when it is
     *     held at a moment (as in the tests); null for the machine's clock
     */
    static int run(Path configFile, Path dir, java.util.List<int[]> sizes, java.time.Instant at) {
        try {
            Files.createDirectories(dir);
            boolean demo = configFile == null && System.getenv("LINLI_CENTRAL_URL") == null;
            // against the demo hub (in Shanghai) they are taken at 10:30 in the hub, open, whatever the hour they run
            AdjustableClock clock = demo ? AdjustableClock.at(LocalTime.of(10, 30), SHANGHAI)
                    : new AdjustableClock(at == null ? java.time.InstantSource.system()
                            : java.time.InstantSource.fixed(at));
            Path data = Files.createTempDirectory("linli-kiosk-tour");
            startPlatform();
            if (!org.linli.kiosk.ui.Theme.fontInstalled()) {
                // pictures in another face would not show what a kiosk shows (nor fit the same way)
                System.err.println("linli kiosk: the kiosk's font " + org.linli.kiosk.ui.Theme.FONT
                        + " is not installed: apt-get install " + org.linli.kiosk.ui.Theme.FONT_PACKAGE);
                return 1;
            }
            int written = 0;
            for (int[] size : sizes) {
                Path round = data.resolve(size[0] + "x" + size[1]);
                if (demo) {
                    written += demoRound(dir, clock, round, size);
                } else {
                    KioskConfig config = configFile != null ? KioskConfig.load(configFile, System.getenv())
                            : KioskConfig.load(null, withDataDir(round));
                    ScreenshotTour tour = new ScreenshotTour(dir, clock, HubZone.await(config));
                    tour.open(config, size[0], size[1]);
                    for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
                        tour.walk(language, null);
                    }
                    tour.closeSize();
                    written += tour.count;
                }
            }
            System.out.println("linli kiosk: wrote " + written + " screenshots to " + dir.toAbsolutePath());
            return 0;
        } catch (ConfigException e) {
            System.err.println("linli kiosk: bad configuration: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("linli kiosk: screenshots failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            Platform.exit();
        }
    }

    /** The outbox of a tour without a file goes with its other throwaway data, not into ./data. */
    private static Map<String, String> withDataDir(Path data) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putIfAbsent("LINLI_DATA_DIR", data.toString());
        return env;
    }

    /**
     * One panel size against a fresh demo central: the attract screen with nobody waiting first, then a morning's
     * tickets, bookings and sign-ups made through the API, the walk in both languages, the closed hub at night, and
     * the kiosk with the central service gone.
     */
    private static int demoRound(Path dir, AdjustableClock clock, Path data, int[] size) throws Exception {
        try (TestCentral central = TestCentral.start(data.resolve("central"), clock, SHANGHAI, Map.of())) {
            KioskConfig config = KioskConfig.from(Map.of("central.url", central.url().toString(), "kiosk.key",
                    central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir", data.resolve("kiosk").toString(),
                    "staff.pin", "2468"));
            ScreenshotTour tour = new ScreenshotTour(dir, clock, HubZone.await(config));
            tour.open(config, size[0], size[1]);
            for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
                tour.home(language, "22-home-nobody-waiting", "#serving-strip", "home.allNoWait");
            }
            morning(central, clock);
            for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
                tour.walk(language, central);
            }
            tour.staffPin();
            tour.closed();
            tour.holiday(central);
            tour.calledOff(central);
            tour.offline(central);
            tour.closeSize();
            return tour.count;
        }
    }

    /**
     * What a morning leaves behind, made through the real API: people waiting at three services and two numbers
     * called, rooms booked today and tomorrow (the day bars and the timeline show them), a room closed for repairs
     * this afternoon and another tomorrow morning, and one activity full.
     */
    private static void morning(TestCentral central, AdjustableClock clock) {
        morningQueues(central);
        LocalDate today = LocalDate.ofInstant(clock.instant(), SHANGHAI);
        book(central, "activity-room", today, 13, 15);
        book(central, "activity-room", today, 18, 20);
        book(central, "activity-room", today.plusDays(1), 8, 9);
        book(central, "activity-room", today.plusDays(1), 14, 16);
        book(central, "reading-room", today, 11, 12);
        book(central, "classroom", today, 11, 21);
        central.block("reading-room", today, "15:00", "17:00", "new floor");
        // and the activity room tomorrow at 11, where the timeline's picture shows its striped "repairs" slots
        central.block("activity-room", today.plusDays(1), "11:00", "12:00", "new lights");
        central.fill("demo-health-1", 30);
    }

    /**
     * The morning's queues: people waiting at three services and two numbers called, so that the now-serving strip
     * holds three services and one of them, nobody called there yet, shows how many wait instead of a number
     * ({@link LayoutFitIT} checks the attract screen fits with them).
     */
    static void morningQueues(TestCentral central) {
        queues(central, new String[] {"affairs", "elderly-care", "health"}, new int[] {6, 3, 1}, "counter-1",
                "counter-2");
    }

    /** {@code waiting[i]} tickets of each of {@code services} drawn in turn, then the next called at each counter. */
    static void queues(TestCentral central, String[] services, int[] waiting, String... counters) {
        for (int i = 0; i < services.length; i++) {
            for (int n = 0; n < waiting[i]; n++) {
                central.drawTicket(services[i]);
            }
        }
        for (String counter : counters) {
            central.callNext(counter);
        }
    }

    private static int phones;

    /** Booked by different residents (each may hold only a few bookings), in pieces the rooms' rules allow. */
    private static void book(TestCentral central, String room, LocalDate day, int from, int to) {
        for (int h = from; h < to; h += 2) {
            central.book(room, day.atTime(h, 0).atZone(SHANGHAI).toOffsetDateTime(),
                    day.atTime(Math.min(to, h + 2), 0).atZone(SHANGHAI).toOffsetDateTime(),
                    String.format("1380000%04d", ++phones));
        }
    }

    /**
     * Starts JavaFX for the tour. The tour closes its window after each panel size before it opens the next, and
     * JavaFX's default is to end itself as soon as the screen thread is idle with no window open: a late answer from
     * the central service (the live events of a real hub keep coming) was enough to let it end in between, and every
     * later step then waited on a screen thread that no longer existed.
     */
    static void startPlatform() {
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
    }

    void open(KioskConfig config, int width, int height) throws Exception {
        size = width + "x" + height;
        fx(() -> {
            stage = new Stage(StageStyle.UNDECORATED);
            kiosk = OnScreen.show(stage, config, clock, () -> { }, width, height, zone);
        });
        kiosk.settle();
    }

    /** @param central the demo central (a resident's card is drawn from it), or null for another one */
    private void walk(java.util.Locale language, TestCentral central) throws Exception {
        String lang = language.getLanguage();
        home(language, "01-home");

        go(Screen.CHECKIN);
        shot("02-checkin", lang);
        fx(() -> {
            kiosk.checkin().usePhone();
            "1380013".chars().forEach(c -> kiosk.checkin().phone().press((char) c));
        });
        shot("03-checkin-phone", lang);
        if (central != null) {
            String token = central.residentCard("13900001234");
            fx(() -> kiosk.scanned(token));
            shot("04-checkin-welcome", lang);
            // done: the kiosk goes back to its own language for the next resident, who reads this walk's
            fx(() -> {
                kiosk.shell().finish();
                kiosk.i18n().localeProperty().set(language);
            });
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
        if (size.equals("800x480")) {
            // the small panel asks who books in a step of its own: how many and what for did not fit beside the keypad
            fx(() -> kiosk.rooms().toPhone());
            shot("10-rooms-phone", lang);
        }
        fx(() -> kiosk.rooms().book());
        agreeIfAsked();
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
        agreeIfAsked();
        shot("14-activities-done", lang);

        go(Screen.RATING);
        shot("15-rating", lang);
        fx(() -> kiosk.rating().rate(5));
        shot("16-rating-thanks", lang);

        go(Screen.CARD);
        fx(() -> "13700137000".chars().forEach(c -> kiosk.card().phone().press((char) c)));
        shot("17-card-phone", lang);
        if (central != null) {
            // a number the demo hub does not know: the privacy notice, then "back", which keeps nothing
            fx(() -> {
                kiosk.card().phone().reset();
                "13300133180".chars().forEach(c -> kiosk.card().phone().press((char) c));
                kiosk.card().request();
            });
            kiosk.settle();
            shot("17-card-consent", lang);
            fx(() -> {
                kiosk.consent().back();
                "13700137000".chars().forEach(c -> kiosk.card().phone().press((char) c));
            });
        }
        fx(() -> kiosk.card().request());
        agreeIfAsked();
        shot("18-card", lang);
        if (central != null) {
            myBookings(language, central);
        }

        // the idle warning where it matters most: over a ticket the resident is still reading
        go(Screen.QUEUE);
        fx(() -> kiosk.queue().choose(kiosk.queue().tiles().get(1)));
        fx(() -> kiosk.queue().take(false));
        kiosk.settle();
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
        fx(() -> {
            kiosk.shell().finish();
            kiosk.i18n().localeProperty().set(language);
        });
        if (central != null) {
            refusal(lang, central);
        }
    }

    /**
     * "My bookings": the card asked for, the list (with the booking made above), cancelling one and its result; then
     * the visit is over, and the walk goes on in its language.
     */
    private void myBookings(java.util.Locale language, TestCentral central) throws Exception {
        String lang = language.getLanguage();
        fx(() -> {
            kiosk.shell().finish();
            kiosk.i18n().localeProperty().set(language);
        });
        go(Screen.MY_BOOKINGS);
        shot("28-my-bookings-card", lang);
        String card = central.residentCard("13800138000");
        fx(() -> kiosk.scanned(card));
        shot("29-my-bookings", lang);
        fx(() -> kiosk.myBookings().choose(kiosk.myBookings().bookings().getFirst()));
        shot("30-my-bookings-cancel", lang);
        fx(() -> kiosk.myBookings().cancel());
        shot("31-my-bookings-cancelled", lang);
        fx(() -> {
            kiosk.shell().finish();
            kiosk.i18n().localeProperty().set(language);
        });
    }

    /** A refusal: the time the resident chose is booked at another kiosk just before they confirm. */
    private void refusal(String lang, TestCentral central) throws Exception {
        go(Screen.ROOMS);
        fx(() -> kiosk.rooms().choose(kiosk.rooms().rooms().get(1).room()));
        kiosk.settle();
        fx(() -> kiosk.rooms().moveDay(2));
        kiosk.settle();
        int first = firstFreePair();
        var slot = kiosk.rooms().slots().get(first);
        fx(() -> {
            kiosk.rooms().tapSlot(first);
            kiosk.rooms().toDetails();
            kiosk.rooms().setPurpose("class");
            if (size.equals("800x480")) {
                kiosk.rooms().toPhone(); // the small panel's second step; the larger ones book from the details
            }
            "13500135000".chars().forEach(c -> kiosk.rooms().phone().press((char) c));
        });
        central.book(kiosk.rooms().roomProperty().get().id(), slot.start(), slot.end(), "13500135001");
        fx(() -> kiosk.rooms().book());
        shot("27-rooms-refused", lang);
        fx(() -> kiosk.shell().finish());
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

    /** The staff PIN pad over the attract screen (five quick taps on the logo), three digits typed. */
    private void staffPin() throws Exception {
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            fx(() -> {
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().home();
                for (int i = 0; i < 5; i++) {
                    kiosk.staffExit().logoTapped();
                }
                "246".chars().forEach(c -> kiosk.staffExit().entry().press((char) c));
            });
            shot("36-staff-pin", language.getLanguage());
            fx(() -> kiosk.staffExit().cancel());
        }
        fx(() -> kiosk.shell().finish());
    }

    /** The attract screen at 03:33 in the hub, when it is closed and says when it opens. */
    private void closed() throws Exception {
        Duration toNight = untilNext(LocalTime.of(3, 33), zone);
        clock.advance(toNight);
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            home(language, "23-home-closed", "#closed-notice", null);
        }
        clock.advance(toNight.negated());
        fx(() -> kiosk.shell().home());
    }

    /**
     * A holiday today and tomorrow, set as an administrator sets it: the attract screen says the hub is closed today
     * and when it opens again, and the rooms have no slot today. The week is set back afterwards.
     */
    private void holiday(TestCentral central) throws Exception {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        central.week("08:00", "21:00", java.util.Set.of(), java.util.List.of(today, today.plusDays(1)));
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            home(language, "33-home-holiday");
            go(Screen.ROOMS);
            shot("34-rooms-holiday", language.getLanguage());
        }
        central.week("08:00", "21:00", java.util.Set.of(), java.util.List.of());
        fx(() -> kiosk.shell().finish());
    }

    /**
     * An activity the hub calls off while the week's list is on the kiosk (the first still open, so that the small
     * panel shows it too): told by the live event, the list says "已取消" on it, and its button cannot be tapped.
     */
    private void calledOff(TestCentral central) throws Exception {
        go(Screen.ACTIVITIES);
        fx(() -> kiosk.activities().showWeek(true));
        kiosk.settle();
        var next = kiosk.activities().activities().stream()
                .filter(a -> !a.full() && a.end().toInstant().isAfter(clock.instant())).findFirst().orElseThrow();
        central.post("/api/v1/activities/" + next.id() + "/cancel", central.staffToken("admin"),
                Map.of("reason", "the speaker is ill"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> kiosk.activities().calledOff().contains(next.id()));
        fx(() -> kiosk.shell().idle().touch());
        kiosk.settle();
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            fx(() -> kiosk.i18n().localeProperty().set(language));
            shot("35-activities-called-off", language.getLanguage());
        }
        fx(() -> kiosk.shell().finish());
    }

    /** How far the kiosk's clock is from the next {@code time} in the hub's zone. */
    private Duration untilNext(LocalTime time, ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime next = now.toLocalDate().atTime(time).atZone(zone);
        return Duration.between(now, next.isAfter(now) ? next : next.plusDays(1));
    }

    /** The attract screen in {@code language}, drawn as {@code name}. */
    private void home(java.util.Locale language, String name) throws Exception {
        home(language, name, null, null);
    }

    /**
     * The attract screen in {@code language}, drawn as {@code name} once it shows what the picture is for: the node
     * {@code selector}, with a text of {@code key}'s words in it unless {@code key} is null. A picture of something
     * else under that name is not drawn: the tour fails instead.
     */
    private void home(java.util.Locale language, String name, String selector, String key) throws Exception {
        fx(() -> {
            kiosk.i18n().localeProperty().set(language);
            kiosk.shell().home();
        });
        if (selector != null) {
            kiosk.settle();
            AtomicReference<Boolean> shown = new AtomicReference<>(false);
            fx(() -> shown.set(kiosk.scene().getRoot().lookupAll(selector).stream().anyMatch(node -> node.isVisible()
                    && (key == null || node.lookupAll(".label").stream().anyMatch(label -> label instanceof Labeled l
                            && l.getText().equals(kiosk.i18n().get(key)))))));
            if (!shown.get()) {
                throw new IllegalStateException(name + " (" + language + ", " + size + "): the attract screen shows no "
                        + selector + (key == null ? "" : " saying '" + kiosk.i18n().get(key) + "'"));
            }
        }
        shot(name, language.getLanguage());
    }

    /** With the central service gone: what still works (check-in, rating) and what says it cannot (the rest). */
    private void offline(TestCentral central) throws Exception {
        central.stop();
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            String lang = language.getLanguage();
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
            shot("20-offline-checkin", lang);
            go(Screen.QUEUE);
            shot("21-offline-queue", lang);
            home(language, "24-offline-home");
            go(Screen.ROOMS);
            shot("25-offline-rooms", lang);
            go(Screen.ACTIVITIES);
            shot("26-offline-activities", lang);
            go(Screen.MY_BOOKINGS);
            shot("32-offline-my-bookings", lang);
        }
    }

    /**
     * Waits for the header's clock to show the kiosk's time. The header redraws it four times a second, so a picture
     * taken at once after the tour moved the clock (to 03:33 for the closed hub) showed the time before the move
     * beside a notice of the night: "10:32" over "现在闭馆，今天 08:00 开门". Only a change of language redraws the
     * header at once, so the English picture (the language switched) was right and the Chinese one (the walk had
     * already gone back to Chinese) was wrong whenever the screen was quicker than the next tick.
     */
    private void headerOnTime(String picture) {
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        AtomicReference<String> shown = new AtomicReference<>();
        AtomicReference<String> expected = new AtomicReference<>();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        expected.set(hhmm.format(clock.instant().atZone(zone)));
                        fx(() -> shown.set(kiosk.scene().getRoot().lookup(".clock") instanceof Labeled time
                                ? time.getText() : null));
                        // no clock while the idle warning of a result screen stands in the header's place
                        return shown.get() == null || shown.get().equals(expected.get());
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(picture + " (" + size + "): the header's clock says " + shown.get()
                    + ", the kiosk's clock " + expected.get());
        }
    }

    /** Closes the kiosk and the window of one panel size. */
    void closeSize() throws Exception {
        fx(() -> {
            kiosk.close();
            stage.close();
        });
    }

    private void go(Screen screen) throws Exception {
        fx(() -> kiosk.shell().go(screen));
        kiosk.settle();
    }

    /**
     * Against another central service the tour's numbers may be new there: the resident agrees to the privacy
     * notice, as they would, and the step goes on.
     */
    private void agreeIfAsked() throws Exception {
        kiosk.settle();
        if (kiosk.consent().asking()) {
            fx(() -> kiosk.consent().agree());
            kiosk.settle();
        }
    }

    void shot(String name, String lang) throws Exception {
        kiosk.settle();
        headerOnTime(name + "-" + lang);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        fx(() -> image.set(kiosk.scene().snapshot(null)));
        BufferedImage png = SwingFXUtils.fromFXImage(image.get(), null);
        ImageIO.write(png, "png", dir.resolve(name + "-" + lang + "-" + size + ".png").toFile());
        count++;
    }
}
