package org.linli.kiosk.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.CentralFixture;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.rating.RatingViewModel;

class QueueViewModelTest {
    @TempDir
    Path dir;
    CentralFixture f;
    QueueViewModel vm;

    @BeforeEach
    void start() throws Exception {
        f = new CentralFixture(dir);
        vm = new QueueViewModel(f.client, f.async, ReceiptPrinter.NONE, new RatingViewModel(f.sender, f.async),
                f.central.url(), f.resident);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void showsEachServiceWithItsWaitAndGivesANumber() {
        vm.refresh();
        assertEquals(4, vm.tiles().size());
        QueueViewModel.Tile affairs = vm.tiles().get(0);
        assertEquals(5, affairs.waiting());
        assertEquals(30, affairs.waitMinutes());
        vm.choose(affairs);
        assertEquals(QueueViewModel.Step.PRIORITY, vm.stepProperty().get());
        vm.take(true);
        assertEquals(QueueViewModel.Step.TICKET, vm.stepProperty().get());
        assertEquals("A027", vm.ticketProperty().get().number());
        assertEquals(5, vm.ticketProperty().get().peopleAhead());
        assertTrue(vm.statusUrl(vm.ticketProperty().get()).endsWith("/api/v1/tickets/affairs-27"));
    }

    @Test
    void aTicketCarriesTheCardOfAResidentKnownFromEarlierInTheVisit() {
        String card = f.central.residentToken(3);
        vm.refresh();
        vm.choose(vm.tiles().get(0));
        vm.take(false);
        assertTrue(f.central.posted("/api/v1/services/").getLast().path("token").isMissingNode(),
                "an unknown resident's ticket is anonymous");
        f.resident.card(card);
        vm.back();
        vm.choose(vm.tiles().get(0));
        vm.take(true);
        assertEquals(card, f.central.posted("/api/v1/services/").getLast().path("token").asText());
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
}
