package org.linli.kiosk.session;

import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Who is at the kiosk, once they have said so: a resident card they scanned or were just given, or a phone number
 * they typed. Taking a number, booking a room and signing up then use it without asking again, until "done" or the
 * idle reset forgets it. Kept in memory only and never logged.
 */
public final class ResidentSession implements Resettable {
    private final ReadOnlyBooleanWrapper known = new ReadOnlyBooleanWrapper(false);
    private String card;
    private String phone;
    private final ConsentPrompt consent = new ConsentPrompt();

    /** The privacy notice a new phone number is asked to agree to; closed when the visit ends. */
    public ConsentPrompt consent() {
        return consent;
    }

    public ReadOnlyBooleanProperty knownProperty() {
        return known.getReadOnlyProperty();
    }

    public boolean known() {
        return known.get();
    }

    /** True when the resident is known by a card (rather than by a phone number). */
    public boolean byCard() {
        return card != null;
    }

    /** The last four digits of a known phone number, for "phone ending 8000"; empty for a card. */
    public String phoneLast4() {
        return phone == null ? "" : phone.substring(phone.length() - 4);
    }

    public void card(String token) {
        card = token;
        phone = null;
        known.set(true);
    }

    public void phone(String digits) {
        if (PhoneNumbers.valid(digits)) {
            phone = digits;
            card = null;
            known.set(true);
        }
    }

    /**
     * The resident as a request names them: {@code {tokenField: card}} or {@code {"phone": digits}}; empty when not
     * known. The booking API calls the card {@code residentToken}, the others {@code token}.
     */
    public Map<String, String> identity(String tokenField) {
        if (card != null) {
            return Map.of(tokenField, card);
        }
        return phone == null ? Map.of() : Map.of("phone", phone);
    }

    @Override
    public void reset() {
        card = null;
        phone = null;
        known.set(false);
        consent.close();
    }
}
