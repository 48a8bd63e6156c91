package org.linli.kiosk.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.home.HomeViewModel.Serving;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;

/**
 * What the now-serving strip says after a service's name and number, on each panel and in both languages, and which
 * services it shows when it has no room for all.
 */
class NowServingTest {
    static final Names ELDERLY_CARE = new Names("为老服务", "Elderly care");

    final I18n i18n = new I18n(I18n.CHINESE);

    /**
     * Issue 21: on the small and the portrait panels an English strip showed "Elderly care" alone, where the Chinese
     * one said "为老服务 3人等候". Every panel, in both languages, says how many wait.
     */
    @Test
    void aServiceWithNobodyCalledYetSaysHowManyWaitOnEveryPanelInBothLanguages() {
        Serving waiting = new Serving("elderly-care", ELDERLY_CARE, null, 3, false);
        for (Form form : Form.values()) {
            i18n.reset();
            assertEquals("3人等候", HomeView.waitingWords(waiting, form, i18n), form.name());
            i18n.toggle();
            assertEquals("3 waiting", HomeView.waitingWords(waiting, form, i18n), form.name());
        }
    }

    /** A number called says who is behind it where the strip is wide; the narrower ones keep the number alone. */
    @Test
    void aServiceBeingServedSaysWhoIsBehindOnlyWhereTheStripIsWide() {
        Serving served = new Serving("affairs", new Names("社区事务受理", "Community affairs"), "A021", 5, false);
        assertEquals("后面还有5人", HomeView.waitingWords(served, Form.LANDSCAPE, i18n));
        assertNull(HomeView.waitingWords(served, Form.PORTRAIT, i18n));
        assertNull(HomeView.waitingWords(served, Form.COMPACT, i18n));
        Serving nobodyBehind = new Serving("affairs", null, "A021", 0, false);
        assertEquals("现在无需等候", HomeView.waitingWords(nobodyBehind, Form.LANDSCAPE, i18n));
    }

    /**
     * Where the strip has no room for every service (the small panel's two lines hold three or four), the services
     * with a number called come first, whoever waits there, then those most people wait at; each in its place.
     */
    @Test
    void aStripShortOfRoomKeepsTheNumbersCalledThenTheLongestQueues() {
        Serving affairs = new Serving("affairs", null, "A003", 5, false);
        Serving elderly = new Serving("elderly-care", ELDERLY_CARE, null, 3, false);
        Serving health = new Serving("health", null, null, 1, false);
        Serving legal = new Serving("legal", null, "D001", 0, false);
        Serving haircut = new Serving("haircut", null, null, 4, true);
        Serving repairs = new Serving("repairs", null, "F002", 6, false);
        var strip = List.of(affairs, elderly, health, legal, haircut, repairs);
        assertEquals(List.of(affairs, legal, repairs), HomeViewModel.mostWatched(strip, 3));
        assertEquals(List.of(affairs, legal, haircut, repairs), HomeViewModel.mostWatched(strip, 4));
        assertEquals(List.of(repairs), HomeViewModel.mostWatched(strip, 1));
        assertEquals(strip, HomeViewModel.mostWatched(strip, 6));
        assertEquals(List.of(), HomeViewModel.mostWatched(strip, 0));
    }

    @Test
    void noCounterOpenIsSaidOnEveryPanelWithTheCountWhereThereIsRoom() {
        Serving closed = new Serving("haircut", new Names("理发", "Haircut"), null, 2, true);
        assertEquals("2人等候 · 窗口暂停服务", HomeView.waitingWords(closed, Form.LANDSCAPE, i18n));
        assertEquals("窗口暂停服务", HomeView.waitingWords(closed, Form.COMPACT, i18n));
        i18n.toggle();
        assertEquals("no counter open", HomeView.waitingWords(closed, Form.PORTRAIT, i18n));
        assertEquals("no counter open", HomeView.waitingWords(new Serving("haircut", null, null, 0, true),
                Form.LANDSCAPE, i18n));
    }
}
