package org.linli.central.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketStateTest {

    @Test
    void onlyANoShowGoesBackToWaitingAndDoneOrTransferredTicketsAreOver() {
        assertTrue(TicketState.NO_SHOW.canMoveTo(TicketState.WAITING));
        assertFalse(TicketState.DONE.canMoveTo(TicketState.WAITING));
        assertFalse(TicketState.CALLED.canMoveTo(TicketState.WAITING));
        assertEquals(Set.of(), TicketState.DONE.next());
        assertEquals(Set.of(), TicketState.TRANSFERRED.next());
        assertEquals(Set.of(TicketState.DONE, TicketState.NO_SHOW, TicketState.TRANSFERRED), TicketState.CALLED.next());
    }

    @Test
    void theStoredNamesAreTheApis() {
        assertEquals("no_show", TicketState.NO_SHOW.wire());
        for (TicketState state : TicketState.values()) {
            assertEquals(state, TicketState.fromWire(state.wire()));
        }
    }
}
