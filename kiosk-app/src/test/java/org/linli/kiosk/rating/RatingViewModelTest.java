package org.linli.kiosk.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;

class RatingViewModelTest extends CentralFixtureTest {
    RatingViewModel vm;

    @BeforeEach
    void start() throws Exception {
        vm = new RatingViewModel(f.sender, f.async);
    }

    @Test
    void ratesTheTicketOfThisVisit() {
        String ticket = f.central.drawTicket("affairs").path("id").asText();
        vm.remember(new RatingViewModel.Subject("ticket", ticket));
        vm.rate(4);
        assertEquals(RatingViewModel.State.THANKS, vm.stateProperty().get());
        assertEquals(4, f.central.count("SELECT rating FROM feedback WHERE item_kind = 'ticket' AND item_id = '"
                + ticket + "'"));
    }

    @Test
    void ratingTwiceIsThankedNotFailed() {
        String ticket = f.central.drawTicket("affairs").path("id").asText();
        vm.remember(new RatingViewModel.Subject("ticket", ticket));
        vm.rate(4);
        vm.reset();
        vm.remember(new RatingViewModel.Subject("ticket", ticket));
        vm.rate(2);
        assertEquals(RatingViewModel.State.THANKS, vm.stateProperty().get());
        assertEquals("rating.already", vm.messageProperty().get());
    }

    @Test
    void offlineTheRatingIsKept() {
        f.central.stop();
        vm.rate(5);
        assertEquals("rating.kept", vm.messageProperty().get());
        assertEquals(1, f.sender.pendingCount());
    }

    /** Home between two things one resident does keeps what the rating is about; the end of the visit forgets it. */
    @Test
    void homeKeepsTheSubjectTheEndOfTheVisitForgetsItAndOutOfRangeTapsAreIgnored() {
        var subject = new RatingViewModel.Subject("booking", "1", new org.linli.kiosk.central.Names("阅览室",
                "Reading room"));
        vm.remember(subject);
        vm.reset();
        assertEquals(subject, vm.subjectProperty().get(), "kept while the same resident is at the kiosk");
        vm.forget();
        assertNull(vm.subjectProperty().get());
        vm.rate(0);
        vm.rate(6);
        assertEquals(RatingViewModel.State.ASK, vm.stateProperty().get());
    }
}
