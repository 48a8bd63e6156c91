package org.linli.kiosk.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.CentralFixture;
import org.linli.kiosk.central.SampleCentral;
import org.linli.kiosk.checkin.CheckinViewModel.Kind;
import org.linli.kiosk.checkin.CheckinViewModel.State;
import org.linli.kiosk.rating.RatingViewModel;

class CheckinViewModelTest {
    @TempDir
    Path dir;
    CentralFixture f;
    CheckinViewModel vm;
    RatingViewModel rating;

    @BeforeEach
    void start() throws Exception {
        f = new CentralFixture(dir);
        rating = new RatingViewModel(f.sender, f.async);
        vm = new CheckinViewModel(f.sender, f.clock, SampleCentral.HUB, f.async, rating, f.catalogue, f.resident);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aResidentCardWelcomesTheResidentAndCountsTheVisit() {
        vm.scanned(f.central.residentToken(7));
        assertEquals(State.WELCOME, vm.stateProperty().get());
        assertEquals(Kind.RESIDENT, vm.kindProperty().get());
        assertFalse(vm.keptProperty().get());
        assertEquals(1, f.central.checkins().size());
        assertEquals("checkin", rating.subjectProperty().get().kind());
    }

    @Test
    void aScannedCardIdentifiesTheResidentForTheRestOfTheVisit() {
        String card = f.central.residentToken(7);
        vm.scanned(card);
        assertTrue(f.resident.known());
        assertEquals(java.util.Map.of("token", card), f.resident.identity("token"));
    }

    @Test
    void aBookingCheckInNamesTheRoomFromTheHubCatalogue() throws Exception {
        f.catalogue.update(f.client.hub());
        var rooms = new org.linli.kiosk.rooms.RoomsViewModel(f.client, f.async,
                org.linli.kiosk.print.ReceiptPrinter.NONE, rating, f.clock, org.linli.kiosk.Kiosk.zone(),
                java.util.Map.of(), new org.linli.kiosk.ui.ResidentSession());
        rooms.refresh();
        rooms.choose(rooms.rooms().stream().filter(r -> r.room().id().equals("hall")).findFirst().orElseThrow()
                .room());
        rooms.moveDay(1);
        int free = 0;
        while (!rooms.slots().get(free).free()) {
            free++;
        }
        rooms.tapSlot(free);
        rooms.toDetails();
        rooms.setPurpose("meeting");
        "13800138000".chars().forEach(c -> rooms.phone().press((char) c));
        rooms.book();
        vm.scanned(rooms.bookingProperty().get().token());
        assertEquals(Kind.BOOKING, vm.kindProperty().get());
        assertEquals(new org.linli.kiosk.central.Names("议事厅", "Community meeting hall"),
                vm.roomNameProperty().get());
        assertFalse(f.resident.known(), "a booking code says which booking, not who the resident is");
    }

    @Test
    void somethingThatIsNotOurCodeSaysSoWithoutAsking() {
        vm.scanned("https://example.com/not-a-token");
        assertEquals(State.PROBLEM, vm.stateProperty().get());
        assertEquals("checkin.notOurCode", vm.messageProperty().get());
        assertTrue(f.central.checkins().isEmpty());
    }

    @Test
    void anExpiredCardIsRefusedAtOnce() {
        String token = f.central.residentToken(7);
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
        f.central.stop();
        vm.scanned(f.central.residentToken(7));
        assertEquals(State.WELCOME, vm.stateProperty().get());
        assertTrue(vm.keptProperty().get());
        assertEquals(1, f.sender.pendingCount());
    }
}
