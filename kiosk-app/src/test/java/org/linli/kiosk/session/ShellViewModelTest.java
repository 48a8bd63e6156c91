package org.linli.kiosk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.AdjustableClock;
import org.linli.kiosk.ui.I18n;

class ShellViewModelTest {
    // held still: on a loaded machine, real seconds between two steps would count as a resident's idle time
    final AdjustableClock clock = new AdjustableClock(org.linli.protocol.testing.HubTime.noon().clock());
    final PhoneEntry typed = new PhoneEntry();
    final ResidentSession resident = new ResidentSession();
    final ShellViewModel shell = new ShellViewModel(List.of(typed), resident, Duration.ofSeconds(60),
            Duration.ofSeconds(10), clock);

    @Test
    void homeKeepsWhoTheResidentIsAndFinishForgetsIt() {
        shell.go(Screen.CARD);
        resident.phone("13800138000");
        typed.press('1');
        shell.home();
        assertEquals("", typed.digits(), "what was typed is forgotten on the way home");
        assertTrue(resident.known(), "who the resident is lasts the visit");
        shell.finish();
        assertFalse(resident.known());
    }

    /** The language chosen by one resident is not the next one's: "done" and the idle reset bring the kiosk's back. */
    @Test
    void theLanguageGoesBackWithDoneAndTheIdleResetButNotWithHome() {
        I18n i18n = new I18n(I18n.CHINESE);
        shell.whenFinished(i18n::reset);
        shell.go(Screen.QUEUE);
        i18n.toggle();
        shell.home();
        assertEquals(I18n.ENGLISH, i18n.locale(), "home between two things one resident does keeps it");
        shell.finish();
        assertEquals(I18n.CHINESE, i18n.locale(), "done");
        shell.go(Screen.RATING);
        i18n.toggle();
        clock.advance(Duration.ofSeconds(61));
        shell.idle().tick();
        assertEquals(I18n.CHINESE, i18n.locale(), "the idle reset");
        assertEquals(Screen.HOME, shell.screen());
    }

    /** The kiosk in Chinese, its language back with "done" and the idle reset, as {@code Kiosk} wires it. */
    private I18n chineseKiosk() {
        I18n i18n = new I18n(I18n.CHINESE);
        shell.whenFinished(i18n::reset);
        shell.keepArmedOnHomeWhile(i18n.switched());
        return i18n;
    }

    /** A resident taps "English" on the attract screen and walks away: the next one finds the kiosk in Chinese. */
    @Test
    void aLanguageChosenOnTheAttractScreenGoesBackAfterTheIdleTime() {
        I18n i18n = chineseKiosk();
        shell.home();
        i18n.toggle();
        clock.advance(Duration.ofSeconds(51));
        shell.idle().tick();
        assertTrue(shell.idle().warningProperty().get(), "asked first, as on any other screen");
        clock.advance(Duration.ofSeconds(10));
        shell.idle().tick();
        assertEquals(I18n.CHINESE, i18n.locale());
        assertEquals(Screen.HOME, shell.screen());
        clock.advance(Duration.ofHours(3));
        shell.idle().tick();
        assertFalse(shell.idle().warningProperty().get(), "in its own language the attract screen waits again");
    }

    /** A resident takes a ticket in English and leaves by the header's "home", not "done": the same. */
    @Test
    void aLanguageKeptByTheHeadersHomeGoesBackAfterTheIdleTime() {
        I18n i18n = chineseKiosk();
        shell.go(Screen.QUEUE);
        i18n.toggle();
        shell.home();
        assertEquals(I18n.ENGLISH, i18n.locale(), "home between two things one resident does keeps it");
        clock.advance(Duration.ofSeconds(61));
        shell.idle().tick();
        assertEquals(I18n.CHINESE, i18n.locale());
    }

    /** Switched there and back on the attract screen: nothing is left to reset, and nothing asks "still there?". */
    @Test
    void theKiosksOwnLanguageOnTheAttractScreenNeverTimesOut() {
        I18n i18n = chineseKiosk();
        shell.home();
        i18n.toggle();
        i18n.toggle();
        clock.advance(Duration.ofHours(3));
        shell.idle().tick();
        assertFalse(shell.idle().warningProperty().get());
    }

    @Test
    void theIdleResetForgetsAKnownResidentEvenOnTheAttractScreen() {
        shell.go(Screen.QUEUE);
        resident.phone("13800138000");
        shell.home();
        clock.advance(Duration.ofSeconds(61));
        shell.idle().tick();
        assertFalse(resident.known());
    }

    @Test
    void warnsTenSecondsBeforeTheResetAndATouchCancelsIt() {
        shell.go(Screen.ROOMS);
        clock.advance(Duration.ofSeconds(49));
        shell.idle().tick();
        assertFalse(shell.idle().warningProperty().get());
        clock.advance(Duration.ofSeconds(2));
        shell.idle().tick();
        assertTrue(shell.idle().warningProperty().get());
        assertEquals(9, shell.idle().secondsLeftProperty().get());
        shell.idle().touch();
        assertFalse(shell.idle().warningProperty().get());
        clock.advance(Duration.ofSeconds(30));
        shell.idle().tick();
        assertEquals(Screen.ROOMS, shell.screen());
    }

    @Test
    void resetsToTheAttractScreenAndForgetsWhatWasTyped() {
        shell.go(Screen.CARD);
        "1380013".chars().forEach(c -> typed.press((char) c));
        clock.advance(Duration.ofSeconds(60));
        shell.idle().tick();
        assertEquals(Screen.HOME, shell.screen());
        assertEquals("", typed.digits());
        assertFalse(shell.idle().warningProperty().get());
    }

    @Test
    void theAttractScreenNeverTimesOut() {
        shell.home();
        clock.advance(Duration.ofHours(3));
        shell.idle().tick();
        assertFalse(shell.idle().warningProperty().get());
        assertEquals(Screen.HOME, shell.screen());
    }

    @Test
    void staffExitNeedsFiveQuickTapsAndTheRightPin() {
        int[] exits = {0};
        StaffExit exit = new StaffExit("2468", clock, () -> exits[0]++);
        for (int i = 0; i < 4; i++) {
            exit.logoTapped();
        }
        assertFalse(exit.askingProperty().get());
        exit.logoTapped();
        assertTrue(exit.askingProperty().get());
        assertFalse(exit.wrongProperty().get());
        "1111".chars().forEach(c -> exit.entry().press((char) c));
        assertFalse(exit.submit());
        assertEquals(0, exits[0]);
        assertTrue(exit.wrongProperty().get(), "the pad says the PIN was wrong");
        assertEquals("", exit.entry().digits(), "and is empty for the next try");
        exit.entry().press('2');
        assertFalse(exit.wrongProperty().get(), "until the next digit");
        "468".chars().forEach(c -> exit.entry().press((char) c));
        assertTrue(exit.submit());
        assertEquals(1, exits[0]);
    }

    @Test
    void slowTapsNeverOpenThePinPad() {
        StaffExit exit = new StaffExit("2468", clock, () -> { });
        for (int i = 0; i < 10; i++) {
            exit.logoTapped();
            clock.advance(Duration.ofSeconds(1));
        }
        assertFalse(exit.askingProperty().get());
    }
}
