package org.linli.kiosk.checkin;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.Pictogram;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Check-in: hold a code to the camera (or a scanner), or type a phone number; then a welcome. */
public final class CheckinView implements View {
    private final CheckinViewModel vm;
    private final I18n i18n;
    private final CameraPreview camera;
    private final Runnable home;
    private final Runnable back;
    private final Runnable queue;
    private final Form form;
    private final ReadOnlyBooleanProperty online;
    private final java.time.ZoneId zone;
    private final java.time.InstantSource clock;
    private final StackPane pane = new StackPane();
    // one binding, made once: the shell's banner follows it whenever the check-in is shown
    private final javafx.beans.binding.BooleanBinding keptShown;

    /**
     * @param camera the camera's picture, or null when the kiosk has no camera (a HID scanner reads the codes)
     * @param home the visit is over ("done" on the welcome)
     * @param back to the start, still knowing the resident: "back" on the scan screen, for one who came by mistake
     * @param online whether the central service answers: offline the welcome offers no ticket
     * @param zone the hub's, and clock: a booking's time in the welcome, its day when it is not today
     */
    public CheckinView(CheckinViewModel vm, I18n i18n, CameraPreview camera, Runnable home, Runnable back,
            Runnable queue, Form form, ReadOnlyBooleanProperty online, java.time.ZoneId zone,
            java.time.InstantSource clock) {
        this.back = back;
        this.zone = zone;
        this.clock = clock;
        this.online = online;
        this.queue = queue;
        this.vm = vm;
        this.form = form;
        this.i18n = i18n;
        this.camera = camera;
        this.home = home;
        pane.setId("screen-checkin");
        keptShown = javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.stateProperty().get()
                == CheckinViewModel.State.WELCOME && vm.keptProperty().get(), vm.stateProperty(), vm.keptProperty());
        vm.stateProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** A check-in kept on the kiosk: its welcome says, calmly, that it is recorded while the network is down. */
    @Override
    public javafx.beans.value.ObservableBooleanValue saysOffline() {
        return keptShown;
    }

    /** The dialog over the phone keypad only: nothing else here was typed, and the welcome or a refusal stays. */
    @Override
    public Keep keep() {
        return switch (vm.stateProperty().get()) {
            case PHONE, WORKING -> Keep.NOTHING;
            case READY, WELCOME, PROBLEM -> Keep.IN_VIEW;
        };
    }

    private void render() {
        pane.getChildren().setAll(switch (vm.stateProperty().get()) {
            case READY -> ready();
            case PHONE -> phone();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case WELCOME -> welcome();
            case PROBLEM -> problem();
        });
    }

    private Node ready() {
        VBox noCard = Ui.card(Ui.text(i18n.get("checkin.noCard"), "section-title"),
                Ui.text(i18n.get("checkin.noCardHint"), "body"),
                Ui.primary(i18n.get("checkin.usePhone"), "use-phone", vm::usePhone));
        noCard.setSpacing(form.gap(24));
        // a way back as on the other screens: a resident who came here by mistake need not wait for the idle reset
        var backButton = Ui.button(i18n.get("common.back"), "back", back);
        if (form.compact()) {
            // the small panel: the hint across the top, the camera and the phone choice side by side below it
            noCard.setMaxWidth(380);
            // "back" under the picture: a row of its own below both did not leave the header room in English
            VBox picture = new VBox(8, scanPicture(), backButton);
            HBox row = new HBox(20, picture, noCard);
            row.setAlignment(Pos.CENTER);
            VBox box = new VBox(12, Ui.text(i18n.get(camera != null ? "checkin.scanHintShort"
                    : "checkin.scannerHintShort"), "lead"), row);
            box.setAlignment(Pos.CENTER);
            box.setMaxWidth(760);
            return box;
        }
        noCard.getChildren().add(0, Pictogram.PHONE.badge(56, "badge-tile"));
        VBox left = new VBox(24, Ui.text(i18n.get("checkin.title"), "title"),
                Ui.text(i18n.get(camera != null ? "checkin.scanHint" : "checkin.scannerHint"), "lead"), scanPicture(),
                Ui.actions(form, backButton));
        left.setAlignment(Pos.TOP_LEFT);
        left.setMaxWidth(form.portrait() ? 760 : 640);
        noCard.setPrefWidth(form.portrait() ? 760 : 520);
        noCard.setMaxWidth(Region.USE_PREF_SIZE);
        return Ui.pair(form, left, noCard);
    }

    /**
     * With a camera, its live picture, so the resident sees where to hold the code and that it is seen; with only a
     * scanner, no empty picture to press the phone against: a phone showing its code, as the hint says.
     */
    private Node scanPicture() {
        if (camera != null) {
            return camera.node();
        }
        StackPane picture = new StackPane(Pictogram.CHECKIN.node(form.compact() ? 130 : 220));
        picture.getStyleClass().add("scan-picture");
        picture.setId("scan-picture");
        picture.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return picture;
    }

    private Node phone() {
        VBox info = new VBox(24, Ui.text(i18n.get("checkin.phoneTitle"), "title"),
                Ui.text(i18n.get("privacy.checkin"), "privacy"));
        var submit = KeypadView.confirm(Ui.primary(i18n.get("checkin.submit"), "submit-phone", vm::submitPhone),
                vm.phone());
        var back = Ui.button(i18n.get("common.back"), "back", vm::again);
        if (form.compact()) {
            // the small panel's height holds the keypad alone: the two buttons stay beside it
            return Ui.pair(form, Ui.column(form, 640, info, Ui.actions(form, back, submit)),
                    KeypadView.of(vm.phone(), i18n, form));
        }
        // "签到" right under the keys the number was typed on, as on a bank's or a queue kiosk's keypad, as wide as
        // the keypad; "返回" stays with the words
        submit.setMaxWidth(Double.MAX_VALUE);
        VBox pad = new VBox(form.gap(20), KeypadView.of(vm.phone(), i18n, form), submit);
        pad.setAlignment(Pos.CENTER);
        pad.setMaxWidth(Region.USE_PREF_SIZE);
        pad.setFillWidth(true);
        return Ui.pair(form, Ui.column(form, 640, info, Ui.actions(form, back)), pad);
    }

    private Node welcome() {
        String headline = switch (vm.kindProperty().get()) {
            case BOOKING -> vm.roomNameProperty().get() == null ? i18n.get("checkin.welcomeBookingRoom", bookedTime())
                    : i18n.get("checkin.welcomeBooking", Ui.unbroken(vm.roomNameProperty().get().in(i18n.locale())),
                            bookedTime());
            // it names what its buttons offer: offline there is no "take a number" to point to
            case RESIDENT -> i18n.get(!vm.keptProperty().get() && online.get() ? "checkin.welcomeResident"
                    : "checkin.welcomeResidentOffline");
            case PHONE -> i18n.get("checkin.welcomePhone");
        };
        // the result first ("签到成功"), the pleasantry and what next under it
        VBox box = Ui.card(Ui.badge("✓", "badge-ok"), Ui.text(i18n.get("checkin.welcome"), "display"),
                Ui.text(headline, "lead"));
        boolean kept = vm.keptProperty().get();
        if (kept) {
            // the one line about the network on this screen: the header's red banner is hidden over it
            Label note = Ui.text(i18n.get("checkin.kept"), "notice");
            note.setId("checkin-kept");
            box.getChildren().add(note);
        }
        var actions = Ui.actions(form, Ui.primary(i18n.get("common.done"), "done", home));
        if (!kept && online.get()) {
            // tickets need the central service: offline the button would lead to a refusal
            actions.getChildren().add(Ui.button(i18n.get("home.queue"), "go-queue", queue));
        }
        // under the centred words, centred too, and of one width: the primary "done" no longer the smallest
        if (actions instanceof HBox row) {
            row.setAlignment(Pos.CENTER);
        } else if (actions instanceof javafx.scene.layout.FlowPane flow) {
            flow.setAlignment(Pos.CENTER);
        }
        actions.getChildren().forEach(b -> b.getStyleClass().add("welcome-action"));
        box.getChildren().add(actions);
        box.setSpacing(form.gap(24));
        if (form.compact()) {
            box.getChildren().remove(0); // the tick: the small panel needs its height for the words
        }
        box.setId("welcome");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(1100);
        return box;
    }

    /**
     * "10:30 – 11:00", the booking's time as its code carries it, in the hub's time; its day in front when it is not
     * today. Kept whole on a line (no-break spaces around the dash): the welcome is one sentence that wraps.
     */
    private String bookedTime() {
        CheckinViewModel.Window window = vm.bookedProperty().get();
        if (window == null) {
            return "";
        }
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        var start = window.start().atZone(zone);
        String time = hhmm.format(start) + "\u00A0–\u00A0" + hhmm.format(window.end().atZone(zone));
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), zone);
        if (start.toLocalDate().equals(today.plusDays(1))) {
            return i18n.get("checkin.tomorrow") + " " + time;
        }
        return start.toLocalDate().equals(today) ? time
                : Ui.unbroken(java.time.format.DateTimeFormatter.ofPattern(i18n.get("format.day"), i18n.locale())
                        .format(start)) + " " + time;
    }

    private Node problem() {
        String key = vm.messageProperty().get();
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text("checkin.bookingEarly".equals(key)
                ? i18n.get(key, bookedTime(), CheckinViewModel.EARLY.toMinutes()) : i18n.get(key), "lead"),
                Ui.primary(i18n.get("common.tryAgain"), "again", vm::again));
        box.setId("problem");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(1000);
        return box;
    }
}
