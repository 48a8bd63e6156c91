package org.linli.kiosk.card;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Model.Card;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.PhoneEntry;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.kiosk.session.Problems;
import org.linli.kiosk.session.Resettable;

/** "My resident card": a phone number in, one QR out that works for check-in, tickets and bookings. */
public final class CardViewModel implements Resettable {
    public enum Step { PHONE, WORKING, CARD, PROBLEM }

    private final CentralClient central;
    private final Async async;
    private final ReceiptPrinter printer;
    private final org.linli.kiosk.session.ResidentSession resident;
    private final PhoneEntry phone = new PhoneEntry();
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.PHONE);
    private final ReadOnlyObjectWrapper<Card> card = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** @param resident the new card identifies the resident for the rest of the visit */
    public CardViewModel(CentralClient central, Async async, ReceiptPrinter printer,
            org.linli.kiosk.session.ResidentSession resident) {
        this.resident = resident;
        this.central = central;
        this.async = async;
        this.printer = printer;
    }

    public PhoneEntry phone() {
        return phone;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Card> cardProperty() {
        return card.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean printerPresent() {
        return printer.present();
    }

    public void request() {
        request(null);
    }

    /** @param consentVersion the privacy notice a resident with a new number just agreed to, or null */
    private void request(String consentVersion) {
        if (!phone.complete()) {
            message.set("phone.invalid");
            return;
        }
        message.set("");
        String digits = phone.digits();
        step.set(Step.WORKING);
        async.run(() -> central.residentCard(digits, consentVersion), issued -> {
            phone.reset();
            resident.card(issued.token());
            card.set(issued);
            step.set(Step.CARD);
            if (printer.present()) {
                async.runQuietly("printing resident card", () -> {
                    printer.print(new ReceiptPrinter.Slip("居民码", "Resident card", null,
                            List.of("尾号 · ending " + issued.phoneLast4(),
                                    "签到、取号、约房间都可用 · For check-in, tickets and bookings"),
                            issued.token()));
                    return null;
                });
            }
        }, failure -> {
            if (ConsentPrompt.needed(failure)) {
                // a new number: the notice first; "back" returns to the keypad with the number cleared
                step.set(Step.PHONE);
                resident.consent().ask(failure, () -> request(ConsentPrompt.VERSION), phone::reset);
                return;
            }
            message.set(Problems.messageKey(failure, "card.refused"));
            step.set(Step.PROBLEM);
        });
    }

    public void back() {
        message.set("");
        step.set(Step.PHONE);
    }

    @Override
    public void reset() {
        phone.reset();
        card.set(null);
        message.set("");
        step.set(Step.PHONE);
    }
}
