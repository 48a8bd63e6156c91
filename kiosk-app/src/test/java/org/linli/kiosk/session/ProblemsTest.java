package org.linli.kiosk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.CentralUnavailableException;

class ProblemsTest {
    private static CentralRefusedException refused(int status, String type) {
        return new CentralRefusedException(status, "refused", null, type);
    }

    /**
     * A room or service retired by the hub after the screen loaded its list: "choose another time" would send the
     * resident round again, so the screen says it is no longer offered, in both languages.
     */
    @Test
    void aRetiredRoomOrServiceIsSaidToBeNoLongerOffered() {
        assertEquals("refused.retired", Problems.messageKey(refused(422, "room-retired"), "rooms.refused"));
        assertEquals("refused.retired", Problems.messageKey(refused(422, "service-retired"), "queue.refused"));
        for (Locale locale : new Locale[] {Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH}) {
            String text = ResourceBundle.getBundle("org.linli.kiosk.ui.messages", locale).getString("refused.retired");
            assertFalse(text.isBlank(), locale.toString());
        }
    }

    @Test
    void otherRefusalsKeepTheScreensOwnWords() {
        assertEquals("rooms.refused", Problems.messageKey(refused(422, "outside-hours"), "rooms.refused"));
        assertEquals("rooms.refused.conflict", Problems.messageKey(refused(409, "slot-taken"), "rooms.refused"));
        assertEquals("refused.noShows", Problems.messageKey(refused(422, "no-show-blocked"), "rooms.refused"));
        assertEquals("error.needsCentral", Problems.messageKey(new CentralUnavailableException("down", null),
                "rooms.refused"));
    }
}
