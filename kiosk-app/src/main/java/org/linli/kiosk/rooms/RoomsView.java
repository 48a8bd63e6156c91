package org.linli.kiosk.rooms;

import java.time.ZoneId;
import javafx.beans.property.ReadOnlyBooleanProperty;
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
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.Slot;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Room booking in four steps: room, time on the day's timeline, details, and the door QR. */
public final class RoomsView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final RoomsViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final Runnable start;
    private final ZoneId zone;
    private final Form form;
    private final ReadOnlyBooleanProperty online;
    private final StackPane pane = new StackPane();

    /**
     * @param start "back" from the list of rooms: the start, keeping who the resident is, as the other screens'
     * @param online whether the central service answers: booking needs it, and offline the list says so
     */
    public RoomsView(RoomsViewModel vm, I18n i18n, Runnable home, Runnable start, ZoneId zone, Form form,
            ReadOnlyBooleanProperty online) {
        this.online = online;
        this.start = start;
        this.vm = vm;
        this.form = form;
        this.i18n = i18n;
        this.home = home;
        this.zone = zone;
        pane.setId("screen-rooms");
        vm.stepProperty().addListener((o, a, b) -> render());
        // live data redraws only the step that shows it: a room event must not rebuild the keypad a resident is
        // typing on (a tap in flight would land on a key that is no longer there)
        vm.rooms().addListener((ListChangeListener<RoomRow>) c -> renderOn(RoomsViewModel.Step.ROOMS));
        vm.slots().addListener((ListChangeListener<Slot>) c -> renderOn(RoomsViewModel.Step.SLOTS));
        // a closed day has no slots to replace: the day line and the closed notice follow the date itself
        vm.dateProperty().addListener((o, a, b) -> renderOn(RoomsViewModel.Step.SLOTS));
        vm.firstSlotProperty().addListener((o, a, b) -> render());
        vm.lastSlotProperty().addListener((o, a, b) -> render());
        vm.attendeesProperty().addListener((o, a, b) -> render());
        vm.purposeProperty().addListener((o, a, b) -> render());
        vm.messageProperty().addListener((o, a, b) -> render());
        vm.resident().knownProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        online.addListener((o, a, b) -> renderOn(RoomsViewModel.Step.ROOMS));
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** The dialog while slots and details are being chosen; the room list, the code and a refusal stay in view. */
    @Override
    public Keep keep() {
        return switch (vm.stepProperty().get()) {
            case DONE -> Keep.result("idle.keepCode", null);
            case ROOMS, PROBLEM -> Keep.IN_VIEW;
            case SLOTS, DETAILS, PHONE, WORKING -> Keep.NOTHING;
        };
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
            case PHONE -> phone();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case DONE -> BookedCard.of(vm, i18n, form, zone, home, vm.bookingProperty().get(), this::dayParts);
            case PROBLEM -> problem();
        });
    }

    private Node rooms() {
        boolean offline = !online.get();
        FlowPane list = new FlowPane(form.gap(24), form.gap(24));
        if (vm.rooms().isEmpty()) {
            list.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        java.time.Instant now = vm.now();
        for (RoomRow row : vm.rooms()) {
            Room room = row.room();
            VBox inner = new VBox(form.gap(10), Ui.text(room.name().in(i18n.locale()), "tile-title"));
            if (!form.compact()) {
                inner.getChildren().add(Ui.text(i18n.get("rooms.capacity", room.capacity()), "tile-hint"));
            }
            // the hatched stretch of the bar in words, on the line of the room's state (the tile keeps its height)
            Label repairs = offline ? null : repairsText(row, now);
            // "free now" on a day the hub is closed read as an invitation to walk in: it is said only when open
            boolean freeOnAClosedDay = !vm.opensOn(vm.todayInHub()) && !row.inUse() && !row.overCapacity();
            if (row.live() != null && !freeOnAClosedDay) {
                // what the room's sensor says now, in its own colours; "free now" is not a promise for later
                Label state = Ui.text(i18n.get(row.overCapacity() ? "rooms.overCapacity" : row.inUse()
                        ? "rooms.inUse" : "rooms.freeNow"), row.overCapacity() ? "pill-warn" : row.inUse()
                        ? "pill-busy" : "pill-free");
                state.setId("room-state-" + room.id());
                state.setMinWidth(Region.USE_PREF_SIZE);
                HBox line = new HBox(12, state);
                line.setAlignment(Pos.CENTER_LEFT);
                if (repairs != null) {
                    line.getChildren().add(repairs);
                }
                inner.getChildren().add(line);
            } else if (repairs != null) {
                inner.getChildren().add(repairs);
            }
            if (row.today() != null && !row.today().isEmpty()) {
                inner.getChildren().add(DayBar.of(row, now));
            }
            // how much of today is left to book, in words: the bar alone says nothing to a reader who cannot see it
            Label today = Ui.text(offline ? i18n.get("offline.tile") : !vm.opensOn(vm.todayInHub())
                    ? i18n.get("rooms.todayClosed") : row.today() == null
                    ? i18n.get("rooms.todayUnknown") : !row.dayLeft(now) ? i18n.get("rooms.todayOver")
                    : row.freeLeft(now) == 0 ? i18n.get("rooms.todayFull")
                    : i18n.get("rooms.todayFree", row.freeLeft(now)), "tile-hint");
            today.setId("room-today-" + room.id());
            HBox bottom = new HBox(12, today);
            if (!offline && !form.compact()) {
                Label choose = Ui.text(i18n.get("rooms.choose"), "room-choose");
                choose.setMinWidth(Region.USE_PREF_SIZE);
                HBox.setHgrow(today, Priority.ALWAYS);
                today.setMaxWidth(Double.MAX_VALUE);
                bottom.getChildren().add(choose);
            }
            bottom.setAlignment(Pos.CENTER_LEFT);
            inner.getChildren().add(bottom);
            Node tile = Ui.tile("room-" + room.id(), () -> vm.choose(room), inner, "room-tile",
                    offline ? "tile-off" : "tile-plain");
            tile.getStyleClass().add("switchable");
            tile.setDisable(offline);
            list.getChildren().add(tile);
        }
        Button back = Ui.button(i18n.get("common.back"), "back", start);
        Label title = Ui.text(i18n.get("rooms.title"), "title");
        VBox box = new VBox(form.gap(32), title);
        if (form.compact()) {
            // the small panel: "back" beside the title, the height kept for the rooms
            back.setMinWidth(Region.USE_PREF_SIZE);
            HBox top = new HBox(12, title, Ui.grow(), back);
            top.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().setAll(top);
        }
        if (offline) {
            Label notice = Ui.text(i18n.get("offline.rooms"), "notice");
            notice.setId("offline-notice");
            box.getChildren().add(notice);
        }
        box.getChildren().add(Ui.scrolling(list));
        if (!form.compact()) {
            box.getChildren().add(Ui.actions(form, back));
        }
        return box;
    }

    /** "维修：15:00–17:00": what is still to come of today's repairs, null when there are none. */
    private Label repairsText(RoomRow row, java.time.Instant now) {
        if (row.repairsLeft(now).isEmpty()) {
            return null;
        }
        Label repairs = Ui.text(i18n.get("rooms.todayMaintenance", row.repairsLeft(now).stream()
                .map(r -> TIME.format(r.start().atZoneSameInstant(zone)) + "–"
                        + TIME.format(r.end().atZoneSameInstant(zone)))
                .collect(java.util.stream.Collectors.joining(i18n.get("rooms.timesSeparator")))), "tile-hint");
        repairs.setId("room-repairs-" + row.room().id());
        return repairs;
    }

    /** "11月29日 星期日（明天）": a day other than today is named as such, so nobody books tomorrow unawares. */
    private String dayText(java.time.LocalDate date) {
        return String.join("", dayParts(date));
    }

    /** The date and, today or tomorrow, its name ("（明天）"): two parts a line may break between, not inside. */
    private java.util.List<String> dayParts(java.time.LocalDate date) {
        String text = DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale()).format(date);
        long ahead = java.time.temporal.ChronoUnit.DAYS.between(vm.todayInHub(), date);
        return ahead == 0 ? java.util.List.of(text, i18n.get("rooms.today"))
                : ahead == 1 ? java.util.List.of(text, i18n.get("rooms.tomorrow")) : java.util.List.of(text);
    }

    /** The day, its name and the time chosen, each kept whole on a line: "12月6日 星期日 |（明天）| 09:00–10:00". */
    private Node dayAndTime(java.time.LocalDate date, String time, String style) {
        java.util.List<String> parts = new java.util.ArrayList<>(dayParts(date));
        parts.add(time);
        return Ui.phrases(style, parts);
    }

    private Node slots() {
        Room room = vm.roomProperty().get();
        Label day = Ui.text(dayText(vm.dateProperty().get()), "section-title");
        day.setId("slots-day");
        HBox days = new HBox(form.gap(24), Ui.button("◀", "day-back", () -> vm.moveDay(-1), "arrow"), day,
                Ui.button("▶", "day-next", () -> vm.moveDay(1), "arrow"));
        days.setAlignment(Pos.CENTER_LEFT);
        // tiles of one size: a booked slot's two lines ("14:00 / 已约") must not make it taller than a free or a
        // chosen one beside it, which read as shorter than what they stand for
        TilePane timeline = new TilePane(form.gap(12), form.gap(12));
        timeline.setTileAlignment(Pos.CENTER_LEFT);
        timeline.getStyleClass().add("timeline");
        if (!vm.opensOn(vm.dateProperty().get())) {
            Label closed = Ui.text(i18n.get("rooms.dayClosed"), "notice");
            closed.setId("day-closed");
            timeline.getChildren().add(closed);
        } else if (vm.slots().isEmpty()) {
            timeline.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        int first = vm.firstSlotProperty().get();
        int last = vm.lastSlotProperty().get();
        boolean repairs = false;
        for (int i = 0; i < vm.slots().size(); i++) {
            Slot slot = vm.slots().get(i);
            int index = i;
            String time = TIME.format(slot.start().atZoneSameInstant(zone));
            // a slot that cannot be had says why in words, not only in a colour: booked by someone, closed by staff
            // for repairs (striped, its own look: nobody booked it, and it will not come free), or past (or too soon
            // for the room's notice): such a slot looked free and did nothing when tapped
            boolean bookable = vm.bookable(i);
            String why = slot.maintenance() ? "rooms.slotMaintenance" : !slot.free() ? "rooms.slotTaken"
                    : bookable ? null : vm.begun(i) ? "rooms.slotPast" : "rooms.slotTooLate";
            Button button = Ui.button(why == null ? time : time + "\n" + i18n.get(why), "slot-" + i,
                    () -> vm.tapSlot(index), "slot");
            button.getStyleClass().add(i >= first && i <= last && first >= 0 ? "slot-chosen"
                    : bookable ? "slot-free" : slot.maintenance() ? "slot-repairs"
                    : slot.free() ? "slot-past" : "slot-taken");
            button.setDisable(!bookable);
            button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            repairs |= slot.maintenance();
            timeline.getChildren().add(button);
        }
        if (!vm.slots().isEmpty()) {
            // the slots show when each begins: the last one's end, when the room closes, in a tile of its own
            Label end = Ui.text(TIME.format(vm.slots().getLast().end().atZoneSameInstant(zone)) + "\n"
                    + i18n.get("rooms.slotEnd"), "slot", "slot-end");
            end.setId("slot-end");
            end.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            timeline.getChildren().add(end);
        }
        Button next = Ui.primary(i18n.get("common.next"), "to-details", vm::toDetails);
        next.setDisable(!vm.hasTime());
        HBox legend = new HBox(form.gap(32), legendItem("swatch-free", "rooms.legendFree"),
                legendItem("swatch-taken", "rooms.legendTaken"), legendItem("swatch-chosen", "rooms.legendChosen"));
        if (repairs) {
            // the striped swatch only on a day that has such slots: a legend item for nothing shown is one more to read
            legend.getChildren().add(2, legendItem("swatch-repairs", "rooms.legendRepairs"));
        }
        legend.setAlignment(Pos.CENTER_LEFT);
        Label chosen = Ui.text(chosenText(), "lead");
        chosen.setMinWidth(Region.USE_PREF_SIZE);
        HBox actions = new HBox(form.gap(24), Ui.button(i18n.get("common.back"), "back", vm::back), next, chosen);
        actions.setAlignment(Pos.CENTER_LEFT);
        // the legend right under the hint, next to the slots it explains
        VBox box = new VBox(form.gap(24), Ui.text(room.name().in(i18n.locale()), "title"), days,
                Ui.text(i18n.get("rooms.slotHint"), "body"), legend, Ui.scrolling(timeline), actions);
        if (form.compact()) {
            // the small panel: the room's name joins the day line; the hint goes, the legend stays
            days.getChildren().add(0, Ui.text(room.name().in(i18n.locale()), "section-title"));
            box.getChildren().removeAll(box.getChildren().get(0), box.getChildren().get(2));
        }
        return box;
    }

    private Node legendItem(String swatch, String key) {
        Region square = new Region();
        square.getStyleClass().addAll("swatch", swatch);
        HBox item = new HBox(10, square, Ui.text(i18n.get(key), "legend"));
        item.setId("legend-" + swatch);
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
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
        return TIME.format(a.start().atZoneSameInstant(zone)) + "–" + TIME.format(b.end().atZoneSameInstant(zone));
    }

    private Node details() {
        if (form.compact()) {
            return CompactBooking.details(vm, i18n, form, roomAndTime("section-title"), attendees(), purposes());
        }
        Node when = dayAndTime(vm.dateProperty().get(), chosenText(), "section-title");
        when.setId("details-when");
        // the day is repeated where the resident commits: the timeline may have been moved to tomorrow
        VBox info = new VBox(20, Ui.text(vm.roomProperty().get().name().in(i18n.locale()), "section-title"), when,
                Ui.phrases("section-title", java.util.List.of(i18n.get("rooms.attendees"),
                        i18n.get("rooms.attendeesMax", vm.roomProperty().get().capacity()))), attendees(),
                Ui.text(i18n.get("rooms.purpose"), "section-title"), purposes());
        if (!vm.resident().known()) {
            info.getChildren().add(Ui.text(i18n.get("privacy.booking"), "privacy")); // no number typed, nothing to say
        }
        if (!vm.messageProperty().get().isEmpty()) {
            info.getChildren().add(1, Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        VBox left = Ui.column(form, 760, info, Ui.actions(form, Ui.button(i18n.get("common.back"), "back", vm::back),
                Ui.primary(i18n.get("rooms.book"), "book", vm::book)));
        Node right = vm.resident().known() ? Ui.knownResident(vm.resident(), i18n, form)
                : new VBox(form.gap(12), Ui.text(i18n.get("rooms.phone"), "body"), KeypadView.of(vm.phone(), i18n, form));
        return Ui.pair(form, left, right);
    }

    /** The small panel's second step: who books, with the room and time again where the resident commits. */
    private Node phone() {
        return CompactBooking.phone(vm, i18n, form, roomAndTime("lead"));
    }

    /** The small panel's one line of what is booked: "多功能活动室 | 12月6日 星期日 |（明天）| 09:00–10:00". */
    private Node roomAndTime(String style) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add(vm.roomProperty().get().name().in(i18n.locale()));
        parts.addAll(dayParts(vm.dateProperty().get()));
        parts.add(chosenText());
        Node when = Ui.phrases(style, parts);
        when.setId("details-when");
        return when;
    }

    /** The number alone between − and +: "6 人（最多 30 人）" as one text broke inside its brackets on the small panel. */
    private Node attendees() {
        Label count = Ui.text(i18n.get("rooms.attendeesUnit", vm.attendeesProperty().get()), "counter");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.setId("attendees");
        HBox attendees = new HBox(form.gap(24), Ui.button("−", "fewer", () -> vm.changeAttendees(-1), "arrow"),
                count, Ui.button("+", "more", () -> vm.changeAttendees(1), "arrow"));
        attendees.setAlignment(Pos.CENTER_LEFT);
        return attendees;
    }

    private FlowPane purposes() {
        FlowPane purposes = new FlowPane(form.gap(16), form.gap(16));
        for (String purpose : RoomsViewModel.PURPOSES) {
            Button chip = Ui.button(i18n.get("rooms.purpose." + purpose), "purpose-" + purpose,
                    () -> vm.setPurpose(purpose), "chip");
            if (purpose.equals(vm.purposeProperty().get())) {
                chip.getStyleClass().add("chip-chosen");
            }
            purposes.getChildren().add(chip);
        }
        return purposes;
    }

    private Node problem() {
        String key = vm.messageProperty().get();
        Room room = vm.roomProperty().get();
        // a refusal names the room's real rules when they are known: "at most 7 days ahead, 2 hours at a time"
        String text = "rooms.refused".equals(key) && room != null && room.rules() != null
                && room.rules().maxDaysAhead() > 0 && room.rules().maxMinutes() > 0
                ? i18n.get("rooms.refusedRules", room.rules().maxDaysAhead(),
                        new java.text.DecimalFormat("0.#").format(room.rules().maxMinutes() / 60.0))
                : i18n.get(key);
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(text, "lead"),
                Ui.actions(form, Ui.primary(i18n.get("common.back"), "back", vm::back),
                        Ui.button(i18n.get("nav.home"), "problem-home", home)));
        box.setId("problem");
        box.setMaxWidth(1100);
        return box;
    }
}
