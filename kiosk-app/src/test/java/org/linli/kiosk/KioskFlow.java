package org.linli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the kiosk flows share: a real central service per test (the demo's catalogue, in this JVM, on the kiosk's
 * clock), a real broker for the rooms' sensors, the kiosk on screen (headless Monocle) and the taps. Three classes
 * of flows use it ({@link KioskFlowIT}, {@link KioskRoomsFlowIT}, {@link KioskDayFlowIT}) so that failsafe's three
 * JVMs can take one each.
 */
abstract class KioskFlow {
    /** How long a step may take at most: generous, because CI machines are sometimes busy; a passing step is fast. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    static MosquittoBroker broker;
    @Parameter
    HubTime time;
    @TempDir
    Path dir;
    AdjustableClock clock;
    final AtomicInteger exits = new AtomicInteger();
    final FxRobot robot = new FxRobot();
    TestCentral central;
    Kiosk kiosk;
    Path frames;

    @BeforeAll
    static void platform() throws Exception {
        FxToolkit.registerPrimaryStage();
        broker = MosquittoBroker.start(shared.resolve("broker"), "allow_anonymous true");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /**
     * Every moment of {@link HubTime} once, each in a zone that is neither Shanghai's nor, on any machine that is not
     * set to one of them, the machine's: Kiritimati (UTC+14, its date a day ahead of the world's) and St John's
     * (UTC-3:30) taking turns, so that the hub's date differs from Shanghai's and UTC's at 00:05 in Kiritimati, at
     * 23:55 and on the last day of February in St John's (Shanghai is in March already), and the new year comes to
     * the hub in Kiritimati while UTC and Shanghai are still in the old one.
     */
    static java.util.stream.Stream<HubTime> everyMoment() {
        return java.util.stream.Stream.of(HubTime.of("00:05", HubTime.KIRITIMATI),
                HubTime.of("08:59", HubTime.ST_JOHNS), HubTime.of("12:00", HubTime.KIRITIMATI),
                HubTime.of("23:55", HubTime.ST_JOHNS), HubTime.of("month's last day", HubTime.ST_JOHNS),
                HubTime.of("crossing midnight", HubTime.KIRITIMATI));
    }

    /** A test that needs the hub's own opening hours; the others run in a hub open around the clock. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @interface OpeningHours {
        String open();

        String close();
    }

    @BeforeEach
    void open(org.junit.jupiter.api.TestInfo test) throws Exception {
        clock = TestCentral.clockAt(time);
        // open around the clock, so that every flow can be walked at five past midnight and over midnight
        OpeningHours hours = test.getTestMethod().map(m -> m.getAnnotation(OpeningHours.class)).orElse(null);
        central = TestCentral.start(dir.resolve("central"), clock, time.zone(), hours == null ? "00:00" : hours.open(),
                hours == null ? "23:59" : hours.close(), Map.of("mqtt.url", broker.url()));
        frames = Files.createDirectories(dir.resolve("frames"));
        Map<String, String> settings = new HashMap<>(Map.of("central.url", central.url().toString(),
                "kiosk.key", central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir", dir.resolve("data").toString(),
                "camera.frames", frames.toString(), "sync.seconds", "1", "staff.pin", "2468"));
        KioskConfig config = KioskConfig.from(settings);
        java.time.ZoneId zone = HubZone.await(config);
        FxToolkit.setupStage(stage -> kiosk = OnScreen.show(stage, config, clock, exits::incrementAndGet, 1920, 1080,
                zone));
        kiosk.settle();
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(kiosk::close);
        FxToolkit.cleanupStages();
        central.close();
    }

    /**
     * Taps a node once it is on screen. Input reaches the JavaFX thread asynchronously, so every step waits for
     * what it needs to see rather than assuming the previous tap has landed.
     */
    void tap(String id) throws InterruptedException {
        awaitShown(id);
        robot.clickOn(id);
        WaitForAsyncUtils.waitForFxEvents();
        kiosk.settle();
    }

    void awaitShown(String id) {
        await().atMost(PATIENCE).until(() -> shown(id));
    }

    /** A USB scanner is a keyboard: it types the code's characters and Enter into whatever screen is shown. */
    void scanWithHidScanner(String code) {
        robot.interact(() -> {
            for (char c : (code + "\r").toCharArray()) {
                Event.fireEvent(kiosk.scene().getRoot(), new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "",
                        KeyCode.UNDEFINED, false, false, false, false));
            }
        });
    }

    void typeOnKeypad(String digits) throws InterruptedException {
        for (char c : digits.toCharArray()) {
            tap("#key-" + c);
        }
    }

    boolean shown(String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    /** A button's height once the screen has been laid out (just shown, it may not have been yet: height 0). */
    double laidOutHeight(String id) {
        awaitShown(id);
        await().atMost(PATIENCE).until(() -> robot.lookup(id).queryButton().getHeight() > 0);
        return robot.lookup(id).queryButton().getHeight();
    }

    /**
     * The idle warning of a screen where nothing is being typed (a list, a result, a refusal): a band in the header's
     * place that leaves the nodes named in view, not the dimmed dialog over them, and does not speak of clearing what
     * was entered.
     */
    void awaitIdleBar(String... kept) {
        await().atMost(PATIENCE).until(() -> shown("#idle-warning"));
        java.util.List<String> problems = new java.util.ArrayList<>();
        robot.interact(() -> {
            Node warning = kiosk.scene().lookup("#idle-warning");
            javafx.geometry.Bounds band = warning.localToScene(warning.getLayoutBounds());
            for (String id : kept) {
                Node node = kiosk.scene().lookup(id);
                if (node == null || node.localToScene(node.getLayoutBounds()).intersects(band)) {
                    problems.add("the warning covers " + id);
                }
            }
            String words = warning.lookupAll(".label").stream().map(n -> ((Label) n).getText())
                    .collect(java.util.stream.Collectors.joining(" "));
            if (words.contains("清") || words.toLowerCase(java.util.Locale.ROOT).contains("clear")) {
                problems.add("the warning speaks of clearing what was entered: " + words);
            }
        });
        assertEquals(java.util.List.of(), problems);
    }

    String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    java.time.LocalDate hubDay() {
        return java.time.LocalDate.ofInstant(clock.instant(), time.zone());
    }

    /** Time passes while the resident keeps touching the screen (so that the idle reset does not come). */
    void passTime(Duration duration) {
        Duration step = Duration.ofSeconds(20);
        for (Duration left = duration; left.isPositive(); left = left.minus(step)) {
            clock.advance(left.compareTo(step) < 0 ? left : step);
            robot.interact(() -> kiosk.shell().idle().touch());
        }
    }

    /** Rooms, the activity room, tomorrow, its first two free slots from 08:00 on, and on to the details. */
    void twoSlotsTomorrow() throws Exception {
        tap("#tile-rooms");
        tap("#room-activity-room");
        tap("#day-next");
        var slots = kiosk.rooms().slots();
        int first = 0;
        // two free slots from 08:00 on: the hub is open around the clock here, and a slot at 00:00 of the day chosen
        // at 23:59 is over once the test has crossed midnight
        while (slots.get(first).start().atZoneSameInstant(time.zone()).getHour() < 8
                || !(slots.get(first).free() && slots.get(first + 1).free())) {
            first++;
        }
        tap("#slot-" + first);
        tap("#slot-" + (first + 1));
        tap("#to-details");
    }

    /** Books two slots of a room for tomorrow at the kiosk, typing the phone number; the booking's QR is shown. */
    org.linli.kiosk.central.Model.Booking bookAtTheKiosk(String phone) throws Exception {
        twoSlotsTomorrow();
        tap("#more");
        tap("#purpose-class");
        typeOnKeypad(phone.substring(0, 4));
        // a room's occupancy changes while the resident types: the keypad under their finger stays the same
        Node key = robot.lookup("#key-0").query();
        robot.interact(() -> kiosk.rooms().liveRoom(new org.linli.kiosk.central.Model.RoomState("activity-room", "in-use",
                true, 3, 40)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(key == robot.lookup("#key-0").query() && key.getScene() != null, "the keypad was rebuilt");
        typeOnKeypad(phone.substring(4));
        String shown = phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
        await().atMost(PATIENCE).until(() -> text("#phone-display").equals(shown));
        passTime(HubTime.MIDWAY); // perhaps over midnight: the day chosen is then today
        tap("#book");
        awaitShown("#booking-done");
        return kiosk.rooms().bookingProperty().get();
    }

    void passTo(java.time.LocalTime at) throws InterruptedException {
        java.time.ZonedDateTime now = clock.instant().atZone(time.zone());
        java.time.ZonedDateTime next = now.toLocalDate().atTime(at).atZone(time.zone());
        clock.advance(Duration.between(now, next.isAfter(now) ? next : next.plusDays(1)));
        robot.interact(kiosk.shell()::finish);
        kiosk.settle();
    }
}
