package org.linli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.protocol.testing.HubTime;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;

/**
 * The kiosk's rooms end to end, as {@link KioskFlowIT} does the rest: repairs on the slots and the day bar, live room
 * states, a holiday, the idle warning over the list and a refusal, "my bookings"' way back, the resident card; at
 * {@link HubTime#few()} moments. Booking at the kiosk and cancelling under "my bookings" run at every moment, in
 * {@link KioskDayFlowIT}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#few")
class KioskRoomsFlowIT extends KioskFlow {
    /**
     * The room list and a refusal are not forms: the idle warning there leaves them in view, and does not say that
     * what was entered will be cleared (the dimmed dialog said so over the list, and hid why the booking failed).
     */
    @Test
    void theIdleWarningLeavesTheRoomListAndARefusalInView() throws Exception {
        tap("#tile-rooms");
        awaitShown("#room-activity-room");
        clock.advance(java.time.Duration.ofSeconds(52));
        awaitIdleBar("#room-activity-room");
        tap("#idle-more");
        await().atMost(PATIENCE).until(() -> !shown("#idle-warning"));

        // the slots chosen are booked by someone else while the resident types: the booking is refused
        tap("#home");
        twoSlotsTomorrow();
        var slots = kiosk.rooms().slots();
        central.book("activity-room", slots.get(kiosk.rooms().firstSlotProperty().get()).start(),
                slots.get(kiosk.rooms().lastSlotProperty().get()).end(), "13800138001");
        tap("#purpose-class");
        typeOnKeypad("13800138000");
        tap("#book");
        awaitShown("#problem");
        clock.advance(java.time.Duration.ofSeconds(52));
        awaitIdleBar("#problem");
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
        double cardBack = laidOutHeight("#back");
        tap("#back");
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        assertEquals(I18n.ENGLISH, kiosk.i18n().locale(), "back from the card screen kept the resident's language");
        assertTrue(kiosk.rooms().resident().known(), "back from the card screen forgot the resident");

        tap("#tile-my_bookings");
        assertEquals(cardBack, laidOutHeight("#back"), 0.5,
                "the same back button as the other screens");
        tap("#back");
        await().atMost(PATIENCE).until(() -> kiosk.shell().screen() == Screen.HOME);
        awaitShown("#tile-my_bookings");
        assertEquals(I18n.ENGLISH, kiosk.i18n().locale());
        assertTrue(kiosk.rooms().resident().known(), "back from my bookings forgot the resident");
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

}
