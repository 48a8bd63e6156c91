package org.linli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.protocol.testing.HubTime;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The privacy notice (features review item 14), with real taps against the real central service: a phone number the
 * service does not know brings the notice; "back" returns to the keypad and nothing is kept; "agree and continue"
 * completes the check-in or the booking and the service keeps the notice's version; the next time, no notice.
 */
class ConsentFlowIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Not among {@link TestCentral#AGREED_EARLIER}: new to the service. */
    private static final String NEW_PHONE = "13300133181";

    @TempDir
    Path dir;
    final FxRobot robot = new FxRobot();
    TestCentral central;
    Kiosk kiosk;

    @BeforeAll
    static void platform() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        HubTime time = HubTime.noon();
        AdjustableClock clock = TestCentral.clockAt(time);
        central = TestCentral.start(dir.resolve("central"), clock, time.zone(), "00:00", "23:59", Map.of());
        KioskConfig config = KioskConfig.from(Map.of("central.url", central.url().toString(),
                "kiosk.key", central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir", dir.resolve("data").toString()));
        java.time.ZoneId zone = HubZone.await(config);
        FxToolkit.setupStage(stage -> kiosk = OnScreen.show(stage, config, clock, () -> { }, 1920, 1080, zone));
        kiosk.settle();
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(kiosk::close);
        FxToolkit.cleanupStages();
        central.close();
    }

    private void tap(String id) throws InterruptedException {
        await().atMost(PATIENCE).until(() -> shown(id));
        robot.clickOn(id);
        WaitForAsyncUtils.waitForFxEvents();
        kiosk.settle();
    }

    private boolean shown(String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private void typeOnKeypad(String digits) throws InterruptedException {
        for (char c : digits.toCharArray()) {
            tap("#key-" + c);
        }
    }

    private long residents() {
        return central.count("SELECT count(*) FROM resident");
    }

    private void checkInByPhone() throws InterruptedException {
        tap("#tile-checkin");
        tap("#use-phone");
        typeOnKeypad(NEW_PHONE);
        tap("#submit-phone");
    }

    @Test
    void aNewNumberChecksInAfterAgreeingAndIsNotAskedAgain() throws Exception {
        long before = residents();
        checkInByPhone();
        await().atMost(PATIENCE).until(() -> shown("#consent-agree"));
        assertEquals(kiosk.i18n().get("consent.agree"), robot.lookup("#consent-agree").queryAs(Labeled.class)
                .getText(), "the button says what it does");
        assertEquals("同意并继续", robot.lookup("#consent-agree").queryAs(Labeled.class).getText());

        tap("#consent-back");
        assertFalse(shown("#consent-agree"), "the notice closed");
        assertEquals(kiosk.i18n().get("phone.placeholder"),
                robot.lookup("#phone-display").queryAs(Labeled.class).getText(), "back at an empty keypad");
        assertEquals(0, central.checkins(), "declining sent nothing");
        assertEquals(before, residents(), "declining kept no resident");

        typeOnKeypad(NEW_PHONE);
        tap("#submit-phone");
        tap("#consent-agree");
        await().atMost(PATIENCE).until(() -> shown("#welcome"));
        assertEquals(1, central.checkins());
        assertEquals(before + 1, residents());
        assertEquals(1, central.count("SELECT count(*) FROM resident WHERE id = " + central.newestResident()
                + " AND consent_version = '" + ConsentPrompt.VERSION + "' AND consent_ts IS NOT NULL"),
                "the version agreed to is kept");

        tap("#done");
        checkInByPhone();
        kiosk.settle();
        await().atMost(PATIENCE).until(() -> shown("#welcome"));
        assertFalse(shown("#consent-agree"), "a resident who agreed is not asked again");
        assertEquals(2, central.checkins());
        assertEquals(before + 1, residents());
    }

    /**
     * A check-in typed while the central service is away cannot ask: it is kept without a version. Sent later, a new
     * number is refused; the entry stays in the outbox as refused (its number erased), nothing is counted or made.
     */
    @Test
    void aKeptCheckInOfANewNumberIsKeptAsRefusedNotDropped() throws Exception {
        long before = residents();
        central.stop();
        checkInByPhone();
        await().atMost(PATIENCE).until(() -> shown("#welcome"));
        assertEquals(1, kiosk.outbox().pendingCount());
        central.restart();
        kiosk.outbox().syncNow();
        assertEquals(0, kiosk.outbox().pendingCount(), "no longer retried");
        assertEquals(0, central.checkins(), "not counted: the resident never agreed");
        assertEquals(before, residents(), "no resident made");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/outbox.db"));
                var rows = c.createStatement().executeQuery("SELECT refused, body FROM outbox")) {
            org.junit.jupiter.api.Assertions.assertTrue(rows.next(), "the entry is still there");
            org.junit.jupiter.api.Assertions.assertTrue(rows.getString(1).startsWith("consent-required"),
                    rows.getString(1));
            assertEquals("", rows.getString(2), "its phone number erased");
        }
    }

    @Test
    void aNewNumberBooksAfterAgreeing() throws Exception {
        long bookings = central.count("SELECT count(*) FROM booking");
        tap("#tile-rooms");
        tap("#room-activity-room");
        tap("#day-next");
        var slots = kiosk.rooms().slots();
        int first = 0;
        while (slots.get(first).start().atZoneSameInstant(central.zone()).getHour() < 8 || !slots.get(first).free()) {
            first++;
        }
        tap("#slot-" + first);
        tap("#to-details");
        tap("#purpose-class");
        typeOnKeypad(NEW_PHONE);
        tap("#book");
        tap("#consent-back");
        assertEquals(bookings, central.count("SELECT count(*) FROM booking"), "declining booked nothing");
        assertFalse(shown("#booking-done"));

        typeOnKeypad(NEW_PHONE);
        tap("#book");
        tap("#consent-agree");
        await().atMost(PATIENCE).until(() -> shown("#booking-done"));
        assertEquals(bookings + 1, central.count("SELECT count(*) FROM booking"));
        long booked = central.count("SELECT resident_id FROM booking ORDER BY rowid DESC LIMIT 1");
        assertEquals(booked, central.newestResident(), "a new resident made by the booking");
        assertEquals(1, central.count("SELECT count(*) FROM resident WHERE id = " + booked
                + " AND consent_version = '" + ConsentPrompt.VERSION + "'"), "with the version agreed to");
    }
}
