package org.linli.kiosk.rooms;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.Ui;

/**
 * The booking's details on the small panel (the 7-inch 800×480 one), in two steps that each fit without scrolling at
 * 15 mm targets: how many people and what for, then who books (the keypad, or who they are when known). Together on
 * one screen they scrolled, and the chips and the privacy notice were below the fold.
 */
final class CompactBooking {
    private CompactBooking() {
    }

    /**
     * The room and time in one line across the top; how many on the left with the buttons under it, what for on the
     * right (its four chips in two rows).
     */
    static Node details(RoomsViewModel vm, I18n i18n, Form form, Node roomAndTime, Node attendees,
            FlowPane purposes) {
        VBox top = new VBox(form.gap(8), roomAndTime);
        if (!vm.messageProperty().get().isEmpty()) {
            top.getChildren().add(Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        // the room's limit under the question: on one line ("有几个人参加？（最多 30 人）", kept whole) it ran over
        // the other column's question
        VBox howMany = new VBox(Ui.text(i18n.get("rooms.attendees"), "section-title"), Ui.text(i18n.get(
                "rooms.attendeesMax", vm.roomProperty().get().capacity()), "section-title"));
        VBox left = new VBox(form.gap(12), howMany, attendees, Ui.actions(form,
                Ui.button(i18n.get("common.back"), "back", vm::back),
                Ui.primary(i18n.get("common.next"), "to-phone", vm::toPhone)));
        left.setPrefWidth(300);
        left.setMinWidth(Region.USE_PREF_SIZE);
        purposes.setPrefWrapLength(440);
        VBox right = new VBox(form.gap(8), Ui.text(i18n.get("rooms.purpose"), "section-title"), purposes);
        HBox both = new HBox(form.gap(32), left, right);
        // tight gaps: in English the line across the top takes two lines
        VBox box = new VBox(form.gap(8), top, both);
        box.setMaxSize(780, Region.USE_PREF_SIZE);
        box.setId("booking-details");
        return box;
    }

    /**
     * What is booked, a short privacy notice and the buttons beside the keypad (whose display says a number goes
     * there); one line of who, when known.
     */
    static Node phone(RoomsViewModel vm, I18n i18n, Form form, Node roomAndTime) {
        VBox info = new VBox(form.gap(8), roomAndTime);
        if (!vm.messageProperty().get().isEmpty()) {
            info.getChildren().add(Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        Button back = Ui.button(i18n.get("common.back"), "back", vm::back);
        Button book = Ui.primary(i18n.get("rooms.book"), "book", vm::book);
        if (vm.resident().known()) {
            Label who = Ui.text(vm.resident().byCard() ? i18n.get("resident.knownCardBooking")
                    : i18n.get("resident.knownPhoneBooking", vm.resident().phoneLast4()), "lead");
            who.setId("known-resident");
            info.getChildren().add(who);
            VBox box = new VBox(form.gap(24), info, Ui.actions(form, back, book,
                    Ui.button(i18n.get("resident.notYou"), "not-me", vm.resident()::reset)));
            box.setMaxSize(760, Region.USE_PREF_SIZE);
            box.setId("booking-phone");
            return box;
        }
        info.getChildren().add(Ui.text(i18n.get("privacy.signupShort"), "privacy"));
        VBox left = new VBox(form.gap(16), info, Ui.actions(form, back, book));
        left.setPrefWidth(380);
        left.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        left.setAlignment(Pos.CENTER_LEFT);
        left.setId("booking-phone");
        return Ui.pair(form, left, KeypadView.of(vm.phone(), i18n, form));
    }
}
