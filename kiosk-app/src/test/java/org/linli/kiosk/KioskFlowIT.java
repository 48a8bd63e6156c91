package org.linli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.kiosk.scan.ScanLoopTest;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk end to end: real JavaFX (headless Monocle), real taps, real HTTP to the real central service (the demo
 * hub, in this JVM, on the kiosk's clock), a real broker for the rooms' sensors, a real SQLite outbox, camera
 * frames from a directory, and HID scanner keystrokes. It runs at {@link HubTime#few()} moments, each flow whole
 * (a kiosk and a central service per test), midnight crossed in St John's in the flows that depend on the day;
 * {@link HubDayTest} takes the same screens through every moment of the matrix without the window.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#few")
class KioskFlowIT {
    /** How long a step may take at most: generous, because CI machines are sometimes busy; a passing step is fast. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
    private void tap(String id) throws InterruptedException {
        awaitShown(id);
        robot.clickOn(id);
        WaitForAsyncUtils.waitForFxEvents();
        kiosk.settle();
    }

    private void awaitShown(String id) {
        await().atMost(PATIENCE).until(() -> shown(id));
    }

    /** A USB scanner is a keyboard: it types the code's characters and Enter into whatever screen is shown. */
    private void scanWithHidScanner(String code) {
        robot.interact(() -> {
            for (char c : (code + "\r").toCharArray()) {
                Event.fireEvent(kiosk.scene().getRoot(), new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "",
                        KeyCode.UNDEFINED, false, false, false, false));
            }
        });
    }

    private void typeOnKeypad(String digits) throws InterruptedException {
        for (char c : digits.toCharArray()) {
            tap("#key-" + c);
        }
    }

    private boolean shown(String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void takingANumberShowsTheTicket() throws Exception {
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no");
        awaitShown("#ticket-number");
        assertEquals("A001", text("#ticket-number"), "the first ticket of the day");
        awaitShown("#qr");
        String now = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(clock.instant().atZone(time.zone()));
        assertEquals(kiosk.i18n().get("queue.taken", now), text("#ticket-taken"), "when it was taken, in hub time");

        java.time.LocalDate day = hubDay();
        passTime(HubTime.MIDWAY);
        tap("#home");
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no"); // settles: the draw has been answered and shown
        awaitShown("#ticket-number");
        assertEquals(hubDay().equals(day) ? "A002" : "A001", text("#ticket-number"),
                "the second ticket, or the first of the hub's new day");
    }

    private java.time.LocalDate hubDay() {
        return java.time.LocalDate.ofInstant(clock.instant(), time.zone());
    }

    /** Time passes while the resident keeps touching the screen (so that the idle reset does not come). */
    private void passTime(Duration duration) {
        Duration step = Duration.ofSeconds(20);
        for (Duration left = duration; left.isPositive(); left = left.minus(step)) {
            clock.advance(left.compareTo(step) < 0 ? left : step);
            robot.interact(() -> kiosk.shell().idle().touch());
        }
    }

    @Test
    void bookingARoomShowsTheDoorQr() throws Exception {
        bookAtTheKiosk("13800138000");
        String token = (String) robot.lookup("#qr").query().getUserData();
        assertEquals(TokenType.BOOKING, TokenFormat.parse(token).type());
        String id = kiosk.rooms().bookingProperty().get().id();
        assertTrue(text("#booking-number").replace(" ", "").endsWith(id), "the booking number beside the code");
        assertTrue(text("#booking-number").endsWith(kiosk.rooms().bookingNumber()), "in groups of four");
        assertFalse(robot.lookup("#phone-display").tryQuery().isPresent(), "no phone number left on screen");

        // the visit goes on with the resident known: the next form says who, with their card's picture, not the
        // green tick of success, which read as "booked" before anything was
        tap("#home");
        twoSlotsTomorrow();
        awaitShown("#known-resident");
        assertTrue(shown("#known-resident #pictogram-card"), "the card's picture");
        assertFalse(robot.lookup("#known-resident .badge-ok").tryQuery().isPresent(), "no tick of success");
    }

    /**
     * A resident books a room at the kiosk, comes back, opens "my bookings", scans their card (a HID scanner), sees
     * the booking at its time in the hub's zone, cancels it after saying yes: the central service has it cancelled.
     */
    @Test
    void cancellingABookingUnderMyBookingsByCard() throws Exception {
        String phone = "13800138021";
        var booking = bookAtTheKiosk(phone);
        tap("#done");
        tap("#tile-my_bookings");
        awaitShown("#scan-card");
        scanWithHidScanner(central.residentCard(phone));
        kiosk.settle();
        awaitShown("#mine-" + booking.id());
        assertEquals(Screen.MY_BOOKINGS, kiosk.shell().screen(), "the card opened the bookings, not a check-in");
        assertEquals(0, central.checkins());
        String from = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(booking.start().atZoneSameInstant(time.zone()));
        String when = robot.lookup("#mine-when-" + booking.id() + " .label").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(java.util.stream.Collectors.joining(" "));
        assertTrue(when.contains(from), "the hub's time: " + from + " in " + when);
        tap("#mine-cancel-" + booking.id());
        awaitShown("#mine-confirm-card");
        assertEquals(0, central.count("SELECT count(*) FROM booking WHERE status = 'cancelled'"),
                "nothing is cancelled before the resident says yes");
        tap("#mine-confirm");
        awaitShown("#mine-cancelled");
        assertEquals(1, central.count("SELECT count(*) FROM booking WHERE status = 'cancelled' AND id = "
                + booking.id()));
        tap("#mine-others");
        awaitShown("#mine-none");
    }

    /** Rooms, the activity room, tomorrow, its first two free slots from 08:00 on, and on to the details. */
    private void twoSlotsTomorrow() throws Exception {
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
    private org.linli.kiosk.central.Model.Booking bookAtTheKiosk(String phone) throws Exception {
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

    /**
     * A room staff closed for repairs says so on its slots, in words and in a look of their own (striped, not the
     * dark "booked"), not as if a resident had booked it; neither can be tapped, and the legend explains the stripes.
     */
    @Test
    void slotsOfARoomClosedForRepairsSaySoNotBooked() throws Exception {
        java.time.LocalDate tomorrow = time.local().toLocalDate().plusDays(1);
        assertEquals("maintenance", central.block("activity-room", tomorrow, "10:00", "12:00", "new floor")
                .path("kind").asText());
        central.book("activity-room", tomorrow.atTime(14, 0).atZone(time.zone()).toOffsetDateTime(),
                tomorrow.atTime(15, 0).atZone(time.zone()).toOffsetDateTime(), "13800138000");
        tap("#tile-rooms");
        tap("#room-activity-room");
        tap("#day-next");
        await().atMost(PATIENCE).until(() -> !kiosk.rooms().slots().isEmpty());
        awaitShown("#slot-0");
        var slots = kiosk.rooms().slots();
        for (int i = 0; i < slots.size(); i++) {
            int hour = slots.get(i).start().atZoneSameInstant(time.zone()).getHour();
            String label = robot.lookup("#slot-" + i).queryAs(Labeled.class).getText();
            boolean closed = hour >= 10 && hour < 12;
            assertEquals(closed, label.contains(kiosk.i18n().get("rooms.slotMaintenance")), hour + ": " + label);
            assertEquals(hour == 14, label.contains(kiosk.i18n().get("rooms.slotTaken")), hour + ": " + label);
            Node slot = robot.lookup("#slot-" + i).query();
            assertEquals(closed || hour == 14, slot.isDisabled(), hour + ": " + label);
            assertEquals(closed, slot.getStyleClass().contains("slot-repairs"), hour + ": " + slot.getStyleClass());
            assertEquals(hour == 14, slot.getStyleClass().contains("slot-taken"), hour + ": " + slot.getStyleClass());
            if (closed) {
                // drawn as striped, as the legend's swatch: a background over the plain ground, not the booked grey
                var look = ((javafx.scene.layout.Region) slot).getBackground().getFills();
                assertTrue(look.size() > 1 && look.getLast().getFill() instanceof javafx.scene.paint.LinearGradient,
                        hour + ": not striped: " + look);
                assertEquals(javafx.scene.paint.Color.web("#1A1A1A"), ((Labeled) slot).getTextFill(), hour + ": ink");
            }
        }
        assertTrue(shown("#legend-swatch-repairs"), "the legend explains the striped slots");
        assertEquals(kiosk.i18n().get("rooms.legendRepairs"), text("#legend-swatch-repairs .legend"));
        // a day without repairs has no such slot, and its legend does not speak of them
        tap("#day-next");
        await().atMost(PATIENCE).until(() -> !kiosk.rooms().slots().isEmpty() && kiosk.rooms().slots().getFirst()
                .start().atZoneSameInstant(time.zone()).toLocalDate().equals(tomorrow.plusDays(1)) && shown("#slot-0"));
        assertTrue(robot.lookup(".slot-repairs").tryQuery().isEmpty(), "no repairs the day after");
        assertTrue(robot.lookup("#legend-swatch-repairs").tryQuery().isEmpty(), "no repairs, no stripes explained");
    }

    /**
     * On the room list, the hours closed for repairs are hatched on the room's day bar (not drawn as booked) and said
     * in words under it; a room without repairs says nothing of them.
     */
    @Test
    void theDayBarTellsRepairsFromBookings() throws Exception {
        passTo(java.time.LocalTime.of(9, 0));
        java.time.LocalDate today = hubDay();
        central.block("activity-room", today, "10:00", "12:00", "new floor");
        central.book("activity-room", today.atTime(14, 0).atZone(time.zone()).toOffsetDateTime(),
                today.atTime(15, 0).atZone(time.zone()).toOffsetDateTime(), "13800138000");
        tap("#tile-rooms");
        String words = kiosk.i18n().get("rooms.todayMaintenance", "10:00–12:00");
        await().atMost(PATIENCE).until(() -> shown("#room-repairs-activity-room")
                && text("#room-repairs-activity-room").equals(words));
        var slots = kiosk.rooms().rooms().stream().filter(r -> r.room().id().equals("activity-room")).findFirst()
                .orElseThrow().today();
        java.util.function.ToLongFunction<java.util.function.IntPredicate> slotsStarting = hours -> slots.stream()
                .filter(s -> hours.test(s.start().atZoneSameInstant(time.zone()).getHour())).count();
        Node bar = robot.lookup("#day-bar-activity-room").query();
        assertEquals(slotsStarting.applyAsLong(h -> h >= 10 && h < 12), bar.lookupAll(".day-repairs").size(),
                "10:00 to 12:00 hatched");
        assertEquals(slotsStarting.applyAsLong(h -> h == 14), bar.lookupAll(".day-taken").size(), "14:00 booked");
        assertTrue(bar.lookupAll(".day-repairs").size() >= 2, "slots of an hour or shorter");
        assertTrue(robot.lookup("#day-bar-studio").query().lookupAll(".day-repairs").isEmpty());
        assertTrue(robot.lookup("#room-repairs-studio").tryQuery().isEmpty(), "no repairs in the studio");
    }

    @Test
    void checkingInThroughTheCamera() throws Exception {
        tap("#tile-checkin");
        awaitShown("#camera-preview");
        // written aside and moved in, as a camera delivers a whole frame
        Path frame = Files.createTempFile(frames.getParent(), "frame", ".png");
        ImageIO.write(ScanLoopTest.cameraFrame(central.residentCard("13800138011")), "png", frame.toFile());
        Files.move(frame, frames.resolve("frame-0001.png"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(PATIENCE).until(() -> central.checkins() == 1);
        kiosk.settle();
        awaitShown("#welcome");
    }

    @Test
    void checkingInThroughAHidScannerFromAnyScreen() throws Exception {
        tap("#tile-activities");
        scanWithHidScanner(central.residentCard("13800138012"));
        awaitShown("#welcome");
        assertEquals(Screen.CHECKIN, kiosk.shell().screen());
        assertEquals(1, central.checkins());
        // the welcome points to what it offers, and offers what it points to (it spoke of today's activities)
        String words = robot.lookup("#welcome .label").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(java.util.stream.Collectors.joining(" "));
        assertTrue(words.contains(kiosk.i18n().get("home.queue")) && shown("#go-queue"), words);
        assertFalse(words.contains("活动"), "no activities offered here (the kiosk speaks Chinese): " + words);
    }

    @Test
    void centralDownKeepsTheCheckInAndSendsItWhenItReturns() throws Exception {
        central.stop();
        tap("#tile-checkin");
        tap("#use-phone");
        typeOnKeypad("13800138000");
        Instant visit = clock.instant();
        tap("#submit-phone");
        awaitShown("#welcome");
        awaitShown("#offline-banner");
        assertEquals(1, kiosk.outbox().pendingCount());

        clock.advance(Duration.ofMinutes(10)); // the power comes back ten minutes later, perhaps the next day
        central.restart();
        await().atMost(PATIENCE).until(() -> central.checkins() == 1);
        long at = central.count("SELECT at_ts FROM checkin");
        assertTrue(Math.abs(at - visit.getEpochSecond()) < 60, "the visit is counted at the time it happened");
        await().atMost(PATIENCE).until(() -> !shown("#offline-banner"));
        await().atMost(PATIENCE).until(() -> kiosk.outbox().pendingCount() == 0);
    }

    @Test
    void offlineATicketSaysPlainlyItNeedsTheCentralService() throws Exception {
        tap("#tile-queue");
        central.stop();
        // the kiosk learns of the outage from its next call to the central service; the queue screen then says no
        // number can be drawn, and no service can be tapped
        awaitShown("#offline-banner");
        robot.interact(() -> kiosk.shell().go(Screen.QUEUE));
        kiosk.settle();
        awaitShown("#offline-notice");
        assertTrue(robot.lookup("#service-health").query().isDisabled(), "no ticket can be drawn while offline");
    }

    @Test
    void idleResetWarnsThenClearsTheScreen() throws Exception {
        tap("#tile-card");
        typeOnKeypad("1380013");
        await().atMost(PATIENCE).until(() -> text("#phone-display").equals("138 0013"));
        clock.advance(Duration.ofSeconds(51));
        await().atMost(PATIENCE).until(() -> shown("#idle-warning"));
        clock.advance(Duration.ofSeconds(10));
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        kiosk.settle();
        assertFalse(shown("#idle-warning"));
        assertEquals("", kiosk.card().phone().digits());
        tap("#tile-card");
        awaitShown("#phone-display");
        assertFalse(text("#phone-display").contains("138"));
    }

    @Test
    void needMoreTimeKeepsTheResidentWhereTheyWere() throws Exception {
        tap("#tile-rooms");
        clock.advance(Duration.ofSeconds(52));
        await().atMost(PATIENCE).until(() -> shown("#idle-warning"));
        tap("#idle-more");
        await().atMost(PATIENCE).until(() -> !shown("#idle-warning"));
        assertEquals(Screen.ROOMS, kiosk.shell().screen());
    }

    @Test
    void signingUpAndJoiningTheWaitlist() throws Exception {
        tap("#tile-activities");
        tap("#show-week");
        // the week's first activity that has not ended yet (this morning's class is over at noon), made full
        var next = kiosk.activities().activities().stream()
                .filter(a -> a.end().toInstant().isAfter(clock.instant())).findFirst().orElseThrow();
        central.fill(next.id(), next.capacity());
        tap("#show-week"); // the list again, now with the activity full
        tap("#join-" + next.id());
        typeOnKeypad("13800138000");
        tap("#confirm-signup");
        awaitShown("#signup-done");
        assertTrue(kiosk.activities().signupProperty().get().waitlisted());
        // a short title with the place, and what a waitlist means under it
        assertTrue(robot.lookup("候补第 1 位").tryQuery().isPresent(), "the title says the place");
        assertTrue(robot.lookup("名额已满，您已排上候补。有人退出时，按顺序补上。").tryQuery().isPresent());
    }

    @Test
    void anActivityThatHasBegunSaysSoOnHome() throws Exception {
        await().atMost(PATIENCE).until(() -> !kiosk.home().next().isEmpty());
        var first = kiosk.home().next().stream().filter(a -> a.start().toInstant().isAfter(clock.instant()))
                .findFirst().orElseThrow();
        String until = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(first.end().atZoneSameInstant(time.zone()));
        assertTrue(robot.lookup("到 " + until + " 结束").tryQuery().isEmpty(), "not yet begun");
        clock.advance(Duration.between(clock.instant(), first.start().toInstant()).plusMinutes(5));
        robot.interact(() -> kiosk.home().refresh());
        await().atMost(PATIENCE).until(() -> robot.lookup("到 " + until + " 结束").tryQuery().isPresent()
                && robot.lookup("正在进行").tryQuery().isPresent());
    }

    @Test
    void ratingWithTheLargeFaces() throws Exception {
        tap("#tile-rating");
        tap("#face-5");
        awaitShown("#thanks");
        await().atMost(PATIENCE).until(() -> central.feedback() == 1);
        assertEquals(5, central.count("SELECT rating FROM feedback"));
    }

    /**
     * After a number the rating names the service ("您对刚才办理的“社区事务”满意吗？") and is sent for that ticket; a
     * resident who has done nothing yet gets the general question.
     */
    @Test
    void theRatingNamesWhatTheResidentDidOnThisVisit() throws Exception {
        tap("#tile-rating");
        awaitShown("#rating-question");
        assertEquals(kiosk.i18n().get("rating.question"), text("#rating-question"), "nothing done yet");
        tap("#home");
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no");
        awaitShown("#ticket-number");
        String service = kiosk.queue().tiles().stream().filter(t -> t.service().id().equals("affairs"))
                .findFirst().orElseThrow().service().name().in(kiosk.i18n().locale());
        tap("#home");
        tap("#tile-rating");
        awaitShown("#rating-question");
        assertEquals(kiosk.i18n().get("rating.question.ticket", service), text("#rating-question"));
        assertTrue(text("#rating-question").contains(service), text("#rating-question"));
        tap("#face-4");
        awaitShown("#thanks");
        await().atMost(PATIENCE).until(() -> central.feedback() == 1);
        assertEquals(4, central.count("SELECT rating FROM feedback WHERE item_kind = 'ticket'"), "for that ticket");
        tap("#done"); // the visit is over: the next resident is asked in general
        tap("#tile-rating");
        awaitShown("#rating-question");
        assertEquals(kiosk.i18n().get("rating.question"), text("#rating-question"));
    }

    /** A resident who came to check in by mistake taps "back", as on the other screens, and is home again. */
    @Test
    void theCheckInScreenHasAWayBack() throws Exception {
        tap("#tile-card");
        awaitShown("#back");
        double cardBack = robot.lookup("#back").queryButton().getHeight();
        tap("#back");
        tap("#tile-checkin");
        awaitShown("#back");
        assertEquals(cardBack, robot.lookup("#back").queryButton().getHeight(), 0.5,
                "the same back button as the other screens");
        tap("#back");
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        awaitShown("#tile-checkin");
    }

    /**
     * "My bookings" has the check-in's way back; and "back" is one step back, never the end of the visit: on the card
     * screen too, the resident who checked in is still known and the kiosk still speaks their language (only "done"
     * and the idle reset end the visit).
     */
    @Test
    void myBookingsHasTheSameWayBackAndBackKeepsTheVisit() throws Exception {
        tap("#language");
        await().atMost(PATIENCE).until(() -> kiosk.i18n().locale().equals(I18n.ENGLISH));
        tap("#tile-checkin");
        tap("#use-phone");
        typeOnKeypad("13800138000");
        tap("#submit-phone");
        awaitShown("#welcome");
        tap("#home");
        tap("#tile-card");
        awaitShown("#back");
        double cardBack = robot.lookup("#back").queryButton().getHeight();
        tap("#back");
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        assertEquals(I18n.ENGLISH, kiosk.i18n().locale(), "back from the card screen kept the resident's language");
        assertTrue(kiosk.rooms().resident().known(), "back from the card screen forgot the resident");

        tap("#tile-my_bookings");
        awaitShown("#back");
        assertEquals(cardBack, robot.lookup("#back").queryButton().getHeight(), 0.5,
                "the same back button as the other screens");
        tap("#back");
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        awaitShown("#tile-my_bookings");
        assertEquals(I18n.ENGLISH, kiosk.i18n().locale());
        assertTrue(kiosk.rooms().resident().known(), "back from my bookings forgot the resident");
    }

    /**
     * The hub calls an activity off while its list is on the kiosk: the live event comes at once (no waiting for the
     * list to be asked again) and it says "已取消" and its button cannot be tapped.
     */
    @Test
    void anActivityCalledOffWhileListedSaysSoAndCannotBeTapped() throws Exception {
        tap("#tile-activities");
        tap("#show-week");
        var next = kiosk.activities().activities().stream()
                .filter(a -> a.start().toInstant().isAfter(clock.instant())).findFirst().orElseThrow();
        awaitShown("#join-" + next.id());
        assertFalse(robot.lookup("#join-" + next.id()).queryButton().isDisabled());
        central.post("/api/v1/activities/" + next.id() + "/cancel", central.staffToken("admin"),
                Map.of("reason", "the speaker is ill"));
        await().atMost(PATIENCE).until(() -> robot.lookup("#places-" + next.id()).tryQuery()
                .map(n -> ((Labeled) n).getText().equals(kiosk.i18n().get("activities.calledOff"))).orElse(false));
        assertTrue(robot.lookup("#join-" + next.id()).queryButton().isDisabled(), "it cannot be tapped");
    }

    /**
     * The network goes while the activities are on screen: asked for today and the week again, the screen keeps the
     * list it had (of the days asked for), with the offline notice saying why nobody can sign up here now, and every
     * sign-up button off; not a problem card in place of the list.
     */
    @Test
    void offlineTheActivitiesKeepTheirListWithTheOfflineNoticeAndNoSignUp() throws Exception {
        tap("#tile-activities");
        tap("#show-week");
        var next = kiosk.activities().activities().stream()
                .filter(a -> a.end().toInstant().isAfter(clock.instant()) && !a.full()).findFirst().orElseThrow();
        awaitShown("#join-" + next.id());
        central.stop();
        tap("#show-today");
        awaitShown("#offline-notice");
        tap("#show-week");
        awaitShown("#offline-notice");
        awaitShown("#join-" + next.id());
        assertTrue(robot.lookup("#join-" + next.id()).queryButton().isDisabled(), "no sign-up while offline");
        assertFalse(shown("#problem"), "the list, not a problem card");
        assertEquals(kiosk.i18n().get("offline.activities"), text("#offline-notice"));
    }

    @Test
    void myResidentCardShowsTheCardQr() throws Exception {
        tap("#tile-card");
        typeOnKeypad("13900139000");
        tap("#get-card");
        awaitShown("#card");
        String token = (String) robot.lookup("#qr").query().getUserData();
        assertEquals(TokenType.RESIDENT, TokenFormat.parse(token).type());
    }

    @Test
    void theLanguageSwitchChangesTheScreen() throws Exception {
        String before = robot.lookup("#language").queryButton().getText();
        tap("#language");
        await().atMost(PATIENCE)
                .until(() -> !before.equals(robot.lookup("#language").queryButton().getText()));
        tap("#tile-queue");
        await().atMost(PATIENCE).until(() -> robot.lookup("Take a number").tryQuery().isPresent()
                || robot.lookup("取号排队").tryQuery().isPresent());
    }

    @Test
    void liveEventsMoveTheRoomsListAndTheNowServingStrip() throws Exception {
        await().atMost(PATIENCE).until(() -> central.listeners() == 1);
        central.drawTicket("affairs");
        String called = central.callNext("counter-1");
        assertEquals("A001", called);
        await().atMost(PATIENCE).until(() -> robot.lookup("#serving-strip")
                .lookup(called).tryQuery().isPresent());
        tap("#tile-rooms");
        awaitShown("#room-state-council-hall");
        central.registerDevice("hall-counter", "council-hall");
        try (RoomSensor sensor = new RoomSensor(broker.url(), "hall-counter", "council-hall", clock)) {
            sensor.awaitCentral(TestCentral.HUB);
            sensor.counted(true, 46); // the hall seats 16
            // the list is rebuilt when the event lands: a lookup may fall between the old label and the new one
            await().atMost(PATIENCE).ignoreExceptions().until(() -> text("#room-state-council-hall")
                    .equals(kiosk.i18n().get("rooms.overCapacity")));
        }
    }

    /**
     * In the morning no queue has anyone: the strip says so in words. At 03:33 the hub (open 08:00–21:00) is closed:
     * the attract screen says when it opens, check-in and tickets are switched off, and a scan checks nobody in.
     */
    @Test
    @OpeningHours(open = "08:00", close = "21:00")
    void emptyQueuesSayNobodyWaitsAndAtNightTheHomeScreenSaysWhenTheHubOpens() throws Exception {
        passTo(java.time.LocalTime.NOON);
        await().atMost(PATIENCE).until(() -> robot.lookup("#serving-strip")
                .lookup(kiosk.i18n().get("home.allNoWait")).tryQuery().isPresent());
        assertTrue(robot.lookup("#serving-strip").lookup("—").tryQuery().isEmpty(), "no number stands for nothing");

        passTo(java.time.LocalTime.of(3, 33));
        awaitShown("#closed-notice");
        assertTrue(robot.lookup("#closed-notice").lookup(kiosk.i18n().get("home.closed.today", "08:00")).tryQuery()
                .isPresent(), "the notice says the hub opens at 08:00 today");
        assertTrue(robot.lookup("#tile-checkin").query().isDisabled());
        assertTrue(robot.lookup("#tile-queue").query().isDisabled());
        assertFalse(robot.lookup("#tile-card").query().isDisabled(), "the resident card works at any hour");
        assertFalse(robot.lookup("#tile-rooms").query().isDisabled(), "booking for later works at any hour");
        assertFalse(robot.lookup("#tile-activities").query().isDisabled());
        String token = central.residentCard("13800138013");
        robot.interact(() -> kiosk.scanned(token));
        kiosk.settle();
        assertEquals(Screen.HOME, kiosk.shell().screen());
        assertEquals(0, central.checkins(), "nothing to check in to at night");
    }

    /**
     * A holiday today and tomorrow (set by an administrator at noon): the attract screen says the hub is closed
     * today and opens on the third day at eight; check-in and tickets are off; the rooms offer no slot on a closed
     * day, their timelines opening on the day the hub opens again.
     */
    @Test
    @OpeningHours(open = "08:00", close = "21:00")
    void onAHolidayTheKioskSaysWhenItReopensAndOffersNoSlotsThatDay() throws Exception {
        passTo(java.time.LocalTime.NOON);
        java.time.LocalDate today = hubDay();
        central.week("08:00", "21:00", java.util.Set.of(), java.util.List.of(today, today.plusDays(1)));
        robot.interact(kiosk.shell()::finish);
        kiosk.settle();
        awaitShown("#closed-notice");
        String reopens = java.time.format.DateTimeFormatter.ofPattern(kiosk.i18n().get("format.day"),
                kiosk.i18n().locale()).format(today.plusDays(2)) + " 08:00";
        assertTrue(robot.lookup("#closed-notice").lookup(kiosk.i18n().get("home.closed.dayUntil", reopens))
                .tryQuery().isPresent(), "closed today, open again on " + reopens);
        assertTrue(robot.lookup("#tile-checkin").query().isDisabled());
        assertTrue(robot.lookup("#tile-queue").query().isDisabled());
        tap("#tile-rooms");
        await().atMost(PATIENCE).until(() -> shown("#room-today-studio")
                && text("#room-today-studio").equals(kiosk.i18n().get("rooms.todayClosed")));
        assertTrue(robot.lookup("#day-bar-studio").tryQuery().isEmpty(), "no day to draw");
        tap("#room-studio");
        assertEquals(today.plusDays(2), kiosk.rooms().dateProperty().get(), "the first day the hub opens");
        awaitShown("#slot-0");
        tap("#day-back");
        awaitShown("#day-closed");
        assertTrue(kiosk.rooms().slots().isEmpty(), "nothing offered on a closed day");
        assertTrue(robot.lookup("#slot-0").tryQuery().isEmpty());
    }

    /** Moves the clock on to the next time of day in the hub, and the kiosk back to its home screen. */
    private void passTo(java.time.LocalTime at) throws InterruptedException {
        java.time.ZonedDateTime now = clock.instant().atZone(time.zone());
        java.time.ZonedDateTime next = now.toLocalDate().atTime(at).atZone(time.zone());
        clock.advance(Duration.between(now, next.isAfter(now) ? next : next.plusDays(1)));
        robot.interact(kiosk.shell()::finish);
        kiosk.settle();
    }

    @Test
    void onlyTheStaffPinClosesTheKiosk() throws Exception {
        awaitShown("#logo");
        // five taps within three seconds: on a loaded machine the robot alone may take longer, so time stands still
        clock.hold();
        try {
            for (int i = 0; i < 5; i++) {
                robot.clickOn("#logo");
            }
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            clock.release();
        }
        awaitShown("#staff-pin");
        typeOnKeypad("2468");
        tap("#staff-ok");
        await().atMost(PATIENCE).until(() -> exits.get() == 1);
    }
}
