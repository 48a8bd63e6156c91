package org.linli.kiosk.mybookings;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Pictogram;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/**
 * "My bookings": show your card, see your rooms with their day and time (in the hub's zone), cancel one after
 * saying yes, and read that it is done.
 */
public final class MyBookingsView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final MyBookingsViewModel vm;
    private final I18n i18n;
    private final Runnable done;
    private final Runnable back;
    private final Runnable toCard;
    private final Runnable toRooms;
    private final ZoneId zone;
    private final Form form;
    private final ReadOnlyBooleanProperty online;
    private final Catalogue catalogue;
    private final boolean camera;
    private final StackPane pane = new StackPane();

    /**
     * @param done the visit is over ("done")
     * @param back to the start, still knowing the resident: "back" on the scan screen, as at the check-in's
     * @param toCard to "my resident card", for a resident who has none
     * @param toRooms to booking a room, for a resident who has no booking
     * @param camera whether codes are shown to a camera (else to a HID scanner): the hint says which
     * @param catalogue names the booked rooms
     */
    public MyBookingsView(MyBookingsViewModel vm, I18n i18n, Runnable done, Runnable back, Runnable toCard,
            Runnable toRooms, ZoneId zone, Form form, ReadOnlyBooleanProperty online, Catalogue catalogue,
            boolean camera) {
        this.back = back;
        this.vm = vm;
        this.i18n = i18n;
        this.done = done;
        this.toCard = toCard;
        this.toRooms = toRooms;
        this.zone = zone;
        this.form = form;
        this.online = online;
        this.catalogue = catalogue;
        this.camera = camera;
        pane.setId("screen-my-bookings");
        vm.stepProperty().addListener((o, a, b) -> render());
        vm.bookings().addListener((ListChangeListener<Booking>) c -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        online.addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /**
     * Nothing is typed here: the dialog only while the resident decides whether to cancel; the scan prompt, the list,
     * "cancelled" and a refusal stay in view.
     */
    @Override
    public Keep keep() {
        return switch (vm.stepProperty().get()) {
            case SCAN, LIST, CANCELLED, PROBLEM -> Keep.IN_VIEW;
            case CONFIRM, WORKING -> Keep.NOTHING;
        };
    }

    private void render() {
        pane.getChildren().setAll(switch (vm.stepProperty().get()) {
            case SCAN -> scan();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case LIST -> list();
            case CONFIRM -> confirm(vm.chosenProperty().get());
            case CANCELLED -> cancelled(vm.cancelledProperty().get());
            case PROBLEM -> problem();
        });
    }

    private Node scan() {
        if (!online.get()) {
            // offline both ways on are dead ends: a card scanned shows nothing, and no card can be made; the notice
            // alone says what to do (the picture and the card under it pushed the small panel's header off screen)
            VBox box = new VBox(form.gap(24), Ui.text(i18n.get("mine.title"), "title"), notice("offline.mine"),
                    Ui.actions(form, Ui.primary(i18n.get("common.done"), "done", done)));
            box.setMaxWidth(form.compact() ? 760 : 1100);
            box.setMaxHeight(Region.USE_PREF_SIZE);
            return box;
        }
        StackPane picture = new StackPane(Pictogram.CARD.node(form.compact() ? 130 : 220));
        picture.getStyleClass().add("scan-picture");
        picture.setId("scan-card");
        picture.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        // a way back as at the check-in's scan: a resident who came here by mistake need not wait for the idle reset
        var backButton = Ui.button(i18n.get("common.back"), "back", back);
        VBox left = new VBox(form.gap(24), Ui.text(i18n.get("mine.title"), "title"),
                Ui.text(i18n.get(camera ? "mine.scanHint" : "mine.scannerHint"), "lead"), picture,
                Ui.actions(form, backButton));
        left.setMaxWidth(form.compact() ? 420 : form.portrait() ? 760 : 640);
        VBox noCard = Ui.card(Ui.text(i18n.get("mine.noCard"), "section-title"),
                Ui.text(i18n.get("mine.noCardHint"), "body"),
                Ui.button(i18n.get("mine.getCard"), "mine-get-card", toCard));
        noCard.setSpacing(form.gap(24));
        noCard.setPrefWidth(form.compact() ? 320 : form.portrait() ? 760 : 520);
        noCard.setMaxWidth(Region.USE_PREF_SIZE);
        if (form.compact()) {
            left.getChildren().remove(0); // the small panel: the home tile and the hint say what this is
        }
        return Ui.pair(form, left, noCard);
    }

    private Label notice(String key) {
        Label notice = Ui.text(i18n.get(key), "notice");
        notice.setId("offline-notice");
        return notice;
    }

    private Node list() {
        VBox rows = new VBox(form.gap(16));
        if (vm.bookings().isEmpty()) {
            Label none = Ui.text(i18n.get("mine.none"), "lead");
            none.setId("mine-none");
            rows.getChildren().add(none);
        }
        boolean offline = !online.get();
        for (Booking b : vm.bookings()) {
            VBox text = new VBox(6, Ui.text(roomName(b), "tile-title"), when(b, "lead"));
            text.getChildren().get(1).setId("mine-when-" + b.id());
            Button cancel = Ui.button(i18n.get("mine.cancel"), "mine-cancel-" + b.id(), () -> vm.choose(b));
            cancel.setMinWidth(Region.USE_PREF_SIZE);
            // offline a cancellation cannot be made: the button says so by being off, the notice above in words
            cancel.setDisable(offline);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(form.gap(24), text, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("list-row");
            row.setId("mine-" + b.id());
            rows.getChildren().add(row);
        }
        Pane actions = Ui.actions(form, Ui.primary(i18n.get("common.done"), "done", done));
        if (vm.bookings().isEmpty()) {
            actions.getChildren().add(Ui.button(i18n.get("mine.book"), "mine-book", toRooms));
        }
        VBox box = new VBox(form.gap(24), Ui.text(i18n.get("mine.title"), "title"), Ui.scrolling(rows), actions);
        if (offline) {
            box.getChildren().add(1, notice("offline.mine"));
        }
        box.setId("mine-list");
        return box;
    }

    private Node confirm(Booking b) {
        VBox box = Ui.card(Ui.text(i18n.get("mine.confirmTitle"), "title"), Ui.text(roomName(b), "section-title"),
                when(b, "lead"), Ui.text(i18n.get("mine.confirmHint"), "body"),
                Ui.actions(form, Ui.button(i18n.get("mine.confirmNo"), "mine-keep", vm::keep),
                        Ui.primary(i18n.get("mine.confirmYes"), "mine-confirm", vm::cancel)));
        box.setSpacing(form.gap(24));
        box.setId("mine-confirm-card");
        box.setMaxWidth(form.compact() ? 760 : 1100);
        return box;
    }

    private Node cancelled(Booking b) {
        VBox box = Ui.card(Ui.badge("✓", "badge-ok"), Ui.text(i18n.get("mine.cancelled"), "title"),
                when(b, "lead", roomName(b) + " ·"), Ui.text(i18n.get("mine.cancelledHint"), "body"),
                Ui.actions(form, Ui.primary(i18n.get("common.done"), "done", done),
                        Ui.button(i18n.get("mine.others"), "mine-others", vm::back)));
        box.setSpacing(form.gap(24));
        if (form.compact()) {
            box.getChildren().remove(0); // the small panel needs its height for the words
        }
        box.setId("mine-cancelled");
        box.setMaxWidth(form.compact() ? 760 : 1100);
        return box;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                Ui.actions(form, Ui.primary(i18n.get("common.back"), "back", vm::back),
                        Ui.button(i18n.get("nav.home"), "problem-home", done)));
        box.setSpacing(form.gap(24));
        box.setId("problem");
        box.setMaxWidth(1100);
        return box;
    }

    /** The room's name, or "your room" while the hub's rooms are not loaded: never an id in a sentence. */
    private String roomName(Booking b) {
        Names name = catalogue.roomName(b.room());
        return name == null ? i18n.get("mine.room") : name.in(i18n.locale());
    }

    /**
     * "12月5日 星期六（今天） 14:00–15:00", in the hub's zone, after {@code before} (the room's name) when given; a line
     * breaks between these parts, never inside a time or "（今天）".
     */
    private Node when(Booking b, String style, String... before) {
        var start = b.start().atZoneSameInstant(zone);
        LocalDate day = start.toLocalDate();
        long ahead = ChronoUnit.DAYS.between(vm.todayInHub(), day);
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(before));
        parts.add(DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale()).format(day));
        parts.add(ahead == 0 ? i18n.get("rooms.today") : ahead == 1 ? i18n.get("rooms.tomorrow") : "");
        parts.add(TIME.format(start) + "–" + TIME.format(b.end().atZoneSameInstant(zone)));
        return Ui.phrases(style, parts);
    }
}
