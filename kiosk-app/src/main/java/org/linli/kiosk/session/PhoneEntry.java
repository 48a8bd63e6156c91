package org.linli.kiosk.session;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The digits typed on an on-screen keypad: at most 11, digits only. */
public final class PhoneEntry implements Resettable {
    private final ReadOnlyStringWrapper digits = new ReadOnlyStringWrapper("");

    public ReadOnlyStringProperty digitsProperty() {
        return digits.getReadOnlyProperty();
    }

    public String digits() {
        return digits.get();
    }

    public void press(char digit) {
        if (Character.isDigit(digit) && digits.get().length() < PhoneNumbers.LENGTH) {
            digits.set(digits.get() + digit);
        }
    }

    public void backspace() {
        String now = digits.get();
        if (!now.isEmpty()) {
            digits.set(now.substring(0, now.length() - 1));
        }
    }

    public boolean complete() {
        return PhoneNumbers.valid(digits.get());
    }

    @Override
    public void reset() {
        digits.set("");
    }
}
