package org.linli.kiosk.rooms;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.Slot;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.QrNode;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Room booking in four steps: room, time on the day's timeline, details, and the door QR. */
public final class RoomsView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final RoomsViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final ZoneId zone;
    private final Form form;
    private final StackPane pane = new StackPane();

    public RoomsView(RoomsViewModel vm, I18n i18n, Runnable home, ZoneId zone, Form form) {
        this.vm = vm;
        this.form = form;
        this.i18n = i18n;
        this.home = home;
        this.zone = zone;
        pane.setId("screen-rooms");
        vm.stepProperty().addListener((o, a, b) -> render());
        // live data redraws only the step that shows it: a room event must not rebuild the keypad a resident is
        // typing on (a tap in flight would land on a key that is no longer there)
        vm.rooms().addListener((ListChangeListener<RoomsViewModel.Row>) c -> renderOn(RoomsViewModel.Step.ROOMS));
        vm.slots().addListener((ListChangeListener<Slot>) c -> renderOn(RoomsViewModel.Step.SLOTS));
        vm.firstSlotProperty().addListener((o, a, b) -> render());
        vm.lastSlotProperty().addListener((o, a, b) -> render());
        vm.attendeesProperty().addListener((o, a, b) -> render());
        vm.purposeProperty().addListener((o, a, b) -> render());
        vm.messageProperty().addListener((o, a, b) -> render());
        vm.resident().knownProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    private void renderOn(RoomsViewModel.Step step) {
        if (vm.stepProperty().get() == step) {
            render();
        }
    }

    private void render() {
        pane.getChildren().setAll(switch (vm.stepProperty().get()) {
            case ROOMS -> rooms();
            case SLOTS -> slots();
            case DETAILS -> details();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case DONE -> done(vm.bookingProperty().get());
            case PROBLEM -> problem();
        });
    }

    private Node rooms() {
        FlowPane list = new FlowPane(form.gap(24), form.gap(24));
        if (vm.rooms().isEmpty()) {
            list.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        for (RoomsViewModel.Row row : vm.rooms()) {
            Room room = row.room();
            Label state = Ui.text(i18n.get(row.live() == null ? "rooms.stateUnknown" : row.overCapacity()
                    ? "rooms.overCapacity" : row.inUse() ? "rooms.inUse" : "rooms.freeNow"),
                    row.overCapacity() ? "pill-warn" : row.inUse() ? "pill-busy" : "pill-free");
            state.setId("room-state-" + room.id());
            VBox inner = new VBox(form.gap(10), Ui.text(room.name().in(i18n.locale()), "tile-title"),
                    Ui.text(i18n.get("rooms.capacity", room.capacity()), "tile-hint"), state);
            list.getChildren().add(Ui.tile("room-" + room.id(), () -> vm.choose(room), inner, "room-tile",
                    "tile-plain"));
        }
        return new VBox(form.gap(32), Ui.text(i18n.get("rooms.title"), "title"), Ui.scrolling(list));
    }

    private Node slots() {
        Room room = vm.roomProperty().get();
        Label day = Ui.text(DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale())
                .format(vm.dateProperty().get()), "section-title");
        HBox days = new HBox(form.gap(24), Ui.button("◀", "day-back", () -> vm.moveDay(-1), "arrow"), day,
                Ui.button("▶", "day-next", () -> vm.moveDay(1), "arrow"));
        days.setAlignment(Pos.CENTER_LEFT);
        FlowPane timeline = new FlowPane(form.gap(12), form.gap(12));
        timeline.getStyleClass().add("timeline");
        if (vm.slots().isEmpty()) {
            timeline.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        int first = vm.firstSlotProperty().get();
        int last = vm.lastSlotProperty().get();
        for (int i = 0; i < vm.slots().size(); i++) {
            Slot slot = vm.slots().get(i);
            int index = i;
            Button button = Ui.button(TIME.format(slot.start().atZoneSameInstant(zone)), "slot-" + i,
                    () -> vm.tapSlot(index), "slot");
            button.getStyleClass().add(i >= first && i <= last && first >= 0 ? "slot-chosen"
                    : slot.free() ? "slot-free" : "slot-taken");
            button.setDisable(!slot.free());
            timeline.getChildren().add(button);
        }
        Button next = Ui.primary(i18n.get("common.next"), "to-details", vm::toDetails);
        next.setDisable(!vm.hasTime());
        HBox legend = new HBox(form.gap(24), Ui.text("■ " + i18n.get("rooms.legendFree"), "legend-free"),
                Ui.text("■ " + i18n.get("rooms.legendTaken"), "legend-taken"),
                Ui.text("■ " + i18n.get("rooms.legendChosen"), "legend-chosen"));
        Label chosen = Ui.text(chosenText(), "lead");
        chosen.setMinWidth(Region.USE_PREF_SIZE);
        HBox actions = new HBox(form.gap(24), Ui.button(i18n.get("common.back"), "back", vm::back), next, chosen);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(form.gap(24), Ui.text(room.name().in(i18n.locale()), "title"), days,
                Ui.text(i18n.get("rooms.slotHint"), "body"), Ui.scrolling(timeline), legend, actions);
        if (form.compact()) {
            // the small panel: the room's name joins the day line, and the legend's colours explain themselves
            days.getChildren().add(0, Ui.text(room.name().in(i18n.locale()), "section-title"));
            box.getChildren().removeAll(box.getChildren().get(0), box.getChildren().get(2), legend);
        } else {
            VBox.setVgrow(box.getChildren().get(3), Priority.NEVER);
        }
        return box;
    }

    private String chosenText() {
        if (!vm.hasTime()) {
            return "";
        }
        int from = vm.firstSlotProperty().get();
        int to = Math.max(from, vm.lastSlotProperty().get());
        if (to >= vm.slots().size()) {
            return "";
        }
        Slot a = vm.slots().get(from);
        Slot b = vm.slots().get(to);
        return TIME.format(a.start().atZoneSameInstant(zone)) + " – " + TIME.format(b.end().atZoneSameInstant(zone));
    }

    private Node details() {
        HBox attendees = new HBox(form.gap(24), Ui.button("−", "fewer", () -> vm.changeAttendees(-1), "arrow"),
                Ui.text(String.valueOf(vm.attendeesProperty().get()), "counter"),
                Ui.button("+", "more", () -> vm.changeAttendees(1), "arrow"));
        attendees.setAlignment(Pos.CENTER_LEFT);
        attendees.getChildren().get(1).setId("attendees");
        FlowPane purposes = new FlowPane(form.gap(16), form.gap(16));
        for (String purpose : RoomsViewModel.PURPOSES) {
            Button chip = Ui.button(i18n.get("rooms.purpose." + purpose), "purpose-" + purpose,
                    () -> vm.setPurpose(purpose), "chip");
            if (purpose.equals(vm.purposeProperty().get())) {
                chip.getStyleClass().add("chip-chosen");
            }
            purposes.getChildren().add(chip);
        }
        VBox info = new VBox(20, Ui.text(vm.roomProperty().get().name().in(i18n.locale()) + " · " + chosenText(),
                "section-title"), Ui.text(i18n.get("rooms.attendees"), "body"), attendees,
                Ui.text(i18n.get("rooms.purpose"), "body"), purposes,
                Ui.text(i18n.get("privacy.booking"), "privacy"));
        if (!vm.messageProperty().get().isEmpty()) {
            info.getChildren().add(1, Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        VBox left = Ui.column(form, 760, info, Ui.actions(form, Ui.button(i18n.get("common.back"), "back", vm::back),
                Ui.primary(i18n.get("rooms.book"), "book", vm::book)));
        Node right = vm.resident().known() ? Ui.knownResident(vm.resident(), i18n)
                : new VBox(form.gap(12), Ui.text(i18n.get("rooms.phone"), "body"), KeypadView.of(vm.phone(), i18n, form));
        return Ui.pair(form, left, right);
    }

    private Node done(Booking booking) {
        String when = DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale())
                .format(booking.start().atZoneSameInstant(zone)) + "  "
                + TIME.format(booking.start().atZoneSameInstant(zone)) + " – "
                + TIME.format(booking.end().atZoneSameInstant(zone));
        VBox left = new VBox(form.gap(20), Ui.badge("✓", "badge-ok"), Ui.text(i18n.get("rooms.booked"), "title"),
                Ui.text(vm.roomProperty().get().name().in(i18n.locale()), "section-title"), Ui.text(when, "lead"),
                Ui.text(i18n.get(form.compact() ? "rooms.qrHintShort" : "rooms.qrHint"), "body"),
                Ui.primary(i18n.get("common.done"), "done", home));
        left.setPrefWidth(form.compact() ? 380 : 640);
        left.setMaxWidth(Region.USE_PREF_SIZE);
        if (form.compact()) {
            left.getChildren().remove(0);
        }
        // the number beside the code: what staff ask for on the phone, and what still works if the code will not scan
        Label number = Ui.text(i18n.get("rooms.bookingNumber", booking.id()), "booking-number");
        number.setId("booking-number");
        VBox code = new VBox(12, QrNode.of(booking.token(), form.compact() ? 240 : 520), number);
        code.setAlignment(Pos.CENTER);
        VBox box = Ui.card(Ui.pair(form, left, code));
        box.setId("booking-done");
        box.setMaxWidth(form.compact() ? 780 : form.portrait() ? 900 : 1400);
        return box;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                Ui.actions(form, Ui.primary(i18n.get("common.back"), "back", vm::back),
                        Ui.button(i18n.get("nav.home"), "problem-home", home)));
        box.setId("problem");
        box.setMaxWidth(1100);
        return box;
    }
}
