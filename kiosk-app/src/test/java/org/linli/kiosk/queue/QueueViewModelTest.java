package org.linli.kiosk.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Map;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.central.Json;
import org.linli.kiosk.central.Model.QueueStatus;
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
        // the phone opens in the kiosk's language: English asked for, Chinese the page's own
        assertTrue(vm.statusUrl(vm.ticketProperty().get(), true).endsWith("/ticket/" + id + "?lang=en"));
        assertTrue(vm.statusUrl(vm.ticketProperty().get(), false).endsWith("/ticket/" + id));
    }

    /** A service the hub stopped (retired on the catalogue page) has no tile from the next refresh on. */
    @Test
    void aRetiredServiceHasNoTile() {
        addTeaCorner();
        vm.refresh();
        assertTrue(services().contains("tea"), services().toString());
        f.central.post("/api/v1/services/tea/retire", f.central.staffToken("admin"), Map.of());
        vm.refresh();
        assertFalse(services().contains("tea"), services().toString());
        assertEquals(7, vm.tiles().size(), "the demo hub's seven services stay");
    }

    /** Retired while its tile was on screen: drawing says it is no longer offered, and "back" shows no tile of it. */
    @Test
    void aServiceRetiredWhileOnScreenIsSaidSoAndLosesItsTile() {
        addTeaCorner();
        vm.refresh();
        QueueViewModel.Tile tea = vm.tiles().stream().filter(t -> t.service().id().equals("tea")).findFirst()
                .orElseThrow();
        f.central.post("/api/v1/services/tea/retire", f.central.staffToken("admin"), Map.of());

        vm.choose(tea);
        vm.take(false);
        assertEquals(QueueViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("refused.retired", vm.messageProperty().get());
        vm.back();
        assertEquals(QueueViewModel.Step.SERVICES, vm.stepProperty().get());
        assertFalse(services().contains("tea"), services().toString());
    }

    private void addTeaCorner() {
        f.central.put("/api/v1/services/tea", f.central.staffToken("admin"), Map.of("hub",
                org.linli.kiosk.TestCentral.HUB, "letter", "T", "nameZh", "茶歇", "nameEn", "Tea corner",
                "typicalMinutes", 5));
    }

    private List<String> services() {
        return vm.tiles().stream().map(t -> t.service().id()).toList();
    }

    /**
     * Each tile says how long a person takes as its line moves, so that "4 人 · 约 16 分钟" beside "3 人 · 约 36 分钟"
     * reads as two services of different lengths ("每人约 4 分钟", "每人约 12 分钟"), not as a mistake.
     */
    @Test
    void aTileSaysHowLongEachPersonTakes() {
        var affairs = new QueueViewModel.Tile(null, new QueueStatus("affairs", "A", 4, 16, null, 2));
        var care = new QueueViewModel.Tile(null, new QueueStatus("elderly-care", "B", 3, 36, null, 1));
        assertEquals(4, affairs.paceMinutes());
        assertEquals(12, care.paceMinutes());
        assertEquals(1, new QueueViewModel.Tile(null, new QueueStatus("x", "X", 3, 1, null, 3)).paceMinutes(),
                "never less than a minute");
        assertEquals(0, new QueueViewModel.Tile(null, new QueueStatus("x", "X", 0, 0, null, 1)).paceMinutes(),
                "nobody waiting");
        // from the real service: two waiting at one counter take the wait of two people
        f.central.drawTicket("affairs");
        f.central.drawTicket("affairs");
        vm.refresh();
        var tile = vm.tiles().get(0);
        assertEquals(Math.round(tile.waitMinutes() / 2f), tile.paceMinutes());
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

    /**
     * The barber's only counter closed (lunch): the haircut tile, the ticket and the printed slip say no counter is
     * open instead of minutes, a number may still be drawn, and the queue event of the counter opening again brings
     * the wait back; an event of an older central, without the counters, changes nothing about them.
     */
    @Test
    void aServiceWithEveryCounterClosedSaysSoInsteadOfAWait() throws Exception {
        List<ReceiptPrinter.Slip> printed = new java.util.ArrayList<>();
        vm = new QueueViewModel(f.client, f.async, printingTo(printed), new RatingViewModel(f.sender, f.async),
                f.central.url(), f.resident);
        f.central.drawTicket("haircut");
        f.central.post("/api/v1/counters/salon/close", f.central.staffToken("counter"), Map.of());
        vm.refresh();
        QueueViewModel.Tile haircut = tile("haircut");
        assertTrue(haircut.noCounterOpen(), "the salon is the haircut's only counter");
        assertEquals(1, haircut.waiting());
        assertFalse(tile("affairs").noCounterOpen(), "counters 1 and 2 serve affairs and were never closed");

        vm.choose(haircut);
        vm.take(false);
        assertEquals(QueueViewModel.Step.TICKET, vm.stepProperty().get(), "a number may be drawn all the same");
        assertTrue(vm.ticketProperty().get().noCounterOpen());
        assertEquals(List.of("前面还有 1 人 · 1 ahead of you", "窗口暂停服务，开窗后按顺序叫号",
                "No counter open now; called in turn once one opens"), printed.getFirst().lines());

        f.central.post("/api/v1/counters/salon/open", f.central.staffToken("counter"), Map.of());
        QueueStatus opened = f.client.queues().stream().filter(q -> q.service().equals("haircut")).findFirst()
                .orElseThrow();
        vm.liveQueue(opened);
        assertFalse(tile("haircut").noCounterOpen(), "the clerk is back");
        assertEquals(2, tile("haircut").waiting());
        assertFalse(vm.ticketProperty().get().noCounterOpen(), "the ticket on screen tells the wait again");
        assertTrue(tile("haircut").waitMinutes() > 0);

        f.central.post("/api/v1/counters/salon/close", f.central.staffToken("counter"), Map.of());
        vm.liveQueue(QueueStatus.from(Json.parse("{\"hub\":\"" + org.linli.kiosk.TestCentral.HUB
                + "\",\"service\":\"haircut\",\"waiting\":2,\"estimatedWaitMinutes\":30,\"countersOpen\":0}")));
        assertTrue(tile("haircut").noCounterOpen(), "a queue event says the counter closed");
        assertTrue(vm.ticketProperty().get().noCounterOpen());
        vm.liveQueue(QueueStatus.from(Json.parse("{\"service\":\"haircut\",\"waiting\":3,"
                + "\"estimatedWaitMinutes\":45}")));
        assertEquals(3, tile("haircut").waiting());
        assertTrue(tile("haircut").noCounterOpen(), "an event without countersOpen keeps what the last one said");
    }

    /** A central of before 2026-12 says nothing of counters: every service counts as served, as before. */
    @Test
    void aCentralThatDoesNotTellCountersCountsThemOpen() throws Exception {
        QueueStatus old = QueueStatus.from(Json.parse("{\"service\":\"affairs\",\"letter\":\"A\",\"waiting\":2,"
                + "\"estimatedWaitMinutes\":16,\"nowServing\":null}"));
        assertFalse(old.noCounterOpen());
        assertFalse(org.linli.kiosk.central.Model.Ticket.from(Json.parse("{\"id\":\"t\",\"number\":\"A003\","
                + "\"service\":\"affairs\",\"peopleAhead\":2,\"estimatedWaitMinutes\":16,\"state\":\"waiting\"}"))
                .noCounterOpen());
    }

    private QueueViewModel.Tile tile(String service) {
        return vm.tiles().stream().filter(t -> t.service().id().equals(service)).findFirst().orElseThrow();
    }

    private static ReceiptPrinter printingTo(List<ReceiptPrinter.Slip> printed) {
        return new ReceiptPrinter() {
            @Override
            public boolean present() {
                return true;
            }

            @Override
            public void print(Slip slip) {
                printed.add(slip);
            }
        };
    }
}
