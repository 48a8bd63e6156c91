package org.linli.kiosk.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.session.PhoneEntry;
import org.linli.kiosk.session.PhoneNumbers;

/** The on-screen number pad for a phone number: large keys, the number shown in 3-4-4 groups as it is typed. */
public final class KeypadView {
    private KeypadView() {
    }

    public static Node of(PhoneEntry entry, I18n i18n, Form form) {
        return of(entry, i18n, form, false);
    }

    /**
     * The staff PIN's pad: a dot for each digit typed (the lobby can see the screen), no phone number asked for and
     * no "digits to go" counted against a phone number's eleven.
     */
    public static Node pin(PhoneEntry entry, I18n i18n, Form form) {
        return of(entry, i18n, form, true);
    }

    private static Node of(PhoneEntry entry, I18n i18n, Form form, boolean pin) {
        Label display = Ui.text("", "phone-display");
        display.setId(pin ? "pin-display" : "phone-display");
        display.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> entry.digits().isEmpty() ? i18n.get(pin ? "staff.placeholder" : "phone.placeholder")
                        : pin ? "●".repeat(entry.digits().length()) : PhoneNumbers.grouped(entry.digits()),
                entry.digitsProperty(), i18n.localeProperty()));
        display.setMaxWidth(Double.MAX_VALUE);
        // how many digits are still missing: "签到" stays off until all 11 are in, and this says why
        Label missing = Ui.text("", "keypad-missing");
        missing.setId("phone-missing");
        missing.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            int left = PhoneNumbers.LENGTH - entry.digits().length();
            return entry.digits().isEmpty() || left <= 0 ? " " : i18n.get("checkin.missing", left);
        }, entry.digitsProperty(), i18n.localeProperty()));
        GridPane keys = new GridPane();
        keys.setHgap(form.gap(16));
        keys.setVgap(form.gap(16));
        keys.setAlignment(Pos.CENTER);
        for (int i = 1; i <= 9; i++) {
            keys.add(key(entry, (char) ('0' + i)), (i - 1) % 3, (i - 1) / 3);
        }
        Button back = Ui.button("⌫", "key-back", entry::backspace, "key", "key-secondary");
        Button clear = Ui.button(i18n.get("keypad.clear"), "key-clear", entry::reset, "key", "key-secondary");
        if (form.compact()) {
            // the small panel's height holds three rows of 15 mm keys (four with the offline banner did not fit):
            // 1 2 3 ⌫ / 4 5 6 清空 / 7 8 9 0
            keys.add(back, 3, 0);
            keys.add(clear, 3, 1);
            keys.add(key(entry, '0'), 3, 2);
        } else {
            keys.add(back, 0, 3);
            keys.add(key(entry, '0'), 1, 3);
            keys.add(clear, 2, 3);
        }
        VBox box = new VBox(form.gap(20), display, missing, keys);
        if (form.compact() || pin) {
            // no height to spare on the small panel: the grey "签到" says the number is not whole; a PIN has no length
            box.getChildren().remove(missing);
        }
        box.setSpacing(form.gap(12));
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("keypad");
        box.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    /** Off until the number is whole: a resident is not asked to find out from a refusal that a digit is missing. */
    public static Button confirm(Button button, PhoneEntry entry) {
        button.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !entry.complete(),
                entry.digitsProperty()));
        return button;
    }

    private static Button key(PhoneEntry entry, char digit) {
        return Ui.button(String.valueOf(digit), "key-" + digit, () -> entry.press(digit), "key");
    }
}
