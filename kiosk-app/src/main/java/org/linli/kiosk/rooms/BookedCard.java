package org.linli.kiosk.rooms;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.QrNode;
import org.linli.kiosk.ui.Ui;

/**
 * A booking made: the room, its day and time, what to do with the door code, the code, and under it how to cancel.
 * The booking's number stood under the code; a resident can do nothing with it (the door opens by the code, "my
 * bookings" cancels by the resident card), so only the printed slip carries it, for staff ({@link BookingSlip}).
 */
final class BookedCard {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private BookedCard() {
    }

    /** @param dayParts the date and, today or tomorrow, its name: the parts a line may break between */
    static Node of(RoomsViewModel vm, I18n i18n, Form form, ZoneId zone, Runnable home, Booking booking,
            Function<LocalDate, List<String>> dayParts) {
        LocalDate day = booking.start().atZoneSameInstant(zone).toLocalDate();
        String time = TIME.format(booking.start().atZoneSameInstant(zone)) + "–"
                + TIME.format(booking.end().atZoneSameInstant(zone));
        String room = vm.roomProperty().get().name().in(i18n.locale());
        List<String> when = new java.util.ArrayList<>(dayParts.apply(day));
        when.add(time);
        Node done = Ui.primary(i18n.get("common.done"), "done", home);
        // the instruction is what the resident must act on: as large as the time, and "photograph it now" apart
        VBox left = new VBox(form.gap(20), Ui.badge("✓", "badge-ok"), Ui.text(i18n.get("rooms.booked"), "title"),
                Ui.text(room, "section-title"), Ui.phrases("lead", when),
                Ui.text(i18n.get(form.compact() ? "rooms.qrHintShort" : "rooms.qrHint"), "lead"),
                Ui.text(i18n.get(vm.printerPresent() ? "rooms.printed" : "rooms.qrPhoto"), "notice"), done);
        if (form.compact()) {
            // the small panel: no tick, no title (the code says it is booked), the short hint says to photograph it
            // as well, and the room and its time share a line, the lines closer together
            List<String> parts = new java.util.ArrayList<>(List.of(room + " ·"));
            parts.addAll(when);
            left.getChildren().setAll(Ui.phrases("lead", parts), left.getChildren().get(4), done);
            left.setSpacing(form.gap(20) / 3);
        }
        left.setPrefWidth(form.compact() ? 440 : 640);
        left.setMaxWidth(Region.USE_PREF_SIZE);
        // under the code, what to do when plans change
        Label cancel = Ui.text(i18n.get("rooms.cancelHow"), "body");
        cancel.setId("booking-cancel");
        VBox code = new VBox(12, QrNode.of(booking.token(), form.compact() ? 190 : 520), cancel);
        code.setMaxWidth(form.compact() ? 280 : 560);
        code.setAlignment(Pos.CENTER);
        Node row = Ui.pair(form, left, code);
        if (form.portrait()) {
            // portrait: the code before "done", as on the ticket, so that the screen ends on the button
            HBox last = new HBox(done);
            last.setAlignment(Pos.CENTER);
            ((VBox) row).getChildren().add(last);
        }
        VBox box = Ui.card(row);
        box.setId("booking-done");
        box.setMaxWidth(form.compact() ? 780 : form.portrait() ? 900 : 1400);
        return box;
    }
}
