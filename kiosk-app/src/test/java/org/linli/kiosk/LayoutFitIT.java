package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.session.Screen;
import org.linli.protocol.testing.HubTime;
import org.linli.kiosk.ui.Theme;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen and step, in both languages, on each panel the kiosk is made for (1920×1080 and 800×480 landscape,
 * 1080×1920 portrait): nothing sticks out of the screen, no text is cut short to "…", every touch target is at
 * least 15 mm, no text is smaller than 24 px, every text is in the kiosk's one face ({@link Theme#FONT}), the
 * same in a window, in the pictures and here, and every text stands out from what is behind it ({@link Contrast}:
 * WCAG 2.1, 4.5:1, 3:1 for large text).
 */
class LayoutFitIT {
    /** 15 mm in pixels on a panel of {@code dpi} (set as the kiosk's {@code screen.dpi}). */
    static double minTargetPx(int dpi) {
        return 15 / 25.4 * dpi;
    }

    static final double MIN_TEXT_PX = 24;

    @TempDir
    Path dir;
    /** Noon in St John's, a hub far from Shanghai and from the machine; the closed screen is one step of its own. */
    static final HubTime TIME = HubTime.of("12:00", HubTime.ST_JOHNS);
    final AdjustableClock clock = TestCentral.clockAt(TIME);
    TestCentral central;
    Kiosk kiosk;
    double minTarget;

    @BeforeAll
    static void platform() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    void open(int width, int height, int dpi) throws Exception {
        minTarget = minTargetPx(dpi);
        central = TestCentral.start(dir.resolve("central"), clock, TIME.zone(), Map.of());
        KioskConfig config = KioskConfig.from(Map.of("central.url", central.url().toString(), "kiosk.key",
                central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir", dir.resolve("kiosk").toString(),
                "screen.dpi", String.valueOf(dpi), "staff.pin", "2468"));
        java.time.ZoneId zone = HubZone.await(config);
        FxToolkit.setupStage(stage -> kiosk = OnScreen.show(stage, config, clock, () -> { }, width, height, zone));
        kiosk.settle();
    }

    @AfterEach
    void close() throws Exception {
        if (kiosk != null) {
            FxToolkit.setupFixture(kiosk::close);
        }
        FxToolkit.cleanupStages();
        if (central != null) {
            central.close();
        }
    }

    /**
     * The panels: a 21.5-inch full-HD one (~102 dpi) either way round, and the 7-inch 800×480 one (the Raspberry Pi's
     * own display, ~133 dpi, where 15 mm is 79 px).
     */
    @ParameterizedTest(name = "{0}x{1} at {2} dpi")
    @CsvSource({"1920, 1080, 102", "1080, 1920, 102", "800, 480, 133"})
    void everyScreenFitsWithLargeTargetsAndWholeText(int width, int height, int dpi) throws Exception {
        open(width, height, dpi);
        assertEquals(width, kiosk.scene().getWidth(), "the scene has the panel's size");
        assertEquals(height, kiosk.scene().getHeight(), "the scene has the panel's size");
        List<String> problems = new ArrayList<>();
        central.fill("demo-health-1", 30); // tomorrow's health talk: full, so the walk joins its waitlist
        central.drawTicket("affairs"); // someone waiting: the service's tile says its wait and each person's minutes
        // before anyone has drawn a number: the strip says nobody waits
        step(problems, "home, nobody waiting", () -> kiosk.shell().finish());
        // the barber at lunch: its only counter closed, the strip, its tile and its ticket say so instead of minutes
        central.post("/api/v1/counters/salon/close", central.staffToken("counter"), Map.of());
        for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            step(problems, "home " + language, () -> {
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().home();
            });
            FxToolkit.setupFixture(() -> {
                // a picture on each door, so that a resident who cannot read finds it by its shape
                for (String door : List.of("checkin", "queue", "rooms", "my_bookings", "activities", "card",
                        "rating")) {
                    Node tile = kiosk.scene().getRoot().lookup("#tile-" + door);
                    if (tile == null || tile.getParent().lookup(".pictogram") == null) {
                        problems.add("home: the " + door + " tile has no pictogram");
                    }
                }
                // the date beside or under the clock on both full-HD panels (the portrait one had the time alone)
                String today = java.time.format.DateTimeFormatter.ofPattern(kiosk.i18n().get("format.date"),
                        language).format(clock.instant().atZone(TIME.zone()));
                if (width >= 1000 && kiosk.scene().getRoot().lookupAll(".date").stream().noneMatch(n -> n.isVisible()
                        && ((Labeled) n).getText().equals(today))) {
                    problems.add("home: the header does not show today's date, " + today);
                }
            });
            staffPin(problems);
            step(problems, "queue, barber closed", () -> kiosk.shell().go(Screen.QUEUE));
            step(problems, "queue ticket, barber closed", () -> {
                kiosk.queue().choose(kiosk.queue().tiles().stream()
                        .filter(t -> t.service().id().equals("haircut")).findFirst().orElseThrow());
                kiosk.queue().take(false);
            });
            FxToolkit.setupFixture(() -> {
                if (!kiosk.queue().ticketProperty().get().noCounterOpen()) {
                    problems.add("queue ticket, barber closed: the ticket does not know no counter is open");
                }
            });
            step(problems, "home, barber closed", () -> kiosk.shell().home());
            step(problems, "check-in", () -> kiosk.shell().go(Screen.CHECKIN));
            FxToolkit.setupFixture(() -> {
                // this kiosk has no camera: no empty camera box to press the phone against, a picture instead
                if (kiosk.scene().getRoot().lookup("#camera-preview") != null
                        || kiosk.scene().getRoot().lookup("#scan-picture") == null) {
                    problems.add("check-in without a camera: an empty camera box instead of the scanner's picture");
                }
            });
            step(problems, "check-in phone", () -> kiosk.checkin().usePhone());
            String card = central.residentCard("13900005555");
            step(problems, "check-in welcome", () -> kiosk.scanned(card));
            step(problems, "queue", () -> kiosk.shell().go(Screen.QUEUE));
            FxToolkit.setupFixture(() -> {
                hasBack(problems, "queue");
                kiosk.queue().tiles().stream().filter(t -> t.waiting() > 0 && !t.noCounterOpen()).forEach(t -> {
                    var pace = (Labeled) kiosk.scene().getRoot().lookup("#pace-" + t.service().id());
                    if (pace == null || !pace.getText().contains(String.valueOf(t.paceMinutes()))) {
                        problems.add("queue: " + t.service().id() + " does not say each person's minutes");
                    }
                });
                if (kiosk.scene().getRoot().lookup("#pace-affairs") == null) {
                    problems.add("queue: nobody waits at affairs, so no tile says each person's minutes");
                }
            });
            step(problems, "queue priority", () -> kiosk.queue().choose(kiosk.queue().tiles().get(0)));
            FxToolkit.setupFixture(() -> {
                // who may be served first, in pictures too, where the height allows
                if (width >= 1000 && kiosk.scene().getRoot().lookup("#priority-who .pictogram") == null) {
                    problems.add("queue priority: no pictures of who may be served first");
                }
            });
            step(problems, "queue ticket", () -> kiosk.queue().take(false));
            step(problems, "idle warning on the ticket", () -> {
                clock.advance(Duration.ofSeconds(52));
                kiosk.shell().idle().tick();
            });
            FxToolkit.setupFixture(() -> leftInView(problems, "idle warning on the ticket", "#ticket-number",
                    "#ticket-qr"));
            step(problems, "still here", () -> kiosk.shell().idle().touch());
            step(problems, "rooms", () -> kiosk.shell().go(Screen.ROOMS));
            FxToolkit.setupFixture(() -> hasBack(problems, "rooms"));
            FxToolkit.setupFixture(() -> kiosk.rooms().rooms().forEach(row -> {
                // each room's day as a bar, and in words, instead of "see the timetable"
                if (kiosk.scene().getRoot().lookup("#day-bar-" + row.room().id()) == null) {
                    problems.add("rooms: no day bar on " + row.room().id());
                }
                var today = (Labeled) kiosk.scene().getRoot().lookup("#room-today-" + row.room().id());
                if (today == null || today.getText().isBlank()) {
                    problems.add("rooms: no words for today on " + row.room().id());
                }
            }));
            step(problems, "rooms timeline", () -> {
                var room = kiosk.rooms().rooms().get(2).room();
                if (language.equals(I18n.CHINESE)) {
                    // someone else's booking tomorrow: its slots are the ones with two lines ("16:00 / 已约")
                    var tomorrow = java.time.LocalDate.ofInstant(clock.instant(), TIME.zone()).plusDays(1);
                    var fourPm = tomorrow.atTime(16, 0).atZone(TIME.zone()).toOffsetDateTime();
                    central.book(room.id(), fourPm, fourPm.plusHours(1), "13700137000");
                }
                kiosk.rooms().choose(room);
            });
            FxToolkit.setupFixture(() -> {
                // today's slots that have begun say so and cannot be tapped (they looked free and did nothing)
                int past = 0;
                for (int i = 0; i < kiosk.rooms().slots().size(); i++) {
                    var slot = (Labeled) kiosk.scene().getRoot().lookup("#slot-" + i);
                    if (kiosk.rooms().slots().get(i).free() && kiosk.rooms().begun(i)) {
                        past++;
                        if (!slot.getText().contains(kiosk.i18n().get("rooms.slotPast")) || !slot.isDisabled()) {
                            problems.add("rooms timeline: past slot " + slot.getText() + " does not say so");
                        }
                    }
                }
                if (past == 0) {
                    problems.add("rooms timeline: no past slot today to check");
                }
                // the slots say when each begins; when the last one ends is said after it
                var end = (Labeled) kiosk.scene().getRoot().lookup("#slot-end");
                String closes = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(kiosk.rooms().slots()
                        .getLast().end().atZoneSameInstant(TIME.zone()));
                if (end == null || !end.getText().startsWith(closes)) {
                    problems.add("rooms timeline: nothing says the last slot ends at " + closes);
                }
            });
            step(problems, "rooms tomorrow", () -> kiosk.rooms().moveDay(1));
            FxToolkit.setupFixture(() -> {
                String tomorrow = kiosk.i18n().get("rooms.tomorrow");
                if (!((Labeled) kiosk.scene().getRoot().lookup("#slots-day")).getText().contains(tomorrow)) {
                    problems.add("rooms tomorrow: the day line does not say it is tomorrow");
                }
                // a booked slot says so in words (the first language's booking shows in the second's timeline)
                for (int i = 0; i < kiosk.rooms().slots().size(); i++) {
                    var slot = (Labeled) kiosk.scene().getRoot().lookup("#slot-" + i);
                    if (!kiosk.rooms().slots().get(i).free()
                            && !slot.getText().contains(kiosk.i18n().get("rooms.slotTaken"))) {
                        problems.add("rooms tomorrow: booked slot " + slot.getText() + " does not say so");
                    }
                }
                // and is no taller than a free one: a shorter free or chosen slot reads as a shorter time
                if (kiosk.rooms().slots().stream().allMatch(org.linli.kiosk.central.Model.Slot::free)) {
                    problems.add("rooms tomorrow: no booked slot to compare the free ones with");
                }
                var heights = kiosk.scene().getRoot().lookupAll(".slot").stream()
                        .mapToDouble(n -> n.getLayoutBounds().getHeight()).summaryStatistics();
                if (heights.getCount() > 0 && heights.getMax() - heights.getMin() > 1) {
                    problems.add("rooms tomorrow: slot tiles of different heights, " + heights.getMin() + " to "
                            + heights.getMax() + " px");
                }
            });
            step(problems, "rooms details", () -> {
                int free = 0;
                while (!kiosk.rooms().slots().get(free).free()) {
                    free++;
                }
                kiosk.rooms().tapSlot(free);
                kiosk.rooms().toDetails();
                kiosk.rooms().setPurpose("class");
            });
            FxToolkit.setupFixture(() -> {
                String when = kiosk.scene().getRoot().lookupAll("#details-when .label").stream()
                        .map(n -> ((Labeled) n).getText()).reduce("", String::concat);
                if (!when.contains(kiosk.i18n().get("rooms.tomorrow").strip())) {
                    problems.add("rooms details: the day is not repeated before booking");
                }
            });
            boolean small = width < 1000;
            if (small) {
                // the small panel asks in two steps, each whole without scrolling: how many and what for, then who
                FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, "rooms details", "#details-when",
                        "#attendees", "#more", "#purpose-other", "#back", "#to-phone"));
                // who checked in above is known: one line of who they are instead of the keypad
                step(problems, "rooms who, resident known", () -> kiosk.rooms().toPhone());
                FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, "rooms who, resident known",
                        "#details-when", "#known-resident", "#back", "#book", "#not-me"));
                step(problems, "rooms details, number too short", () -> {
                    kiosk.rooms().resident().reset(); // "not me": the keypad
                    "138".chars().forEach(c -> kiosk.rooms().phone().press((char) c));
                    kiosk.rooms().book();
                });
                FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, "rooms details, number too short",
                        "#details-when", ".notice", ".privacy", "#back", "#book", "#phone-display"));
            }
            step(problems, "rooms details, number typed", () -> {
                kiosk.rooms().phone().reset();
                "13800138000".chars().forEach(c -> kiosk.rooms().phone().press((char) c));
            });
            if (small) {
                FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, "rooms details, number typed",
                        "#details-when", ".privacy", "#back", "#book", "#phone-display"));
            }
            step(problems, "rooms booked", () -> kiosk.rooms().book());
            // tomorrow's booking shown today: too early, and the screen says when it is
            step(problems, "check-in with the booking, too early", () -> kiosk.scanned(kiosk.rooms()
                    .bookingProperty().get().token()));
            FxToolkit.setupFixture(() -> {
                if (!"checkin.bookingEarly".equals(kiosk.checkin().messageProperty().get())) {
                    problems.add("check-in with the booking, too early: " + kiosk.checkin().stateProperty().get()
                            + " " + kiosk.checkin().messageProperty().get());
                }
            });
            // and when it begins, a check-in (the clock goes back once the rating after it is drawn)
            Duration toBooking = Duration.between(clock.instant(), kiosk.rooms().bookingProperty().get().start()
                    .toInstant());
            step(problems, "check-in with the booking", () -> {
                clock.advance(toBooking);
                kiosk.checkin().again();
                kiosk.scanned(kiosk.rooms().bookingProperty().get().token());
            });
            FxToolkit.setupFixture(() -> {
                // the welcome repeats the booking's time (the code carries it), in the hub's time
                String from = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(kiosk.rooms()
                        .bookingProperty().get().start().atZoneSameInstant(TIME.zone()));
                String words = kiosk.scene().getRoot().lookupAll("#welcome .label").stream()
                        .map(n -> ((Labeled) n).getText()).reduce("", String::concat);
                if (!words.contains(from)) {
                    problems.add("check-in with the booking: the welcome does not say the booking's time " + from
                            + ": '" + words + "' (" + kiosk.shell().screen() + ", " + kiosk.checkin().stateProperty()
                            .get() + " " + kiosk.checkin().messageProperty().get() + ")");
                }
            });
            // the rating after that check-in names the room, in a question that still fits
            step(problems, "rating after the booking's check-in", () -> kiosk.shell().go(Screen.RATING));
            FxToolkit.setupFixture(() -> {
                var question = (Labeled) kiosk.scene().getRoot().lookup("#rating-question");
                String room = org.linli.kiosk.ui.Ui.unbroken(kiosk.rooms().roomProperty().get().name()
                        .in(kiosk.i18n().locale()));
                if (question == null || !question.getText().contains(room)) {
                    problems.add("rating after the booking's check-in: the question does not name " + room);
                } else {
                    onOneLine(problems, "rating after the booking's check-in", question, room);
                }
            });
            step(problems, "activities", () -> {
                clock.advance(toBooking.negated());
                kiosk.shell().go(Screen.ACTIVITIES);
            });
            FxToolkit.setupFixture(() -> hasBack(problems, "activities"));
            step(problems, "activities, next 7 days", () -> {
                kiosk.shell().finish(); // forget who checked in, so that the keypad is shown
                kiosk.shell().go(Screen.ACTIVITIES);
                kiosk.activities().showWeek(true);
            });
            FxToolkit.setupFixture(() -> {
                // a heading where each day begins: the days of the list, each once
                var days = kiosk.activities().activities().stream().map(a -> a.start().atZoneSameInstant(TIME.zone())
                        .toLocalDate()).distinct().toList();
                var headings = kiosk.scene().getRoot().lookupAll(".day-heading");
                if (days.size() < 2 || headings.size() != days.size() || days.stream().anyMatch(d -> kiosk.scene()
                        .getRoot().lookup("#day-" + d) == null)) {
                    problems.add("activities, next 7 days: " + headings.size() + " day headings for the days " + days);
                }
            });
            // a full one: the waitlist's words are the longest, and its badge is a picture in either language
            step(problems, "activities sign-up", () -> {
                kiosk.activities().choose(kiosk.activities().activities().stream().filter(a -> a.full())
                        .findFirst().orElseThrow());
            });
            FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, "activities sign-up"));
            // a number too short: the notice joins the column beside the keypad, which must still fit
            step(problems, "activities sign-up, number too short", () -> {
                "138".chars().forEach(c -> kiosk.activities().phone().press((char) c));
                kiosk.activities().signUp();
            });
            FxToolkit.setupFixture(() -> {
                if (!"phone.invalid".equals(kiosk.activities().messageProperty().get())) {
                    problems.add("activities sign-up, number too short: no notice that the number is not whole");
                }
                wholeWithoutScrolling(problems, "activities sign-up, number too short", "#signup-when",
                        "#confirm-signup", "#back", ".privacy", ".notice");
            });
            String signer = language.equals(I18n.CHINESE) ? "13900139000" : "13900139001";
            step(problems, "activities done", () -> {
                kiosk.activities().phone().reset();
                signer.chars().forEach(c -> kiosk.activities().phone().press((char) c));
                kiosk.activities().signUp();
            });
            FxToolkit.setupFixture(() -> {
                if (kiosk.scene().getRoot().lookup("#signup-done #pictogram-clock") == null) {
                    problems.add("activities done: no clock on the place on the waitlist");
                }
            });
            // the resident is known now: the details of another activity, with who they are instead of the keypad
            step(problems, "activities details, resident known", () -> {
                kiosk.activities().back();
                kiosk.activities().choose(kiosk.activities().activities().stream().filter(a -> !a.full()
                        && a.start().toInstant().isAfter(clock.instant())).findFirst().orElseThrow());
            });
            FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, "activities details, resident known"));
            step(problems, "rating", () -> kiosk.shell().go(Screen.RATING));
            FxToolkit.setupFixture(() -> hasBack(problems, "rating"));
            step(problems, "rating thanks", () -> kiosk.rating().rate(4));
            step(problems, "card", () -> {
                kiosk.shell().finish();
                kiosk.shell().go(Screen.CARD);
            });
            // a number the service does not know: the privacy notice over the keypad, whole, with both buttons
            step(problems, "privacy notice", () -> {
                "13300133180".chars().forEach(c -> kiosk.card().phone().press((char) c));
                kiosk.card().request();
            });
            FxToolkit.setupFixture(() -> {
                for (String part : List.of("#consent-title", "#consent-notice", "#consent-agree", "#consent-back")) {
                    if (kiosk.scene().getRoot().lookup(part) == null) {
                        problems.add("privacy notice: no " + part);
                    }
                }
            });
            step(problems, "privacy notice declined", () -> ((javafx.scene.control.Button) kiosk.scene().getRoot()
                    .lookup("#consent-back")).fire());
            // a resident who agreed to an earlier notice: the notice again, with the line saying it changed
            central.agreedEarlier("13600136000", "before-2026-12");
            step(problems, "privacy notice changed", () -> {
                "13600136000".chars().forEach(c -> kiosk.card().phone().press((char) c));
                kiosk.card().request();
            });
            FxToolkit.setupFixture(() -> {
                for (String part : List.of("#consent-changed", "#consent-notice", "#consent-agree", "#consent-back")) {
                    if (kiosk.scene().getRoot().lookup(part) == null) {
                        problems.add("privacy notice changed: no " + part);
                    }
                }
            });
            step(problems, "privacy notice changed declined", () -> ((javafx.scene.control.Button) kiosk.scene()
                    .getRoot().lookup("#consent-back")).fire());
            step(problems, "card shown", () -> {
                "13700137000".chars().forEach(c -> kiosk.card().phone().press((char) c));
                kiosk.card().request();
            });
            step(problems, "my bookings, card asked", () -> {
                kiosk.shell().finish();
                kiosk.shell().go(Screen.MY_BOOKINGS);
            });
            String booker = central.residentCard("13800138000");
            // the booking made above has been checked in with (used): another, in two days, to list and cancel
            var later = java.time.LocalDate.ofInstant(clock.instant(), TIME.zone()).plusDays(2).atTime(10, 0)
                    .atZone(TIME.zone()).toOffsetDateTime();
            central.book(kiosk.rooms().rooms().get(2).room().id(), later, later.plusHours(1), "13800138000");
            step(problems, "my bookings", () -> kiosk.scanned(booker));
            FxToolkit.setupFixture(() -> {
                if (kiosk.myBookings().bookings().isEmpty()) {
                    problems.add("my bookings: the room booked above is not listed");
                }
            });
            step(problems, "my bookings, cancel?", () -> kiosk.myBookings().choose(kiosk.myBookings().bookings()
                    .getFirst()));
            step(problems, "my bookings, cancelled", () -> kiosk.myBookings().cancel());
            step(problems, "my bookings, none left", () -> kiosk.myBookings().back());
            step(problems, "my bookings, not a card", () -> {
                kiosk.shell().finish();
                kiosk.shell().go(Screen.MY_BOOKINGS);
                kiosk.scanned("hello");
            });
            Duration toNight = untilNight();
            step(problems, "home, closed at night", () -> {
                clock.advance(toNight);
                kiosk.shell().finish();
            });
            step(problems, "open again", () -> {
                clock.advance(toNight.negated());
                kiosk.shell().finish();
            });
            java.time.LocalDate today = clock.instant().atZone(TIME.zone()).toLocalDate();
            central.week("08:00", "21:00", java.util.Set.of(), List.of(today, today.plusDays(1)));
            step(problems, "home, closed for a holiday", () -> kiosk.shell().finish());
            step(problems, "rooms, closed for a holiday", () -> kiosk.shell().go(Screen.ROOMS));
            FxToolkit.setupFixture(() -> {
                if (kiosk.scene().getRoot().lookup(".pill-free") != null) {
                    problems.add("rooms, closed for a holiday: a room says it is free now");
                }
            });
            step(problems, "rooms, the day the hub opens again", () -> kiosk.rooms().choose(kiosk.rooms().rooms()
                    .get(2).room()));
            step(problems, "rooms, a closed day", () -> kiosk.rooms().moveDay(-1));
            FxToolkit.setupFixture(() -> {
                if (kiosk.scene().getRoot().lookup("#day-closed") == null) {
                    problems.add("rooms, a closed day: no notice that the hub is closed that day");
                }
            });
            central.week("08:00", "21:00", java.util.Set.of(), List.of());
            step(problems, "offline check-in", () -> {
                kiosk.shell().finish();
                central.stop();
                kiosk.shell().go(Screen.CHECKIN);
                kiosk.checkin().usePhone();
                "13600136000".chars().forEach(c -> kiosk.checkin().phone().press((char) c));
                kiosk.checkin().submitPhone();
            });
            step(problems, "offline home", () -> kiosk.shell().finish());
            step(problems, "offline queue", () -> kiosk.shell().go(Screen.QUEUE));
            FxToolkit.setupFixture(() -> {
                if (!kiosk.scene().getRoot().lookupAll("#offline-notice").stream().anyMatch(Node::isVisible)) {
                    problems.add("offline queue: no notice says that no number can be drawn");
                }
                kiosk.scene().getRoot().lookupAll(".service-tile").forEach(tile -> {
                    if (!tile.isDisabled()) {
                        problems.add("offline queue: a service tile can still be tapped");
                    }
                });
            });
            step(problems, "offline rooms", () -> kiosk.shell().go(Screen.ROOMS));
            step(problems, "offline activities", () -> kiosk.shell().go(Screen.ACTIVITIES));
            step(problems, "offline card", () -> kiosk.shell().go(Screen.CARD));
            step(problems, "offline my bookings", () -> kiosk.shell().go(Screen.MY_BOOKINGS));
            FxToolkit.setupFixture(() -> {
                // neither a card to scan nor one to get works offline: no picture or button invites either
                for (String deadEnd : List.of("#scan-card", "#mine-get-card")) {
                    if (kiosk.scene().getRoot().lookup(deadEnd) != null) {
                        problems.add("offline my bookings: " + deadEnd + " is offered");
                    }
                }
            });
            step(problems, "offline rating", () -> kiosk.shell().go(Screen.RATING));
            step(problems, "online again", () -> {
                central.restart();
                kiosk.shell().finish();
            });
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The attract screen as the screenshot tour draws it (issue 21): a morning's queues, three services in the strip
     * and one of them with nobody called yet, which says how many wait in every form and language; in English the
     * small panel's strip takes two lines, and neither may run off the panel's edge. At night the closed notice says
     * what still works, whole on the screen, on the small panel too.
     */
    @ParameterizedTest(name = "{0}x{1} at {2} dpi")
    @CsvSource({"1920, 1080, 102", "1080, 1920, 102", "800, 480, 133"})
    void theAttractScreenOfABusyMorningAndAtNightIsWhole(int width, int height, int dpi) throws Exception {
        open(width, height, dpi);
        List<String> problems = new ArrayList<>();
        ScreenshotTour.morningQueues(central);
        for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            String morning = "home, a busy morning, " + language;
            step(problems, morning, () -> {
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().home();
            });
            FxToolkit.setupFixture(() -> {
                wholeWithoutScrolling(problems, morning, "#serving-strip");
                kiosk.home().strip().stream().filter(s -> s.number() == null && s.waiting() > 0).forEach(s -> {
                    String count = kiosk.i18n().get("home.waiting", s.waiting());
                    if (kiosk.scene().getRoot().lookupAll("#serving-strip .label").stream()
                            .noneMatch(n -> drawn(n) && ((Labeled) n).getText().equals(count))) {
                        problems.add(morning + ": " + s.service() + " does not say '" + count + "'");
                    }
                });
            });
            Duration toNight = untilNight();
            String night = "home, closed at night, " + language;
            step(problems, night, () -> {
                clock.advance(toNight);
                kiosk.shell().home();
            });
            FxToolkit.setupFixture(() -> wholeWithoutScrolling(problems, night, "#closed-notice", "#closed-still"));
            clock.advance(toNight.negated());
        }
        assertEquals(List.of(), problems);
    }

    /**
     * A busier hub than the tour's: people wait at six services, four numbers called. The small panel's strip took
     * four lines and ran off the panel; on every panel it now stays whole, shows what fits and ends with how many
     * services it leaves out ("另有2项服务在排队"), the numbers called the last to be left out.
     */
    @ParameterizedTest(name = "{0}x{1} at {2} dpi")
    @CsvSource({"1920, 1080, 102", "1080, 1920, 102", "800, 480, 133"})
    void theStripOfSixServicesStaysWholeAndSaysHowManyItLeavesOut(int width, int height, int dpi) throws Exception {
        open(width, height, dpi);
        List<String> problems = new ArrayList<>();
        ScreenshotTour.queues(central, new String[] {"affairs", "elderly-care", "health", "legal", "haircut",
                "repairs"}, new int[] {6, 3, 1, 2, 4, 5}, "counter-1", "counter-2", "counter-3", "salon");
        for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            String where = "home, six services, " + language;
            step(problems, where, () -> {
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().home();
            });
            FxToolkit.setupFixture(() -> {
                wholeWithoutScrolling(problems, where, "#serving-strip");
                List<String> shown = kiosk.scene().getRoot().lookupAll("#serving-strip .label").stream()
                        .filter(LayoutFitIT::drawn).map(n -> ((Labeled) n).getText()).toList();
                var served = kiosk.home().strip().stream().filter(s -> !s.idle()).toList();
                var left = served.stream().filter(s -> !shown.contains(s.name().in(language))).toList();
                if (left.stream().anyMatch(s -> s.number() != null) && served.stream().anyMatch(s -> s.number()
                        == null && !left.contains(s))) {
                    problems.add(where + ": a number called is left out for a service nobody is called at: " + left);
                }
                if (!left.isEmpty() && !shown.contains(kiosk.i18n().get("home.servingMore", left.size()))) {
                    problems.add(where + ": " + left.size() + " services are left out and nothing says how many: "
                            + shown);
                }
                // the small panel's doors need the height: its strip keeps to two lines in either language
                int lines = stripLines();
                if (width == 800 && lines > 2) {
                    problems.add(where + ": the small panel's strip takes " + lines + " lines");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The week's activities go on below what the list shows (at 800×480 an activity and a half, and only a thin scroll
     * bar said there were more): a line under the list says so, whole on the screen, until the end of the list is in
     * view. A list that fits (today's two on the large panel) has no such line.
     */
    @ParameterizedTest(name = "{0}x{1} at {2} dpi")
    @CsvSource({"1920, 1080, 102", "1080, 1920, 102", "800, 480, 133"})
    void aListOfActivitiesThatGoesOnBelowSaysSoUntilItsEnd(int width, int height, int dpi) throws Exception {
        open(width, height, dpi);
        List<String> problems = new ArrayList<>();
        for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            String week = "activities, next 7 days, " + language;
            // a visit of its own: the list begins at its top, wherever the last resident left it
            step(problems, week, () -> {
                kiosk.shell().finish();
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().go(Screen.ACTIVITIES);
                kiosk.activities().showWeek(true);
            });
            FxToolkit.setupFixture(() -> moreBelow(problems, week, width == 800 ? true : null));
            step(problems, week + ", at its end", () -> {
                ScrollPane list = (ScrollPane) kiosk.scene().getRoot().lookup("#screen-activities .plain-scroll");
                list.setVvalue(list.getVmax());
            });
            FxToolkit.setupFixture(() -> moreBelow(problems, week + ", at its end", false));
        }
        // the demo hub has nothing on today at noon in St John's: two this afternoon
        for (int hour : new int[] {15, 17}) {
            var start = java.time.LocalDate.ofInstant(clock.instant(), TIME.zone()).atTime(hour, 0)
                    .atZone(TIME.zone()).toOffsetDateTime();
            central.put("/api/v1/activities/tea-" + hour, central.staffToken("admin"), Map.of("room",
                    "activity-room", "titleZh", "下午茶", "titleEn", "Afternoon tea", "start", start.toString(),
                    "end", start.plusHours(1).toString(), "capacity", 20));
        }
        step(problems, "activities, today's two", () -> kiosk.activities().showWeek(false));
        FxToolkit.setupFixture(() -> {
            if (kiosk.activities().activities().size() != 2) {
                problems.add("activities, today's two: " + kiosk.activities().activities().size() + " listed");
            }
            moreBelow(problems, "activities, today's two", width == 1920 ? false : null);
        });
        assertEquals(List.of(), problems);
    }

    /**
     * The line under the activities says more lie below exactly when the list goes on below its view (that it lies
     * on the screen, {@link #step} checks).
     *
     * @param expected whether it must be shown here; null where that is for the list's length to say
     */
    private void moreBelow(List<String> problems, String where, Boolean expected) {
        ScrollPane list = (ScrollPane) kiosk.scene().getRoot().lookup("#screen-activities .plain-scroll");
        Node hint = kiosk.scene().getRoot().lookup("#more-below");
        double hidden = list.getContent().getLayoutBounds().getHeight() - list.getViewportBounds().getHeight();
        boolean below = hidden * (list.getVmax() - list.getVvalue()) > 1;
        boolean shown = hint != null && drawn(hint);
        if (shown != below || expected != null && shown != expected) {
            problems.add(where + ": the line saying more lie below is " + (shown ? "shown" : "not shown") + " with "
                    + Math.round(hidden) + " px of the list out of view, at " + list.getVvalue());
        }
    }

    /** Whether the node is drawn: it and everything it lies in are visible. */
    private static boolean drawn(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The lines the now-serving strip's items take: those in a line share their middle. */
    private int stripLines() {
        Parent items = (Parent) ((Parent) kiosk.scene().getRoot().lookup("#serving-strip")).getChildrenUnmodifiable()
                .get(1);
        double[] middles = items.getChildrenUnmodifiable().stream().filter(Node::isVisible)
                .mapToDouble(n -> n.getBoundsInParent().getCenterY()).sorted().toArray();
        int lines = middles.length == 0 ? 0 : 1;
        for (int i = 1; i < middles.length; i++) {
            lines += middles[i] - middles[i - 1] > 4 ? 1 : 0;
        }
        return lines;
    }

    /** "Back" on the first step of a screen too, as on the others: to the start, where "home" goes as well. */
    private void hasBack(List<String> problems, String where) {
        Node back = kiosk.scene().getRoot().lookup("#back");
        if (back == null || !back.isVisible()) {
            problems.add(where + ": no 'back'");
        }
    }

    /**
     * The staff PIN pad (five quick taps on the logo): whole on each panel, at 15 mm keys, with a dot for each digit
     * rather than the digits, nothing said of a phone number, and a wrong PIN said in words.
     */
    private void staffPin(List<String> problems) throws Exception {
        step(problems, "staff PIN", () -> {
            for (int i = 0; i < 5; i++) {
                kiosk.staffExit().logoTapped();
            }
        });
        step(problems, "staff PIN, typed", () -> "246".chars().forEach(c -> kiosk.staffExit().entry().press((char) c)));
        FxToolkit.setupFixture(() -> {
            if (kiosk.scene().getRoot().lookup("#staff-pin") == null) {
                problems.add("staff PIN: five taps on the logo did not open the pad");
                return;
            }
            String shown = ((Labeled) kiosk.scene().getRoot().lookup("#pin-display")).getText();
            if (!shown.equals("●●●")) {
                problems.add("staff PIN, typed: the pad shows '" + shown + "' for three digits, not three dots");
            }
            kiosk.scene().getRoot().lookupAll("#staff-pin .label").forEach(label -> {
                String words = ((Labeled) label).getText();
                if (words.equals(kiosk.i18n().get("phone.placeholder")) || words.contains(kiosk.i18n().get(
                        "checkin.missing", 8))) {
                    problems.add("staff PIN: it speaks of a phone number: " + words);
                }
            });
            wholeWithoutScrolling(problems, "staff PIN, typed", "#pin-display", "#staff-ok", "#staff-cancel",
                    "#key-0", "#key-9");
        });
        step(problems, "staff PIN, wrong", () -> {
            kiosk.staffExit().entry().press('9');
            kiosk.staffExit().submit();
        });
        FxToolkit.setupFixture(() -> {
            if (kiosk.scene().getRoot().lookup("#staff-wrong") == null) {
                problems.add("staff PIN, wrong: nothing says the PIN was wrong");
            }
            wholeWithoutScrolling(problems, "staff PIN, wrong", "#staff-wrong", "#staff-ok", "#staff-cancel");
        });
        step(problems, "staff PIN cancelled", () -> kiosk.staffExit().cancel());
    }

    /**
     * The idle warning on a result screen leaves what the resident must read or photograph in view: the nodes named
     * lie on screen and clear of the warning, which reminds of the number and does not speak of clearing an entry.
     */
    private void leftInView(List<String> problems, String where, String... kept) {
        Node warning = kiosk.scene().lookup("#idle-warning");
        if (warning == null || !warning.isVisible()) {
            problems.add(where + ": no idle warning is shown");
            return;
        }
        Bounds bar = warning.localToScene(warning.getLayoutBounds());
        for (String id : kept) {
            Node node = kiosk.scene().lookup(id);
            if (node == null) {
                problems.add(where + ": " + id + " is not on the screen");
                continue;
            }
            Bounds b = node.localToScene(node.getLayoutBounds());
            if (b.intersects(bar) || b.getMaxY() > kiosk.scene().getHeight() + 1) {
                problems.add(where + ": the warning covers " + id + " (" + b + " under " + bar + ")");
            }
        }
        String number = kiosk.queue().ticketProperty().get().number();
        String words = kiosk.scene().getRoot().lookupAll("#idle-warning .label").stream()
                .map(n -> ((Labeled) n).getText()).reduce("", String::concat);
        if (!words.contains(number)) {
            problems.add(where + ": the warning does not remind of the number " + number + ": " + words);
        }
        if (words.contains("清") || words.toLowerCase(Locale.ROOT).contains("clear")) {
            problems.add(where + ": the warning speaks of clearing what was entered: " + words);
        }
    }

    /**
     * A form the resident fills in fits the panel as it is: nothing in it scrolls (a scroll bar in the middle of a
     * 7-inch screen hid the privacy notice and the chips), and its words, when and where, and its buttons lie whole
     * on the screen.
     */
    private void wholeWithoutScrolling(List<String> problems, String where) {
        wholeWithoutScrolling(problems, where, "#signup-when", "#confirm-signup", "#back", ".privacy");
    }

    private void wholeWithoutScrolling(List<String> problems, String where, String... whole) {
        kiosk.scene().getRoot().lookupAll(".scroll-pane").forEach(node -> {
            ScrollPane scroll = (ScrollPane) node;
            if (scroll.isVisible() && scroll.getContent() != null && scroll.getContent().getLayoutBounds().getHeight()
                    > scroll.getViewportBounds().getHeight() + 1) {
                problems.add(where + ": it scrolls (" + Math.round(scroll.getContent().getLayoutBounds().getHeight())
                        + " px in " + Math.round(scroll.getViewportBounds().getHeight()) + ")");
            }
        });
        for (String id : whole) {
            Node node = kiosk.scene().getRoot().lookup(id);
            if (node == null || !node.isVisible()) {
                problems.add(where + ": " + id + " is not shown");
                continue;
            }
            Bounds b = node.localToScene(node.getLayoutBounds());
            if (b.getMinY() < 0 || b.getMaxY() > kiosk.scene().getHeight() + 1) {
                problems.add(where + ": " + id + " is not wholly on the screen at " + b);
            }
        }
    }

    /** A name inside a sentence that wraps is drawn on one line: its first and last letters are on the same line. */
    private static void onOneLine(List<String> problems, String where, Labeled label, String name) {
        Text drawn = (Text) label.lookup(".text");
        int at = drawn == null ? -1 : drawn.getText().indexOf(name);
        if (at < 0) {
            problems.add(where + ": '" + name + "' is not drawn whole in " + describe(label));
            return;
        }
        double first = ((javafx.scene.shape.MoveTo) drawn.caretShape(at, true)[0]).getY();
        double last = ((javafx.scene.shape.MoveTo) drawn.caretShape(at + name.length() - 1, true)[0]).getY();
        if (Math.abs(first - last) > 1) {
            problems.add(where + ": '" + name + "' breaks across two lines in " + describe(label));
        }
    }

    /** From now to the next 03:33 in the hub, when it is closed. */
    private Duration untilNight() {
        ZonedDateTime now = clock.instant().atZone(TIME.zone());
        ZonedDateTime night = now.toLocalDate().atTime(3, 33).atZone(TIME.zone());
        return Duration.between(now, night.isAfter(now) ? night : night.plusDays(1));
    }

    private void step(List<String> problems, String name, Runnable action) throws Exception {
        FxToolkit.setupFixture(action);
        kiosk.settle();
        WaitForAsyncUtils.waitForFxEvents();
        FxToolkit.setupFixture((Callable<Void>) () -> {
            kiosk.scene().getRoot().applyCss();
            kiosk.scene().getRoot().layout();
            check(kiosk.scene().getRoot(), name, problems, true);
            kiosk.scene().getRoot().lookupAll(".tile-content").forEach(content -> insideItsTile(content, name,
                    problems));
            problems.addAll(Contrast.problems(kiosk.scene().getRoot(), name));
            return null;
        });
    }

    /** A tile's words lie within the tile: a fixed-size tile whose texts wrap to more lines lets them spill out. */
    private void insideItsTile(Node content, String where, List<String> problems) {
        if (!content.isVisible() || content.getParent() == null) {
            return;
        }
        Bounds tile = content.getParent().localToScene(content.getParent().getLayoutBounds());
        content.lookupAll(".label").forEach(label -> {
            Bounds b = label.localToScene(label.getLayoutBounds());
            if (label.isVisible() && b.getWidth() > 0 && (b.getMinY() < tile.getMinY() - 1
                    || b.getMaxY() > tile.getMaxY() + 1 || b.getMaxX() > tile.getMaxX() + 1)) {
                problems.add(where + ": " + describe(label) + " spills out of its tile (" + b + " in " + tile + ")");
            }
        });
    }

    /** @param onScreen false inside a list that scrolls, which may reach past the screen: that is what it is for */
    private void check(Node node, String where, List<String> problems, boolean onScreen) {
        if (!node.isVisible()) {
            return;
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        String what = where + ": " + describe(node);
        if (onScreen && b.getWidth() > 0 && (b.getMinX() < -1 || b.getMinY() < -1
                || b.getMaxX() > kiosk.scene().getWidth() + 1 || b.getMaxY() > kiosk.scene().getHeight() + 1)) {
            problems.add(what + " sticks out of the screen at " + b);
        }
        if (node instanceof ButtonBase && Math.min(b.getWidth(), b.getHeight()) < minTarget) {
            problems.add(what + " is a small touch target: " + Math.round(b.getWidth()) + "×"
                    + Math.round(b.getHeight()) + " px");
        }
        if (node instanceof Labeled labeled && !labeled.getText().isBlank()) {
            if (!labeled.getFont().getFamily().equals(Theme.FONT)) {
                problems.add(what + " is drawn in " + labeled.getFont().getFamily() + ", not " + Theme.FONT);
            }
            if (labeled.getFont().getSize() < MIN_TEXT_PX) {
                problems.add(what + " has small text: " + labeled.getFont().getSize() + " px");
            }
            String shown = shownText(labeled);
            if (shown != null && !shown.equals(labeled.getText()) && shown.endsWith(labeled.getEllipsisString())) {
                problems.add(what + " is cut short to '" + shown + "'");
            }
            Wording.problems(labeled, kiosk.i18n().locale().equals(I18n.ENGLISH))
                    .forEach(problem -> problems.add(what + " " + problem));
        }
        if (node instanceof ScrollPane scroll) {
            if (scroll.getContent() != null) {
                check(scroll.getContent(), where, problems, false);
            }
            return;
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> check(child, where, problems, onScreen));
        }
    }

    /** The text a label's skin draws, which ends in "…" when the whole text did not fit (JavaFX 21 has no flag). */
    private static String shownText(Labeled labeled) {
        return labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(t -> ((Text) t).getText())
                .findFirst().orElse(null);
    }

    private static String describe(Node node) {
        String text = node instanceof Labeled l ? " '" + l.getText() + "'" : "";
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId()) + text;
    }
}
