package org.linli.kiosk;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;

/**
 * What the kiosk says on a screen ({@link Speech}), in the current language and in the words the screen shows: the
 * check-in names the reader this kiosk has, as its hint does (the camera, or the lit window of a USB scanner), and
 * the activities the days their list shows (today, or the next 7 days).
 */
final class SpokenPrompt {
    private final I18n i18n;
    private final boolean camera;
    private final BooleanSupplier week;

    /**
     * @param camera whether codes are shown to a camera (else to a USB scanner's lit window)
     * @param week whether the activities list shows the next 7 days (else today)
     */
    SpokenPrompt(I18n i18n, boolean camera, BooleanSupplier week) {
        this.i18n = i18n;
        this.camera = camera;
        this.week = week;
    }

    String on(Screen screen) {
        return i18n.get(switch (screen) {
            case CHECKIN -> camera ? "speech.checkin.camera" : "speech.checkin.scanner";
            case ACTIVITIES -> week.getAsBoolean() ? "speech.activities.week" : "speech.activities.today";
            default -> "speech." + screen.name().toLowerCase(Locale.ROOT);
        });
    }
}
