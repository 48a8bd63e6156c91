package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;

/** What the kiosk says on a screen agrees with what the screen shows, in both languages. */
class SpokenPromptTest {
    /** The words that name where a code is shown: the camera, or the lit window of a USB scanner. */
    private static final Map<Locale, List<String>> READERS = Map.of(I18n.CHINESE, List.of("摄像头", "扫码口"),
            I18n.ENGLISH, List.of("camera", "scanner"));

    final I18n i18n = new I18n(I18n.CHINESE);
    boolean week;

    /**
     * A kiosk with only a USB scanner said "hold the code to the camera" over a screen that says "to the lit scanner
     * window": the prompt names the reader the screen's hint names (CheckinView's and MyBookingsView's), no other.
     */
    @Test
    void thePromptNamesTheReaderTheScreenShows() {
        for (boolean camera : new boolean[] {true, false}) {
            SpokenPrompt prompt = new SpokenPrompt(i18n, camera, () -> false);
            for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
                i18n.localeProperty().set(language);
                String checkin = i18n.get(camera ? "checkin.scanHint" : "checkin.scannerHint");
                String mine = i18n.get(camera ? "mine.scanHint" : "mine.scannerHint");
                for (String reader : READERS.get(language)) {
                    String where = (camera ? "camera" : "scanner") + ", " + language + ", " + reader;
                    assertEquals(checkin.contains(reader), prompt.on(Screen.CHECKIN).contains(reader),
                            where + ": " + prompt.on(Screen.CHECKIN));
                    assertFalse(!mine.contains(reader) && prompt.on(Screen.MY_BOOKINGS).contains(reader),
                            where + ": " + prompt.on(Screen.MY_BOOKINGS));
                }
            }
        }
    }

    /** "Here are today's activities" was said over the next 7 days too: the prompt says the days the list shows. */
    @Test
    void theActivitiesPromptSaysTheDaysTheListShows() {
        SpokenPrompt prompt = new SpokenPrompt(i18n, true, () -> week);
        for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            i18n.localeProperty().set(language);
            for (boolean wholeWeek : new boolean[] {false, true}) {
                week = wholeWeek;
                // the chip chosen above the list, and the other one
                String shown = i18n.get(wholeWeek ? "activities.week" : "activities.today").toLowerCase(Locale.ROOT);
                String other = i18n.get(wholeWeek ? "activities.today" : "activities.week").toLowerCase(Locale.ROOT);
                String said = prompt.on(Screen.ACTIVITIES).toLowerCase(Locale.ROOT);
                assertTrue(said.contains(shown) && !said.contains(other), language + ", " + shown + ": " + said);
            }
        }
    }
}
