package org.linli.kiosk.ui;

import javafx.scene.Node;

/** A screen's view: built once, re-rendered from its ViewModel when the step or the language changes. */
public interface View {
    Node node();

    /**
     * What the idle warning must leave readable and remind of, while the screen shows a result (a ticket, a code):
     * {@link Keep#NOTHING} on a screen where the resident is still filling something in.
     */
    default Keep keep() {
        return Keep.NOTHING;
    }

    /**
     * What a screen shows that the idle warning must not hide. A result screen gets a bar along the bottom instead of
     * the dimmed dialog, and a reminder suited to what it shows; nothing was "filled in" there to be cleared.
     *
     * @param reminderKey the message key of the reminder ("" for none)
     * @param argument the reminder's argument (the ticket's number), or null
     */
    record Keep(boolean result, String reminderKey, Object argument) {
        public static final Keep NOTHING = new Keep(false, "", null);

        public static Keep result(String reminderKey, Object argument) {
            return new Keep(true, reminderKey, argument);
        }
    }
}
