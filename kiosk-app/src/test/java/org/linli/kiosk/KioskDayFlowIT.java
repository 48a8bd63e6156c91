package org.linli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.kiosk.session.Screen;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;

/**
 * The flows whose screens depend most on the hub's day, a ticket and a booking (made, shown, found under "my
 * bookings" and cancelled), end to end as {@link KioskFlowIT} runs the rest, at every moment of {@link HubTime}
 * (issue 12): 00:05, 08:59, 12:00, 23:55, the last day of a month and midnight crossed during the test, each in a
 * hub whose zone is neither Shanghai's nor the machine's ({@link KioskFlow#everyMoment()}). The other flows run at
 * {@link HubTime#few()} moments: all of them at all six would take the kiosk's tests from ~4.5 to ~10 minutes.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.kiosk.KioskFlow#everyMoment")
class KioskDayFlowIT extends KioskFlow {
    @Test
    void takingANumberShowsTheTicket() throws Exception {
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no");
        awaitShown("#ticket-number");
        assertEquals("A001", text("#ticket-number"), "the first ticket of the day");
        // the service over the number, as a paper ticket prints it: "A001" alone says nothing of what it is for
        String service = kiosk.queue().tiles().stream().filter(t -> t.service().id().equals("affairs")).findFirst()
                .orElseThrow().service().name().in(kiosk.i18n().locale());
        assertTrue(text("#ticket-service").startsWith(service), text("#ticket-service"));
        awaitShown("#qr");
        String now = DateTimeFormatter.ofPattern("HH:mm").format(clock.instant().atZone(time.zone()));
        assertEquals(kiosk.i18n().get("queue.taken", now), text("#ticket-taken"), "when it was taken, in hub time");

        LocalDate day = hubDay();
        passTime(HubTime.MIDWAY);
        tap("#home");
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no"); // settles: the draw has been answered and shown
        awaitShown("#ticket-number");
        assertEquals(hubDay().equals(day) ? "A002" : "A001", text("#ticket-number"),
                "the second ticket, or the first of the hub's new day");
    }

    /**
     * Booked for tomorrow in the hub: the result names the day the hub's way, "（明天）", or "（今天）" once midnight has
     * passed while the resident typed; under the code how to cancel, not the booking's random 16-digit number.
     */
    @Test
    void bookingARoomShowsTheDoorQrAndItsDay() throws Exception {
        var booking = bookAtTheKiosk("13800138000");
        String token = (String) robot.lookup("#qr").query().getUserData();
        assertEquals(TokenType.BOOKING, TokenFormat.parse(token).type());
        String onScreen = robot.lookup("#booking-done .label").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(java.util.stream.Collectors.joining(" "));
        LocalDate booked = booking.start().atZoneSameInstant(time.zone()).toLocalDate();
        String date = DateTimeFormatter.ofPattern(kiosk.i18n().get("format.date"), kiosk.i18n().locale())
                .format(booked);
        String name = kiosk.i18n().get(booked.equals(hubDay()) ? "rooms.today" : "rooms.tomorrow").strip();
        assertTrue(booked.equals(hubDay()) == time.crossesMidnight(), "tomorrow, or today after midnight");
        assertTrue(onScreen.contains(date + name), date + name + " in " + onScreen);
        assertTrue(onScreen.contains(DateTimeFormatter.ofPattern("HH:mm").format(booking.start()
                .atZoneSameInstant(time.zone()))), "the hub's time: " + onScreen);
        assertEquals(kiosk.i18n().get("rooms.cancelHow"), text("#booking-cancel"));
        String id = booking.id();
        assertFalse(onScreen.replace(" ", "").contains(id.substring(0, Math.min(id.length(), 8))),
                "no booking number on the resident's screen: " + onScreen);
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
     * the booking on its day and at its time in the hub's zone, cancels it after saying yes: the central service
     * has it cancelled.
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
        var start = booking.start().atZoneSameInstant(time.zone());
        String when = robot.lookup("#mine-when-" + booking.id() + " .label").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(java.util.stream.Collectors.joining(" "));
        assertTrue(when.contains(DateTimeFormatter.ofPattern("HH:mm").format(start)), "the hub's time: " + when);
        assertTrue(when.contains(DateTimeFormatter.ofPattern(kiosk.i18n().get("format.date"), kiosk.i18n().locale())
                .format(start)), "the hub's day: " + when);
        tap("#mine-cancel-" + booking.id());
        awaitShown("#mine-confirm-card");
        assertEquals(0, central.count("SELECT count(*) FROM booking WHERE status = 'cancelled'"),
                "nothing is cancelled before the resident says yes");
        tap("#mine-confirm");
        awaitShown("#mine-cancelled");
        assertEquals(1, central.count("SELECT count(*) FROM booking WHERE status = 'cancelled' AND id = "
                + booking.id()));
        // nothing was typed here: the idle warning leaves "cancelled" in view, and does not say it clears an entry
        clock.advance(java.time.Duration.ofSeconds(52));
        awaitIdleBar("#mine-cancelled");
        tap("#idle-more");
        await().atMost(PATIENCE).until(() -> !shown("#idle-warning"));
        tap("#mine-others");
        awaitShown("#mine-none");
    }
}
