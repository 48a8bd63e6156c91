package org.linli.kiosk.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.rating.RatingViewModel;

class QueueViewModelTest extends CentralFixtureTest {
    QueueViewModel vm;

    @BeforeEach
    void start() throws Exception {
        vm = new QueueViewModel(f.client, f.async, ReceiptPrinter.NONE, new RatingViewModel(f.sender, f.async),
                f.central.url(), f.resident);
    }

    @Test
    void showsEachServiceWithItsWaitAndGivesANumber() {
        f.central.drawTicket("affairs");
        f.central.drawTicket("affairs");
        vm.refresh();
        assertEquals(7, vm.tiles().size(), "the demo hub's seven services");
        QueueViewModel.Tile affairs = vm.tiles().get(0);
        assertEquals("affairs", affairs.service().id());
        assertEquals(2, affairs.waiting());
        assertTrue(affairs.waitMinutes() > 0, "two people ahead take some minutes");
        vm.choose(affairs);
        assertEquals(QueueViewModel.Step.PRIORITY, vm.stepProperty().get());
        vm.take(false);
        assertEquals(QueueViewModel.Step.TICKET, vm.stepProperty().get());
        assertEquals("A003", vm.ticketProperty().get().number());
        assertEquals(2, vm.ticketProperty().get().peopleAhead());
        String id = vm.ticketProperty().get().id();
        assertTrue(vm.statusUrl(vm.ticketProperty().get()).endsWith("/ticket/" + id));
    }

    /** The ticket says when it was taken, as a paper ticket and the phone's ticket page do ("10:30 取号"). */
    @Test
    void aTicketKnowsWhenItWasTaken() {
        vm.refresh();
        vm.choose(vm.tiles().get(0));
        vm.take(false);
        var queued = vm.ticketProperty().get().queued();
        assertNotNull(queued, "the time the central service queued it");
        assertEquals(f.clock.instant().getEpochSecond() / 60, queued.toInstant().getEpochSecond() / 60,
                "taken now, by the hub's clock");
    }

    /**
     * A number typed earlier in the visit that the central service does not know yet (its check-in was kept while the
     * service was away): the ticket asks for the privacy notice first; "back" draws nothing, agreeing draws it.
     */
    @Test
    void aNumberNewToTheCentralServiceAgreesToTheNoticeBeforeItsTicket() {
        f.resident.phone("13300133183");
        vm.refresh();
        vm.choose(vm.tiles().get(0));
        vm.take(false);
        assertTrue(f.resident.consent().asking(), "the notice, not a refusal");
        assertEquals(QueueViewModel.Step.PRIORITY, vm.stepProperty().get());
        f.resident.consent().back();
        assertEquals(0, f.central.count("SELECT count(*) FROM ticket"), "back: nothing drawn");
        vm.take(false);
        f.resident.consent().agree();
        assertEquals(QueueViewModel.Step.TICKET, vm.stepProperty().get());
        long resident = f.central.residentOf("ticket", vm.ticketProperty().get().id());
        assertEquals(1, f.central.count("SELECT count(*) FROM resident WHERE id = " + resident
                + " AND consent_version = '" + org.linli.kiosk.session.ConsentPrompt.VERSION + "'"));
    }

    @Test
    void aTicketCarriesTheCardOfAResidentKnownFromEarlierInTheVisit() {
        String card = f.central.residentCard("13800138003");
        long resident = f.central.newestResident();
        vm.refresh();
        vm.choose(vm.tiles().get(0));
        vm.take(false);
        assertEquals(0, f.central.residentOf("ticket", vm.ticketProperty().get().id()),
                "an unknown resident's ticket is anonymous");
        f.resident.card(card);
        vm.back();
        vm.choose(vm.tiles().get(0));
        vm.take(true);
        assertEquals(resident, f.central.residentOf("ticket", vm.ticketProperty().get().id()));
    }

    @Test
    void offlineATicketSaysItNeedsTheCentralService() {
        vm.refresh();
        vm.choose(vm.tiles().get(1));
        f.central.stop();
        vm.take(false);
        assertEquals(QueueViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("error.needsCentral", vm.messageProperty().get());
    }

    /**
     * Each draw carries an Idempotency-Key, the same for every try at one service until a ticket is shown (the central
     * service then answers a try whose answer was lost with the ticket it drew), and a new one after it.
     */
    @Test
    void triesAfterAFailureKeepTheirKeyAndTheNextDrawGetsANewOne() {
        vm.refresh();
        vm.choose(vm.tiles().get(0));
        f.central.stop();
        vm.take(false);
        assertEquals(QueueViewModel.Step.PROBLEM, vm.stepProperty().get());
        f.central.restart();
        vm.back();
        vm.choose(vm.tiles().get(0));
        vm.take(false);
        assertEquals("A001", vm.ticketProperty().get().number());
        vm.back();
        vm.choose(vm.tiles().get(0));
        vm.take(false);
        assertEquals("A002", vm.ticketProperty().get().number(), "a second draw is a second ticket");
        assertEquals(2, f.central.count("SELECT count(DISTINCT idempotency_key) FROM ticket"));
    }
}
