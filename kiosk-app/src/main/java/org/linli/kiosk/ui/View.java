package org.linli.kiosk.ui;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** A screen's view: built once, re-rendered from its ViewModel when the step or the language changes. */
public interface View {
    /** For a screen that never says itself that the network is down. */
    ObservableBooleanValue NEVER = new ReadOnlyBooleanWrapper(false).getReadOnlyProperty();

    Node node();

    /**
     * Whether the screen says calmly itself that the network is down, where the header's red banner would only
     * alarm: a check-in kept on the kiosk, whose welcome says it is recorded (screens review §3-20). The banner is
     * hidden while it does, and back on the next screen.
     */
    default ObservableBooleanValue saysOffline() {
        return NEVER;
    }

    /**
     * What the idle warning must leave readable and remind of. {@link Keep#NOTHING} (the dimmed dialog that says what
     * was entered will be cleared) only on a step where the resident is filling something in; a list, a result, a
     * refusal, a prompt to scan, where nothing was typed, get {@code Keep.result} (with a reminder where one helps).
     */
    default Keep keep() {
        return Keep.NOTHING;
    }

    /**
     * What a screen shows that the idle warning must not hide. Such a screen gets a band in the header's place instead
     * of the dimmed dialog, and a reminder suited to what it shows; nothing was "filled in" there to be cleared.
     *
     * @param reminderKey the message key of the reminder ("" for none)
     * @param argument the reminder's argument (the ticket's number), or null
     */
    record Keep(boolean result, String reminderKey, Object argument) {
        public static final Keep NOTHING = new Keep(false, "", null);
        /** Left in view, with no reminder: a list, a prompt to scan, a refusal, a result that needs none. */
        public static final Keep IN_VIEW = new Keep(true, "", null);

        public static Keep result(String reminderKey, Object argument) {
            return new Keep(true, reminderKey, argument);
        }
    }
}
