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
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.kiosk.scan.ScanLoopTest;
import org.linli.protocol.testing.HubTime;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk end to end: real JavaFX (headless Monocle), real taps, real HTTP to the real central service (the demo
 * hub, in this JVM, on the kiosk's clock), a real broker for the rooms' sensors, a real SQLite outbox, camera
 * frames from a directory, and HID scanner keystrokes. It runs at {@link HubTime#few()} moments, each flow whole
 * (a kiosk and a central service per test), midnight crossed in St John's in the flows that depend on the day; the
 * ticket and the booking run at every moment in {@link KioskDayFlowIT}, and {@link HubDayTest} takes the same
 * screens through every moment of the matrix without the window.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#few")
class KioskFlowIT extends KioskFlow {

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
        // kept: the welcome's one calm line says so, and the red banner does not shout over a check-in that worked
        awaitShown("#checkin-kept");
        assertFalse(shown("#offline-banner"), "no red banner over the kept check-in");
        assertEquals(1, kiosk.outbox().pendingCount());
        tap("#done");
        awaitShown("#offline-banner"); // the attract screen: what works and what does not while the network is down

        clock.advance(Duration.ofMinutes(10)); // the power comes back ten minutes later, perhaps the next day
        central.restart();
        await().atMost(PATIENCE).until(() -> central.checkins() == 1);
        long at = central.count("SELECT at_ts FROM checkin");
        assertTrue(Math.abs(at - visit.getEpochSecond()) < 60, "the visit is counted at the time it happened");
        await().atMost(PATIENCE).until(() -> !shown("#offline-banner"));
        await().atMost(PATIENCE).until(() -> kiosk.outbox().pendingCount() == 0);
    }

    /**
     * The keypad says how many digits are still to come ("还差 4 位"), and "签到" stays off until all eleven are in: a
     * resident is not left to learn from a refusal that a digit is missing (screens review §3-03).
     */
    @Test
    void thePhoneKeypadCountsTheDigitsToGoAndChecksInOnlyAWholeNumber() throws Exception {
        tap("#tile-checkin");
        tap("#use-phone");
        typeOnKeypad("1380013");
        assertEquals("还差 4 位", text("#phone-missing"));
        assertTrue(robot.lookup("#submit-phone").queryButton().isDisabled(), "7 digits of 11");
        typeOnKeypad("800");
        assertEquals("还差 1 位", text("#phone-missing"));
        assertTrue(robot.lookup("#submit-phone").queryButton().isDisabled(), "10 digits of 11");
        typeOnKeypad("0");
        assertEquals("", text("#phone-missing").strip(), "no digit to go");
        assertFalse(robot.lookup("#submit-phone").queryButton().isDisabled(), "all 11 digits");
        tap("#key-back");
        assertEquals("还差 1 位", text("#phone-missing"));
        assertTrue(robot.lookup("#submit-phone").queryButton().isDisabled(), "one digit taken back");
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

        // the attract screen too, while it is in a resident's language: one who taps "English" there and walks away
        // leaves the kiosk in Chinese for the next, after asking (in words that fit a screen where nothing was typed)
        tap("#home");
        tap("#language");
        await().atMost(PATIENCE).until(() -> kiosk.i18n().locale().equals(I18n.ENGLISH));
        clock.advance(Duration.ofSeconds(51));
        awaitIdleBar();
        clock.advance(Duration.ofSeconds(10));
        await().atMost(PATIENCE).until(() -> kiosk.i18n().locale().equals(I18n.CHINESE));
        assertEquals(Screen.HOME, kiosk.shell().screen());
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
        // and how they find out they got a place, nobody calling or texting them: the desk, or signing up again here
        assertEquals(kiosk.i18n().get("activities.waitlistedFind"), text("#waitlist-find"));
        assertTrue(text("#waitlist-find").contains("服务台") && text("#waitlist-find").contains("再报一次"),
                text("#waitlist-find"));

        // someone with a place drops out (staff cancel it at the desk): the central service moves the waitlist up,
        // and the resident who signs up again here, as the line says, is told they have a place, signed up once
        long dropped = central.count("SELECT min(id) FROM activity_signup WHERE status = 'confirmed' AND activity_id = '"
                + next.id() + "'");
        central.delete("/api/v1/activities/" + next.id() + "/signups/" + dropped, central.staffToken("operator"));
        tap("#more-activities");
        tap("#join-" + next.id());
        tap("#confirm-signup"); // known since the number was typed: one tap
        awaitShown("#signup-done");
        assertFalse(kiosk.activities().signupProperty().get().waitlisted());
        assertTrue(robot.lookup(kiosk.i18n().get("activities.confirmed")).tryQuery().isPresent());
        assertEquals(1, central.count("SELECT count(*) FROM activity_signup WHERE status <> 'cancelled'"
                + " AND activity_id = '" + next.id() + "' AND resident_id = " + central.newestResident()),
                "one sign-up, not two");
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
        double cardBack = laidOutHeight("#back");
        tap("#back");
        tap("#tile-checkin");
        assertEquals(cardBack, laidOutHeight("#back"), 0.5,
                "the same back button as the other screens");
        tap("#back");
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        awaitShown("#tile-checkin");
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
     * An activity that is over says "已结束" and cannot be tapped: at 11:15 the 09:30–11:00 class still offered "报名"
     * (screens review §3-12), and one that ended while the list was on screen went on offering it. Today's first,
     * over already or once its end passes with the list in front of the resident.
     */
    @Test
    void anActivityThatHasEndedSaysSoAndCannotBeTapped() throws Exception {
        tap("#tile-activities");
        var first = kiosk.activities().activities().getFirst();
        String ended = kiosk.i18n().get("activities.ended");
        awaitShown("#join-" + first.id());
        if (first.end().toInstant().isAfter(clock.instant())) {
            assertFalse(text("#places-" + first.id()).equals(ended), "not over yet");
            assertFalse(robot.lookup("#join-" + first.id()).queryButton().isDisabled(), "not over yet");
            // its end passes while the resident reads the list (touching it, so that the idle reset does not come)
            robot.interact(() -> {
                clock.advance(Duration.between(clock.instant(), first.end().toInstant()).plusMinutes(1));
                kiosk.shell().idle().touch();
            });
        }
        await().atMost(PATIENCE).until(() -> robot.lookup("#places-" + first.id()).tryQuery()
                .map(n -> ((Labeled) n).getText().equals(ended)).orElse(false));
        assertTrue(robot.lookup("#join-" + first.id()).queryButton().isDisabled(), "it cannot be tapped");
        assertEquals(Screen.ACTIVITIES, kiosk.shell().screen());
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
    void theLanguageSwitchChangesTheScreen() throws Exception {
        String before = robot.lookup("#language").queryButton().getText();
        tap("#language");
        await().atMost(PATIENCE)
                .until(() -> !before.equals(robot.lookup("#language").queryButton().getText()));
        tap("#tile-queue");
        await().atMost(PATIENCE).until(() -> robot.lookup("Take a number").tryQuery().isPresent()
                || robot.lookup("取号排队").tryQuery().isPresent());
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
     * Open or closed is read off the clock at the scan, not at the attract screen's last look at it: a resident on
     * the activities from 07:58 who scans at 08:01 is checked in (the attract screen had said closed); one there from
     * 20:58 who scans at 21:01 is not, and is shown when the hub opens. From 21:00 a room's timeline starts tomorrow.
     */
    @Test
    @OpeningHours(open = "08:00", close = "21:00")
    void theClockAtTheScanSaysWhetherTheHubIsOpenAndAtNightARoomIsBookedForTomorrow() throws Exception {
        String morning = central.residentCard("13800138014");
        String evening = central.residentCard("13800138015");
        passTo(java.time.LocalTime.of(7, 58));
        awaitShown("#closed-notice");
        tap("#tile-activities");
        passTime(Duration.ofMinutes(3));
        robot.interact(() -> kiosk.scanned(morning));
        kiosk.settle();
        awaitShown("#welcome");
        assertEquals(1, central.checkins(), "open since 08:00");

        passTo(java.time.LocalTime.of(20, 58));
        tap("#tile-activities");
        passTime(Duration.ofMinutes(3));
        robot.interact(() -> kiosk.scanned(evening));
        kiosk.settle();
        assertEquals(Screen.HOME, kiosk.shell().screen());
        awaitShown("#closed-notice");
        assertTrue(robot.lookup("#closed-notice").lookup(kiosk.i18n().get("home.closed.tomorrow", "08:00"))
                .tryQuery().isPresent(), "the notice says the hub opens at 08:00 tomorrow");
        assertEquals(1, central.checkins(), "nobody checked in after closing");

        tap("#tile-rooms");
        tap("#room-studio");
        assertEquals(hubDay().plusDays(1), kiosk.rooms().dateProperty().get(), "at night a booking is for tomorrow");
        awaitShown("#slot-0");
    }

    /** Moves the clock on to the next time of day in the hub, and the kiosk back to its home screen. */

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
        typeOnKeypad("1357");
        assertEquals("●●●●", text("#pin-display"), "dots, not the PIN, for the lobby to see");
        tap("#staff-ok");
        awaitShown("#staff-wrong");
        assertEquals(0, exits.get(), "a wrong PIN closes nothing");
        typeOnKeypad("2468");
        tap("#staff-ok");
        await().atMost(PATIENCE).until(() -> exits.get() == 1);
    }
}
