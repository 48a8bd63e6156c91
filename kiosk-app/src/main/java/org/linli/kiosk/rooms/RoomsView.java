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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.Slot;
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
    private final StackPane pane = new StackPane();

    public RoomsView(RoomsViewModel vm, I18n i18n, Runnable home, ZoneId zone) {
        this.vm = vm;
        this.i18n = i18n;
        this.home = home;
        this.zone = zone;
        pane.setId("screen-rooms");
        vm.stepProperty().addListener((o, a, b) -> render());
        vm.rooms().addListener((ListChangeListener<RoomsViewModel.Row>) c -> render());
        vm.slots().addListener((ListChangeListener<Slot>) c -> render());
        vm.firstSlotProperty().addListener((o, a, b) -> render());
        vm.lastSlotProperty().addListener((o, a, b) -> render());
        vm.attendeesProperty().addListener((o, a, b) -> render());
        vm.purposeProperty().addListener((o, a, b) -> render());
        vm.messageProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
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
        FlowPane list = new FlowPane(24, 24);
        if (vm.rooms().isEmpty()) {
            list.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        for (RoomsViewModel.Row row : vm.rooms()) {
            Room room = row.room();
            Label state = Ui.text(i18n.get(row.live() == null ? "rooms.stateUnknown" : row.overCapacity()
                    ? "rooms.overCapacity" : row.inUse() ? "rooms.inUse" : "rooms.freeNow"),
                    row.overCapacity() ? "pill-warn" : row.inUse() ? "pill-busy" : "pill-free");
            state.setId("room-state-" + room.id());
            VBox inner = new VBox(10, Ui.text(room.name().in(i18n.locale()), "tile-title"),
                    Ui.text(i18n.get("rooms.capacity", room.capacity()), "tile-hint"), state);
            Button button = new Button();
            button.setGraphic(inner);
            button.setId("room-" + room.id());
            button.getStyleClass().addAll("tile", "tile-plain", "room-tile");
            button.setOnAction(e -> vm.choose(room));
            list.getChildren().add(button);
        }
        return new VBox(32, Ui.text(i18n.get("rooms.title"), "title"), list);
    }

    private Node slots() {
        Room room = vm.roomProperty().get();
        Label day = Ui.text(DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale())
                .format(vm.dateProperty().get()), "section-title");
        HBox days = new HBox(24, Ui.button("◀", "day-back", () -> vm.moveDay(-1), "arrow"), day,
                Ui.button("▶", "day-next", () -> vm.moveDay(1), "arrow"));
        days.setAlignment(Pos.CENTER_LEFT);
        FlowPane timeline = new FlowPane(12, 12);
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
        HBox legend = new HBox(24, Ui.text("■ " + i18n.get("rooms.legendFree"), "legend-free"),
                Ui.text("■ " + i18n.get("rooms.legendTaken"), "legend-taken"),
                Ui.text("■ " + i18n.get("rooms.legendChosen"), "legend-chosen"));
        return new VBox(24, Ui.text(room.name().in(i18n.locale()), "title"), days,
                Ui.text(i18n.get("rooms.slotHint"), "body"), timeline, legend,
                new HBox(24, Ui.button(i18n.get("common.back"), "back", vm::back), next, Ui.text(chosenText(), "lead")));
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
        HBox attendees = new HBox(24, Ui.button("−", "fewer", () -> vm.changeAttendees(-1), "arrow"),
                Ui.text(String.valueOf(vm.attendeesProperty().get()), "counter"),
                Ui.button("+", "more", () -> vm.changeAttendees(1), "arrow"));
        attendees.setAlignment(Pos.CENTER_LEFT);
        attendees.getChildren().get(1).setId("attendees");
        FlowPane purposes = new FlowPane(16, 16);
        for (String purpose : RoomsViewModel.PURPOSES) {
            Button chip = Ui.button(i18n.get("rooms.purpose." + purpose), "purpose-" + purpose,
                    () -> vm.setPurpose(purpose), "chip");
            if (purpose.equals(vm.purposeProperty().get())) {
                chip.getStyleClass().add("chip-chosen");
            }
            purposes.getChildren().add(chip);
        }
        VBox left = new VBox(20, Ui.text(vm.roomProperty().get().name().in(i18n.locale()) + " · " + chosenText(),
                "section-title"), Ui.text(i18n.get("rooms.attendees"), "body"), attendees,
                Ui.text(i18n.get("rooms.purpose"), "body"), purposes,
                Ui.text(i18n.get("privacy.booking"), "privacy"));
        if (!vm.messageProperty().get().isEmpty()) {
            left.getChildren().add(Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        left.getChildren().add(new HBox(24, Ui.button(i18n.get("common.back"), "back", vm::back),
                Ui.primary(i18n.get("rooms.book"), "book", vm::book)));
        left.setPrefWidth(760);
        VBox right = new VBox(12, Ui.text(i18n.get("rooms.phone"), "body"), KeypadView.of(vm.phone(), i18n));
        HBox row = Ui.pair(left, right);
        return row;
    }

    private Node done(Booking booking) {
        String when = DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale())
                .format(booking.start().atZoneSameInstant(zone)) + "  "
                + TIME.format(booking.start().atZoneSameInstant(zone)) + " – "
                + TIME.format(booking.end().atZoneSameInstant(zone));
        VBox left = new VBox(20, Ui.badge("✓", "badge-ok"), Ui.text(i18n.get("rooms.booked"), "title"),
                Ui.text(vm.roomProperty().get().name().in(i18n.locale()), "section-title"), Ui.text(when, "lead"),
                Ui.text(i18n.get("rooms.qrHint"), "body"), Ui.primary(i18n.get("common.done"), "done", home));
        left.setPrefWidth(640);
        // the number beside the code: what staff ask for on the phone, and what still works if the code will not scan
        Label number = Ui.text(i18n.get("rooms.bookingNumber", booking.id()), "booking-number");
        number.setId("booking-number");
        VBox code = new VBox(12, QrNode.of(booking.token(), 520), number);
        code.setAlignment(Pos.CENTER);
        HBox row = Ui.pair(left, code);
        VBox box = Ui.card(row);
        box.setId("booking-done");
        box.setMaxWidth(1400);
        return box;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                new HBox(24, Ui.primary(i18n.get("common.back"), "back", vm::back),
                        Ui.button(i18n.get("nav.home"), "problem-home", home)));
        box.setId("problem");
        box.setMaxWidth(1100);
        return box;
    }
}
