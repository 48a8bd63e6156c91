package org.linli.kiosk.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.TestCentral;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.rating.RatingViewModel;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;

class RoomsViewModelTest extends CentralFixtureTest {
    RoomsViewModel vm;

    @BeforeEach
    void start() throws Exception {
        vm = newViewModel();
    }

    RoomsViewModel newViewModel() {
        return new RoomsViewModel(f.client, f.async, ReceiptPrinter.NONE, new RatingViewModel(f.sender, f.async),
                f.clock, f.zone, Map.of(), f.resident);
    }

    int firstFreePair(RoomsViewModel model) {
        var slots = model.slots();
        for (int i = 0; i + 1 < slots.size(); i++) {
            if (slots.get(i).free() && slots.get(i + 1).free()) {
                return i;
            }
        }
        throw new AssertionError("no two free slots in a row");
    }

    /** The first room, tomorrow, its first free slot (the first of two free in a row) tapped. */
    void chooseASlotTomorrow() {
        vm.refresh();
        vm.choose(vm.rooms().get(0).room());
        vm.moveDay(1);
        vm.tapSlot(firstFreePair(vm));
    }

    void fillDetails(RoomsViewModel model) {
        model.toDetails();
        model.changeAttendees(3);
        model.setPurpose("meeting");
        "13800138000".chars().forEach(c -> model.phone().press((char) c));
    }

    /** A room the hub closed for good (retired on the catalogue page) is not offered from the next refresh on. */
    @Test
    void aRetiredRoomIsNoLongerOffered() {
        addTeaRoom();
        vm.refresh();
        assertTrue(roomIds().contains("tea-room"), roomIds().toString());
        f.central.post("/api/v1/rooms/tea-room/retire", f.central.staffToken("admin"), Map.of());
        vm.refresh();
        assertFalse(roomIds().contains("tea-room"), roomIds().toString());
        assertTrue(roomIds().contains("studio"), "the others stay");
    }

    /**
     * Retired while its tile was on screen: tapping it says it is no longer offered, and "back" shows the list
     * without it.
     */
    @Test
    void aRoomRetiredWhileOnScreenIsSaidSoAndLeavesTheList() {
        addTeaRoom();
        vm.refresh();
        RoomRow tea = vm.rooms().stream().filter(r -> r.room().id().equals("tea-room")).findFirst().orElseThrow();
        f.central.post("/api/v1/rooms/tea-room/retire", f.central.staffToken("admin"), Map.of());

        vm.choose(tea.room());
        assertEquals(RoomsViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("refused.retired", vm.messageProperty().get());
        vm.back();
        assertEquals(RoomsViewModel.Step.ROOMS, vm.stepProperty().get());
        assertFalse(roomIds().contains("tea-room"), roomIds().toString());
        assertTrue(roomIds().contains("studio"), "the others stay");
    }

    private void addTeaRoom() {
        f.central.put("/api/v1/rooms/tea-room", f.central.staffToken("admin"), Map.of("hub", TestCentral.HUB,
                "nameZh", "茶室", "nameEn", "Tea room", "capacity", 8));
    }

    private java.util.List<String> roomIds() {
        return vm.rooms().stream().map(r -> r.room().id()).toList();
    }

    /**
     * On a holiday no slot is offered: the tiles have no day to show, and a room's timeline opens on the day the hub
     * opens again (here the third, the weekday after the holiday being closed every week); the closed days in
     * between offer nothing.
     */
    @Test
    void onAClosedDayNoSlotIsOffered() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(f.clock.instant(), f.zone);
        f.central.week("08:00", "21:00", java.util.Set.of(today.plusDays(1).getDayOfWeek()), java.util.List.of(today));
        vm.refresh();
        assertFalse(vm.opensOn(today));
        assertFalse(vm.opensOn(today.plusDays(1)));
        assertTrue(vm.opensOn(today.plusDays(2)));
        assertTrue(vm.rooms().stream().allMatch(r -> r.today().isEmpty()), "no slots on the tiles today");
        vm.choose(vm.rooms().getFirst().room());
        assertEquals(today.plusDays(2), vm.dateProperty().get(), "the timeline starts on the day the hub opens");
        assertFalse(vm.slots().isEmpty());
        vm.moveDay(-1);
        assertEquals(today.plusDays(1), vm.dateProperty().get());
        assertTrue(vm.slots().isEmpty(), "a closed weekday offers nothing");
        vm.tapSlot(0);
        assertFalse(vm.hasTime());
    }

    /**
     * The hub (in Kiritimati, open 08:00–21:00) closes for the day at 21:00: from then on a room's timeline starts
     * on the next day it opens (tomorrow, or after a closed weekday the day after), where every slot is still ahead;
     * today stays a tap back, all of it past. At 20:59 it is still today, and at 03:33 the next morning, before
     * opening, it is that day again.
     */
    @Test
    void afterClosingTimeARoomsTimelineStartsOnTheNextDayTheHubOpens() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(f.clock.instant(), f.zone);
        passTo(today.atTime(20, 59));
        vm.refresh();
        vm.choose(vm.rooms().getFirst().room());
        assertEquals(today, vm.dateProperty().get(), "a minute before closing it is still today");

        passTo(today.atTime(21, 0));
        vm.reset();
        vm.choose(vm.rooms().getFirst().room());
        assertEquals(today.plusDays(1), vm.dateProperty().get(), "closed for the day: tomorrow");
        assertTrue(java.util.stream.IntStream.range(0, vm.slots().size()).anyMatch(vm::bookable),
                "tomorrow has slots to book");
        vm.moveDay(-1);
        assertEquals(today, vm.dateProperty().get());
        assertFalse(vm.slots().isEmpty());
        assertTrue(java.util.stream.IntStream.range(0, vm.slots().size()).noneMatch(vm::bookable), "today is over");

        f.central.week("08:00", "21:00", java.util.Set.of(today.plusDays(1).getDayOfWeek()), java.util.List.of());
        vm.refresh();
        vm.reset();
        vm.choose(vm.rooms().getFirst().room());
        assertEquals(today.plusDays(2), vm.dateProperty().get(), "tomorrow's weekday is closed every week");

        passTo(today.plusDays(1).atTime(3, 33));
        f.central.week("08:00", "21:00", java.util.Set.of(), java.util.List.of());
        vm.refresh();
        vm.reset();
        vm.choose(vm.rooms().getFirst().room());
        assertEquals(today.plusDays(1), vm.dateProperty().get(), "before opening: the day about to begin");
    }

    /** Moves the shared clock of kiosk and central on to a time of the hub's day. */
    private void passTo(java.time.LocalDateTime at) {
        f.clock.advance(java.time.Duration.between(f.clock.instant(), at.atZone(f.zone).toInstant()));
    }

    /** The room list carries each room's day: its tile draws it as a bar and counts the free slots left. */
    @Test
    void theRoomListKnowsHowMuchOfTodayIsStillFree() throws Exception {
        vm.refresh();
        RoomRow before = vm.rooms().get(0);
        assertTrue(before.today() != null && !before.today().isEmpty(), "today's slots are loaded with the list");
        long free = before.freeLeft(f.clock.instant());
        var later = before.today().stream().filter(s -> s.free() && s.start().toInstant().isAfter(f.clock.instant()))
                .findFirst().orElseThrow();
        f.central.book(before.room().id(), later.start(), later.end(), "13800138001");
        vm.refresh();
        assertEquals(free - 1, vm.rooms().get(0).freeLeft(f.clock.instant()), "a booking elsewhere counts");
        assertTrue(vm.rooms().get(0).dayLeft(f.clock.instant()));
    }

    /**
     * Two slots of today closed for repairs and the next one booked: the list draws the two as repairs, joined into
     * one stretch to be said in words, and the third as booked; once the repairs are over they are past like any hour.
     */
    @Test
    void theRoomListTellsRepairsFromBookings() throws Exception {
        vm.refresh();
        java.time.Instant now = f.clock.instant();
        RoomRow before = vm.rooms().get(0);
        var slots = before.today();
        // three free slots in a row still to come, the first two ending today (a block is from and to on one day)
        int first = java.util.stream.IntStream.range(0, slots.size() - 2)
                .filter(i -> java.util.stream.IntStream.rangeClosed(i, i + 2)
                        .allMatch(j -> slots.get(j).free() && slots.get(j).start().toInstant().isAfter(now)))
                .filter(i -> slots.get(i + 1).end().atZoneSameInstant(f.zone).toLocalDate()
                        .equals(java.time.LocalDate.ofInstant(now, f.zone)))
                .findFirst().orElseThrow(() -> new AssertionError("no three free slots in a row today"));
        var from = slots.get(first).start().atZoneSameInstant(f.zone);
        var to = slots.get(first + 1).end().atZoneSameInstant(f.zone);
        var format = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        f.central.block(before.room().id(), from.toLocalDate(), format.format(from), format.format(to), "new floor");
        f.central.book(before.room().id(), slots.get(first + 2).start(), slots.get(first + 2).end(), "13800138001");
        vm.refresh();

        RoomRow after = vm.rooms().get(0);
        assertEquals(java.util.List.of(RoomRow.Segment.REPAIRS, RoomRow.Segment.REPAIRS, RoomRow.Segment.BOOKED),
                after.today().subList(first, first + 3).stream().map(s -> RoomRow.segment(s, now)).toList());
        assertEquals(java.util.List.of(new RoomRow.Repairs(slots.get(first).start(), slots.get(first + 1).end())),
                after.repairsLeft(now), "one stretch from the first slot's start to the second's end");
        assertEquals(before.freeLeft(now) - 3, after.freeLeft(now), "neither repairs nor a booking are free");
        assertTrue(after.today().stream().filter(s -> !s.end().toInstant().isAfter(now))
                .allMatch(s -> RoomRow.segment(s, now) == RoomRow.Segment.PAST), "hours gone are past");

        java.time.Instant later = slots.get(first + 1).end().toInstant();
        assertTrue(after.repairsLeft(later).isEmpty(), "repairs over are not announced");
        assertEquals(RoomRow.Segment.PAST, RoomRow.segment(after.today().get(first), later));
    }

    @Test
    void aResidentKnownFromEarlierInTheVisitBooksWithTheirCardWithoutTypingANumber() throws Exception {
        String card = f.central.residentCard("13800138009");
        long resident = f.central.newestResident();
        f.resident.card(card);
        chooseASlotTomorrow();
        vm.toDetails();
        vm.setPurpose("class");
        assertTrue(vm.canBook(), "no number needed");
        vm.book();
        assertEquals(RoomsViewModel.Step.DONE, vm.stepProperty().get());
        assertEquals(resident, f.central.residentOf("booking", vm.bookingProperty().get().id()));
        assertEquals(resident, f.central.newestResident(), "no other resident made known by the booking");
    }

    /**
     * A booking's number is random and up to 16 digits (issue 13): where it is printed (the slip, for staff) it is in
     * groups of four, as a phone number is in groups ("9656 6149 4870 393", not "965661494870393"); a short one is
     * padded ("0001", a bare "1" looked like a test).
     */
    @Test
    void groupsTheBookingNumberInFours() {
        assertEquals("9656 6149 4870 393", BookingSlip.number("965661494870393"));
        assertEquals("1234 5678 9012 3456", BookingSlip.number("1234567890123456"));
        assertEquals("0001", BookingSlip.number("1"));
        assertEquals("1002", BookingSlip.number("1002"));
    }

    /**
     * The printed booking slip gives the day as the screen does ("12月6日 星期日", not "2026-12-06"), how to cancel,
     * and, last and for staff (the door's log names bookings by it), the booking's number in groups: the resident's
     * screen no longer shows the number, so the slip is where staff find it.
     */
    @Test
    void printsTheBookingWithItsDayInWordsHowToCancelAndItsNumberForStaff() throws Exception {
        java.nio.file.Path paper = dir.resolve("lp0");
        vm = new RoomsViewModel(f.client, f.async, org.linli.kiosk.print.EscPosPrinter.device(paper.toString()),
                new RatingViewModel(f.sender, f.async), f.clock, f.zone, Map.of(), f.resident);
        chooseASlotTomorrow();
        fillDetails(vm);
        vm.book();
        var start = vm.bookingProperty().get().start().atZoneSameInstant(f.zone);
        String chinese = new String(java.nio.file.Files.readAllBytes(paper),
                java.nio.charset.Charset.forName("GB18030"));
        String day = java.time.format.DateTimeFormatter.ofPattern("M月d日 EEEE", java.util.Locale.CHINESE)
                .format(start);
        assertTrue(chinese.contains(day), "the day in words, " + day + ": " + chinese);
        assertFalse(chinese.contains(start.toLocalDate().toString()), "no ISO date: " + chinese);
        assertTrue(chinese.contains("我的预约"), "how to cancel: " + chinese);
        String number = BookingSlip.number(vm.bookingProperty().get().id());
        assertTrue(number.matches("\\d{4}( \\d{4})*( \\d{1,3})?"), number);
        assertTrue(chinese.indexOf(number) > chinese.indexOf("我的预约"), "the number last, for staff: " + chinese);
    }

    @Test
    void aNumberTypedForABookingIsRememberedForTheRestOfTheVisit() throws Exception {
        chooseASlotTomorrow();
        fillDetails(vm);
        vm.book();
        assertTrue(f.resident.known());
        assertEquals("8000", f.resident.phoneLast4());
    }

    @Test
    void booksTwoSlotsAndShowsTheDoorToken() throws Exception {
        vm.refresh();
        assertEquals(6, vm.rooms().size(), "the demo hub's six rooms");
        vm.choose(vm.rooms().get(0).room());
        vm.moveDay(1);
        int first = firstFreePair(vm);
        vm.tapSlot(first);
        vm.tapSlot(first + 1);
        assertEquals(first + 1, vm.lastSlotProperty().get());
        fillDetails(vm);
        assertEquals(4, vm.attendeesProperty().get());
        assertTrue(vm.canBook());
        vm.book();
        assertEquals(RoomsViewModel.Step.DONE, vm.stepProperty().get());
        var token = TokenFormat.parse(vm.bookingProperty().get().token());
        assertEquals(TokenType.BOOKING, token.type());
        assertTrue(token.isForHub(TestCentral.HUB));
        assertEquals("", vm.phone().digits(), "the phone number leaves the screen once booked");
    }

    @Test
    void aSlotTakenMeanwhileSendsTheResidentBackToTheTimeline() {
        vm.refresh();
        vm.choose(vm.rooms().get(1).room());
        vm.moveDay(2);
        int first = firstFreePair(vm);
        RoomsViewModel other = newViewModel();
        other.refresh();
        other.choose(other.rooms().get(1).room());
        other.moveDay(2);
        other.tapSlot(first);
        fillDetails(other);
        other.book();
        assertEquals(RoomsViewModel.Step.DONE, other.stepProperty().get());

        vm.tapSlot(first);
        fillDetails(vm);
        vm.book();
        assertEquals(RoomsViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("rooms.refused.conflict", vm.messageProperty().get());
        vm.back();
        assertEquals(RoomsViewModel.Step.SLOTS, vm.stepProperty().get());
        assertFalse(vm.slots().get(first).free());
    }

    @Test
    void takenSlotsCannotBeChosenAndARangeNeverSpansOne() {
        vm.refresh();
        var room = vm.rooms().get(0).room();
        var tomorrow = java.time.LocalDate.ofInstant(f.clock.instant(), f.zone).plusDays(1);
        var ten = tomorrow.atTime(10, 0).atZone(f.zone).toOffsetDateTime();
        f.central.book(room.id(), ten, ten.plusHours(1), "13800138009");
        vm.choose(room);
        vm.moveDay(1);
        int taken = -1;
        for (int i = 0; i < vm.slots().size(); i++) {
            if (!vm.slots().get(i).free()) {
                taken = i;
                break;
            }
        }
        int after = taken;
        while (!vm.slots().get(after).free()) {
            after++;
        }
        vm.tapSlot(taken);
        assertFalse(vm.hasTime());
        vm.tapSlot(taken - 1);
        vm.tapSlot(after);
        assertEquals(after, vm.firstSlotProperty().get(), "the range restarted after the taken slots");
        assertEquals(after, vm.lastSlotProperty().get());
    }

    /**
     * At 08:59 in a room that wants an hour's notice: 08:00 and 08:30 have passed, 09:00 and 09:30 are too soon, 10:00
     * is the first that can be chosen. Those before it looked free and did nothing when tapped, or were refused.
     */
    @Test
    void slotsPastOrInsideTheRoomsNoticeCannotBeChosen() {
        vm.refresh();
        var room = vm.rooms().get(0).room();
        f.central.put("/api/v1/rooms/" + room.id(), f.central.staffToken("admin"), Map.of("hub", TestCentral.HUB,
                "nameZh", room.name().zh(), "nameEn", room.name().en(), "capacity", room.capacity(),
                "leadMinutes", 60));
        vm.refresh();
        vm.choose(vm.rooms().stream().filter(r -> r.room().id().equals(room.id())).findFirst().orElseThrow().room());
        assertEquals("08:00", vm.slots().get(0).start().atZoneSameInstant(f.zone).toLocalTime().toString());
        assertTrue(vm.begun(0) && vm.begun(1) && !vm.begun(2));
        for (int i = 0; i < 4; i++) {
            assertTrue(vm.slots().get(i).free(), "nobody booked it");
            assertFalse(vm.bookable(i), "slot " + i + " cannot be had any more");
            vm.tapSlot(i);
            assertFalse(vm.hasTime(), "tapping slot " + i + " chooses nothing");
        }
        assertTrue(vm.bookable(4));
        vm.tapSlot(4);
        assertEquals(4, vm.firstSlotProperty().get());
    }

    @Test
    void bookingNeedsAPhoneAndAPurpose() {
        chooseASlotTomorrow();
        vm.toDetails();
        vm.book();
        assertEquals("phone.invalid", vm.messageProperty().get());
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.book();
        assertEquals("rooms.choosePurpose", vm.messageProperty().get());
        assertEquals(RoomsViewModel.Step.DETAILS, vm.stepProperty().get());
    }
}
