package org.linli.kiosk.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.TestCentral;

/** The kiosk's HTTP client against the real central service: what a refusal looks like, as opposed to an outage. */
class CentralClientTest extends CentralFixtureTest {
    /**
     * A revoked or mistyped kiosk key is refused (401), whether the request reads or sends a body: the central
     * service is there, so the kiosk must not show itself offline and keep retrying as if it were away.
     */
    @Test
    void aRefusedKeyIsARefusalNotAnOutage() {
        Connectivity seen = new Connectivity(Runnable::run);
        CentralClient wrong = new CentralClient(f.central.url(), "not-the-key", TestCentral.HUB, seen);
        CentralRefusedException read = assertThrows(CentralRefusedException.class,
                () -> wrong.availability("activity-room", f.clock.instant().atZone(f.zone).toLocalDate()));
        assertEquals(401, read.status());
        CentralRefusedException sent = assertThrows(CentralRefusedException.class,
                () -> wrong.ticket("affairs", false, Map.of(), null));
        assertEquals(401, sent.status());
        assertTrue(seen.isOnline());
        assertEquals(0, f.central.count("SELECT count(*) FROM ticket"));
    }

    @Test
    void aServiceThatIsNotThereIsAnOutage() {
        f.central.stop();
        assertThrows(CentralUnavailableException.class, () -> f.client.ticket("affairs", false, Map.of(), null));
        assertTrue(!f.connectivity.isOnline());
    }

    @Test
    void answersAreReadIntoTheModel() throws Exception {
        Model.Ticket ticket = f.client.ticket("affairs", true, Map.of(), "try-1");
        assertEquals(ticket.id(), f.client.ticket("affairs", true, Map.of(), "try-1").id(), "the same try");
        assertEquals("affairs", ticket.service());
        assertTrue(ticket.number().matches("[A-Z]\\d{3}"), ticket.number());
        assertEquals(ticket.number(), f.client.ticketStatus(ticket.id()).number());
        assertEquals(1, f.client.queues().stream().filter(q -> q.service().equals("affairs")).findFirst()
                .orElseThrow().waiting());
    }
}
