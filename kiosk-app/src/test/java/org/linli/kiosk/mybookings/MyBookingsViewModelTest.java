package org.linli.kiosk.mybookings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.CentralFixture;
import org.linli.kiosk.TestCentral;
import org.linli.kiosk.central.Model.Slot;
import org.linli.kiosk.mybookings.MyBookingsViewModel.Step;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenSigner;

/**
 * "My bookings" against the real central service, the demo hub in Kiritimati at 08:59 (neither the machine's zone
 * nor Shanghai's): the card holder's bookings listed, one cancelled after yes, and every way it can go wrong.
 */
class MyBookingsViewModelTest {
    static final String PHONE = "13800138000";

    @TempDir
    Path dir;
    CentralFixture f;
    MyBookingsViewModel vm;

    @BeforeEach
    void start() throws Exception {
        f = new CentralFixture(dir);
        vm = new MyBookingsViewModel(f.client, f.async, f.clock, f.zone, f.resident);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Books the first free slot of tomorrow (in the hub) in a room for {@code phone}; answers the booking's id. */
    private String bookTomorrow(String room, String phone) throws Exception {
        LocalDate tomorrow = LocalDate.ofInstant(f.clock.instant(), f.zone).plusDays(1);
        Slot slot = f.client.availability(room, tomorrow).slots().stream().filter(Slot::free).findFirst()
                .orElseThrow();
        return f.central.book(room, slot.start(), slot.end(), phone).path("id").asText();
    }

    /** The card shown and its one booking tapped: the screen asks whether to cancel it. */
    private void chooseTheOnlyBooking(String card) {
        vm.start();
        vm.scanned(card);
        vm.choose(vm.bookings().getFirst());
    }

    private long cancelled(String id) {
        return f.central.count("SELECT count(*) FROM booking WHERE status = 'cancelled' AND id = " + id);
    }

    @Test
    void aResidentNotKnownByCardIsAskedToShowIt() {
        f.resident.phone(PHONE); // a phone number is not enough: the API finds bookings by card
        vm.start();
        assertEquals(Step.SCAN, vm.stepProperty().get());
    }

    @Test
    void listsTheCardHoldersBookingsInTheHubsZoneAndCancelsOneAfterYes() throws Exception {
        String first = bookTomorrow("studio", PHONE);
        String second = bookTomorrow("activity-room", PHONE);
        bookTomorrow("council-hall", "13900139000"); // someone else's
        vm.start();
        vm.scanned(f.central.residentCard(PHONE));
        assertEquals(Step.LIST, vm.stepProperty().get(), vm.messageProperty().get());
        assertEquals(List.of(first, second).stream().sorted().toList(),
                vm.bookings().stream().map(b -> b.id()).sorted().toList(), "the card holder's two, not the other");
        LocalDate tomorrow = LocalDate.ofInstant(f.clock.instant(), f.zone).plusDays(1);
        for (var b : vm.bookings()) {
            OffsetDateTime start = b.start();
            assertEquals(tomorrow, start.atZoneSameInstant(f.zone).toLocalDate(), "tomorrow in the hub: " + start);
        }
        assertTrue(f.resident.byCard(), "the card is remembered for the rest of the visit");

        var chosen = vm.bookings().stream().filter(b -> b.id().equals(first)).findFirst().orElseThrow();
        vm.choose(chosen);
        assertEquals(Step.CONFIRM, vm.stepProperty().get());
        vm.keep();
        assertEquals(Step.LIST, vm.stepProperty().get(), "no, keep it: nothing is cancelled");
        assertEquals(0, cancelled(first));

        vm.choose(chosen);
        vm.cancel();
        assertEquals(Step.CANCELLED, vm.stepProperty().get(), vm.messageProperty().get());
        assertEquals("cancelled", vm.cancelledProperty().get().status());
        assertEquals(1, cancelled(first), "the central service has it cancelled");
        assertEquals(0, cancelled(second));
        assertEquals(List.of(second), vm.bookings().stream().map(b -> b.id()).toList());

        vm.back();
        assertEquals(Step.LIST, vm.stepProperty().get());
        assertEquals(List.of(second), vm.bookings().stream().map(b -> b.id()).toList(), "asked again: one left");
    }

    @Test
    void aResidentKnownByCardSeesTheirBookingsAtOnce() throws Exception {
        String id = bookTomorrow("studio", PHONE);
        f.resident.card(f.central.residentCard(PHONE));
        vm.start();
        assertEquals(Step.LIST, vm.stepProperty().get());
        assertEquals(List.of(id), vm.bookings().stream().map(b -> b.id()).toList());
    }

    @Test
    void aCardWithoutBookingsShowsAnEmptyList() {
        vm.start();
        vm.scanned(f.central.residentCard("13700137000"));
        assertEquals(Step.LIST, vm.stepProperty().get());
        assertTrue(vm.bookings().isEmpty());
    }

    @Test
    void codesThatAreNotACardOfThisHubAreNamedAsSuch() throws Exception {
        vm.start();
        vm.scanned("hello");
        assertEquals("mine.notOurCode", vm.messageProperty().get());
        vm.back();
        assertEquals(Step.SCAN, vm.stepProperty().get());

        var booking = f.client.book(new org.linli.kiosk.central.Model.BookingRequest("activity-room",
                firstFree("activity-room").start(), firstFree("activity-room").end(), PHONE, null, 1, "meeting"),
                "key-1");
        vm.scanned(booking.token());
        assertEquals("mine.notACard", vm.messageProperty().get(), "a booking's code is not a resident card");
    }

    private Slot firstFree(String room) throws Exception {
        LocalDate day = LocalDate.ofInstant(f.clock.instant(), f.zone).plusDays(2);
        return f.client.availability(room, day).slots().stream().filter(Slot::free).findFirst().orElseThrow();
    }

    @Test
    void aCardTheCentralServiceDoesNotKnowIsRefusedInWords() throws Exception {
        // well formed, for this hub and not expired, but signed by a key that is not the hub's
        int kid = TokenFormat.parse(f.central.residentCard(PHONE)).kid();
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var now = f.clock.instant();
        String forged = new TokenSigner(new SigningKey(kid, pair)).sign(AccessToken.resident(kid, 4242,
                TestCentral.HUB, now.minusSeconds(60), now.plus(Duration.ofDays(30))));
        vm.start();
        vm.scanned(forged);
        assertEquals(Step.PROBLEM, vm.stepProperty().get());
        assertEquals("mine.cardRefused", vm.messageProperty().get());
        assertTrue(!f.resident.known(), "a refused card is not remembered");
    }

    @Test
    void offlineNothingIsShownAndACancellationIsRefusedNotKept() throws Exception {
        String id = bookTomorrow("studio", PHONE);
        String card = f.central.residentCard(PHONE);
        chooseTheOnlyBooking(card);
        f.central.stop();
        vm.cancel();
        assertEquals(Step.PROBLEM, vm.stepProperty().get());
        assertEquals("mine.cannotCancelNow", vm.messageProperty().get());
        assertEquals(0, f.sender.pendingCount(), "nothing kept to be sent later");
        vm.back();
        assertEquals(Step.LIST, vm.stepProperty().get(), "back to the list, the booking still on it");
        assertNull(vm.chosenProperty().get());

        vm.reset();
        vm.start();
        vm.scanned(card);
        assertEquals("mine.offline", vm.messageProperty().get());

        f.central.restart();
        f.clock.advance(Duration.ofMinutes(5));
        assertEquals(0, cancelled(id), "the booking stands: nothing was sent when the service came back");
        vm.back();
        vm.scanned(card);
        assertEquals(Step.LIST, vm.stepProperty().get());
        assertEquals(List.of(id), vm.bookings().stream().map(b -> b.id()).toList());
    }

    @Test
    void aBookingCancelledMeanwhileIsSaidToBeGone() throws Exception {
        String id = bookTomorrow("studio", PHONE);
        String card = f.central.residentCard(PHONE);
        chooseTheOnlyBooking(card);
        f.central.post("/api/v1/bookings/" + id + "/cancel", f.central.staffToken("operator"),
                java.util.Map.of("reason", "maintenance"));
        vm.cancel();
        assertEquals("mine.gone", vm.messageProperty().get());
        vm.back();
        assertEquals(Step.LIST, vm.stepProperty().get());
        assertTrue(vm.bookings().isEmpty(), "asked again: nothing left");
    }
}
