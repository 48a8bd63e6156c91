package org.linli.kiosk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.central.CentralRefusedException;

class ConsentPromptTest {
    final ConsentPrompt consent = new ConsentPrompt();

    static CentralRefusedException consentRequired(boolean noticeChanged) {
        return new CentralRefusedException(422, "consent required", null, "consent-required", noticeChanged);
    }

    /**
     * The heading follows the refusal the notice answers. Before, it followed whichever consent-required the kiosk
     * had received last: a kept request of another resident, refused while this one typed, changed this one's heading.
     */
    @Test
    void theHeadingIsTheRefusalsItAnswers() {
        CentralRefusedException returning = consentRequired(true);
        CentralRefusedException newcomer = consentRequired(false);

        consent.ask(returning, () -> { }, () -> { });
        assertTrue(consent.changed(), "a resident who agreed to an earlier notice is told it changed");
        consent.close();

        consent.ask(newcomer, () -> { }, () -> { });
        assertFalse(consent.changed(), "a new number is shown the notice without 'changed'");
        consent.close();

        consent.ask(new java.io.IOException("no answer"), () -> { }, () -> { });
        assertFalse(consent.changed(), "anything but a refusal saying so is not a change");
    }

    @Test
    void agreeingRunsTheRequestOnceAndCloses() {
        AtomicInteger sent = new AtomicInteger();
        consent.ask(consentRequired(false), sent::incrementAndGet, () -> { });
        assertTrue(consent.asking());
        consent.agree();
        consent.agree();
        assertFalse(consent.asking());
        assertEquals(1, sent.get(), "the request is sent again once");
    }
}
