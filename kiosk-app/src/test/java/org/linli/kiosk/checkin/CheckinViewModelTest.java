package org.linli.kiosk.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.TestCentral;
import org.linli.kiosk.checkin.CheckinViewModel.Kind;
import org.linli.kiosk.checkin.CheckinViewModel.State;
import org.linli.kiosk.rating.RatingViewModel;

class CheckinViewModelTest extends CentralFixtureTest {
    CheckinViewModel vm;
    RatingViewModel rating;

    @BeforeEach
    void start() throws Exception {
        rating = new RatingViewModel(f.sender, f.async);
        vm = new CheckinViewModel(f.sender, f.clock, TestCentral.HUB, f.async, rating, f.catalogue, f.resident);
    }

    @Test
    void aResidentCardWelcomesTheResidentAndCountsTheVisit() {
        vm.scanned(f.central.residentCard("13800138007"));
        assertEquals(State.WELCOME, vm.stateProperty().get());
        assertEquals(Kind.RESIDENT, vm.kindProperty().get());
        assertFalse(vm.keptProperty().get());
        assertEquals(1, f.central.checkins());
        assertEquals("checkin", rating.subjectProperty().get().kind());
    }

    @Test
    void aScannedCardIdentifiesTheResidentForTheRestOfTheVisit() {
        String card = f.central.residentCard("13800138007");
        vm.scanned(card);
        assertTrue(f.resident.known());
        assertEquals(java.util.Map.of("token", card), f.resident.identity("token"));
    }

    @Test
    void aBookingCheckInNamesTheRoomFromTheHubCatalogue() throws Exception {
        f.catalogue.update(f.client.hub());
        var rooms = new org.linli.kiosk.rooms.RoomsViewModel(f.client, f.async,
                org.linli.kiosk.print.ReceiptPrinter.NONE, rating, f.clock, f.zone,
                java.util.Map.of(), new org.linli.kiosk.session.ResidentSession());
        rooms.refresh();
        rooms.choose(rooms.rooms().stream().filter(r -> r.room().id().equals("council-hall")).findFirst().orElseThrow()
                .room());
        int free = 0; // the first free slot that has not begun
        while (!rooms.slots().get(free).free()
                || !rooms.slots().get(free).start().toInstant().isAfter(f.clock.instant())) {
            free++;
        }
        rooms.tapSlot(free);
        rooms.toDetails();
        rooms.setPurpose("meeting");
        "13800138000".chars().forEach(c -> rooms.phone().press((char) c));
        rooms.book();
        assertEquals(org.linli.kiosk.rooms.RoomsViewModel.Step.DONE, rooms.stepProperty().get(),
                rooms.messageProperty().get());
        // the resident comes to the kiosk when the booking begins
        f.clock.advance(Duration.between(f.clock.instant(), rooms.slots().get(free).start().toInstant()));
        vm.scanned(rooms.bookingProperty().get().token());
        assertEquals(Kind.BOOKING, vm.kindProperty().get(), vm.messageProperty().get());
        assertEquals(new org.linli.kiosk.central.Names("议事厅", "Residents' council hall"),
                vm.roomNameProperty().get());
        assertFalse(f.resident.known(), "a booking code says which booking, not who the resident is");
    }

    /**
     * Tomorrow's booking shown today is not a check-in that "did not work, try again" (the central service's refusal of
     * a code not yet valid): the kiosk says at once that it is too early and keeps the booking's time for the screen
     * to say; from the door's 15 minutes before its start it is a check-in, whose welcome repeats the time.
     */
    @Test
    void aBookingShownTooEarlySaysWhenToComeAndChecksNobodyIn() {
        var at = f.clock.instant().atZone(f.zone).toLocalDate().plusDays(1).atTime(10, 0).atZone(f.zone)
                .toOffsetDateTime();
        String token = f.central.book("council-hall", at, at.plusMinutes(30), "13800138000").path("token").asText();
        vm.scanned(token);
        assertEquals(CheckinViewModel.State.PROBLEM, vm.stateProperty().get());
        assertEquals("checkin.bookingEarly", vm.messageProperty().get());
        assertEquals(new CheckinViewModel.Window(at.toInstant(), at.plusMinutes(30).toInstant()),
                vm.bookedProperty().get());
        assertEquals(0, f.central.checkins(), "nobody checked in");
        f.clock.advance(Duration.between(f.clock.instant(), at.toInstant()).minus(CheckinViewModel.EARLY));
        vm.again();
        vm.scanned(token);
        assertEquals(Kind.BOOKING, vm.kindProperty().get(), vm.messageProperty().get());
        assertEquals(at.toInstant(), vm.bookedProperty().get().start(), "the welcome's time");
        assertEquals(1, f.central.checkins());
    }

    /** Before the kiosk has loaded its rooms it says "your room", never the room's id inside a Chinese sentence. */
    @Test
    void withoutTheCatalogueTheRoomIsNotNamedByItsId() throws Exception {
        var at = f.clock.instant().atZone(f.zone).toLocalDate().plusDays(1).atTime(10, 0).atZone(f.zone)
                .toOffsetDateTime();
        String token = f.central.book("council-hall", at, at.plusMinutes(30), "13800138000").path("token").asText();
        f.clock.advance(Duration.between(f.clock.instant(), at.toInstant()));
        vm.scanned(token);
        assertEquals(Kind.BOOKING, vm.kindProperty().get(), vm.messageProperty().get());
        assertEquals(null, vm.roomNameProperty().get(), "no name known, so none shown (the view says 'your room')");
    }

    @Test
    void somethingThatIsNotOurCodeSaysSoWithoutAsking() {
        vm.scanned("https://example.com/not-a-token");
        assertEquals(State.PROBLEM, vm.stateProperty().get());
        assertEquals("checkin.notOurCode", vm.messageProperty().get());
        assertEquals(0, f.central.checkins());
    }

    @Test
    void anExpiredCardIsRefusedAtOnce() {
        String token = f.central.residentCard("13800138007");
        f.clock.advance(Duration.ofDays(400));
        vm.scanned(token);
        assertEquals("checkin.cardExpired", vm.messageProperty().get());
    }

    @Test
    void phoneCheckInNeedsElevenDigitsAndForgetsThemAfterwards() {
        vm.usePhone();
        "1380013".chars().forEach(c -> vm.phone().press((char) c));
        vm.submitPhone();
        assertEquals("phone.invalid", vm.messageProperty().get());
        vm.again();
        vm.usePhone();
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.submitPhone();
        assertEquals(State.WELCOME, vm.stateProperty().get());
        assertEquals(Kind.PHONE, vm.kindProperty().get());
        assertEquals("", vm.phone().digits());
    }

    @Test
    void offlineTheVisitIsKeptAndTheResidentStillWelcomed() {
        String card = f.central.residentCard("13800138007");
        f.central.stop();
        vm.scanned(card);
        assertEquals(State.WELCOME, vm.stateProperty().get());
        assertTrue(vm.keptProperty().get());
        assertEquals(1, f.sender.pendingCount());
    }
}
