package org.linli.kiosk.ui;

import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.scan.HidScanDetector;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.session.ShellViewModel;
import org.linli.kiosk.session.StaffExit;

/**
 * The frame around every screen: header (hub, clock, language, home), offline banner, the screen itself, and the
 * overlays (idle warning, staff PIN). It also watches every touch and key for the idle timer and the HID scanner.
 */
public final class Shell {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ShellViewModel vm;
    private final I18n i18n;
    private final Connectivity connectivity;
    private final Function<Screen, View> views;
    private final InstantSource clock;
    private final ZoneId zone;
    private final StaffExit staffExit;
    private final javafx.beans.property.ObjectProperty<Names> hubName;
    private final Form form;
    private final ConsentPrompt consent;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StackPane content = new StackPane();
    private final VBox top = new VBox();
    private final Label time = Ui.text("", "clock");
    private final Label date = Ui.text("", "date");
    private final HidScanDetector hid = new HidScanDetector();
    private Timeline ticker;
    private Button homeButton;
    /** Whether the idle warning of a result screen stands in the header's place. */
    private boolean barShown;
    /** The screen shown says the network is down itself ({@link View#saysOffline}): no red banner over it. */
    private final javafx.beans.property.BooleanProperty saysOffline = new javafx.beans.property.SimpleBooleanProperty();

    public Shell(ShellViewModel vm, I18n i18n, Connectivity connectivity, Function<Screen, View> views,
            InstantSource clock, ZoneId zone, StaffExit staffExit,
            javafx.beans.property.ObjectProperty<Names> hubName, Form form, ConsentPrompt consent) {
        this.consent = consent;
        this.vm = vm;
        this.i18n = i18n;
        this.connectivity = connectivity;
        this.views = views;
        this.clock = clock;
        this.zone = zone;
        this.staffExit = staffExit;
        this.hubName = hubName;
        this.form = form;
        root.getStyleClass().addAll("kiosk", form.styleClass());
        content.getStyleClass().add("content");
        frame.setTop(top);
        frame.setCenter(content);
        root.getChildren().add(frame);
        // a screen taller than the panel (words wider in one rendering than another) runs off at the bottom, never
        // at the top: centred, it pushed the header, with "home" and the language, half off the small panel
        StackPane.setAlignment(frame, Pos.TOP_CENTER);
        // changing screens swaps the content and shows or hides "home"; the header is rebuilt only when its words
        // change (language, hub name, online state)
        vm.screenProperty().addListener((o, was, now) -> {
            consent.close(); // the notice belongs to the request of the screen it was asked on
            showScreen();
        });
        consent.askingProperty().addListener((o, was, now) -> renderOverlays());
        i18n.localeProperty().addListener((o, was, now) -> render());
        connectivity.onlineProperty().addListener((o, was, now) -> renderTop());
        hubName.addListener((o, was, now) -> renderTop());
        vm.idle().warningProperty().addListener((o, was, now) -> renderOverlays());
        staffExit.askingProperty().addListener((o, was, now) -> renderOverlays());
        staffExit.wrongProperty().addListener((o, was, now) -> renderOverlays());
        render();
    }

    public Parent root() {
        return root;
    }

    /**
     * Watches the scene's input: any touch or key keeps the idle timer quiet, and a burst of keys ending in Enter
     * from a USB HID scanner becomes a scan, wherever the resident is.
     */
    public void attach(javafx.scene.Scene scene, LongSupplier nanos, Consumer<String> onScan) {
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.idle().touch());
        scene.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> vm.idle().touch());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> vm.idle().touch());
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            if (typed.isEmpty()) {
                return;
            }
            hid.accept(typed.charAt(0), nanos.getAsLong()).ifPresent(code -> {
                stripFromFocusedField(scene, code);
                onScan.accept(code);
            });
        });
        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    /** A scan that landed in a text field is not what the resident typed: take it out again. */
    private static void stripFromFocusedField(javafx.scene.Scene scene, String code) {
        if (scene.getFocusOwner() instanceof TextInputControl field && field.getText().endsWith(code)) {
            field.setText(field.getText().substring(0, field.getText().length() - code.length()));
        }
    }

    public void stop() {
        if (ticker != null) {
            ticker.stop();
        }
    }

    private void tick() {
        vm.idle().tick();
        updateClock();
    }

    private void updateClock() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        time.setText(TIME.format(now));
        date.setText(DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale()).format(now));
    }

    private void render() {
        renderTop();
        showScreen();
    }

    private void showScreen() {
        homeButton.setVisible(vm.screen() != Screen.HOME);
        homeButton.setManaged(vm.screen() != Screen.HOME);
        View view = views.apply(vm.screen());
        saysOffline.bind(view.saysOffline());
        content.getChildren().setAll(view.node());
        renderOverlays();
    }

    private void renderTop() {
        Label logo = Ui.text("邻", "logo");
        logo.setId("logo");
        logo.setOnMouseClicked(e -> staffExit.logoTapped());
        Label name = Ui.text(hubName.get().in(i18n.locale()), "hub-name");
        name.setId("hub-name");
        Label tagline = Ui.text(i18n.get("app.tagline"), "tagline");
        VBox names = new VBox(2, name);
        if (form.portrait()) {
            // the portrait panel has no width beside the clock for the date: it takes the tagline's place, under the
            // hub's name ("12月6日 星期日"), so that nobody booking "tomorrow" there is left to guess today's date
            names.getChildren().add(date);
        } else if (!form.compact()) {
            names.getChildren().add(tagline);
        }
        names.setAlignment(Pos.CENTER_LEFT);
        updateClock();
        VBox clockBox = new VBox(0, time);
        if (form == Form.LANDSCAPE) {
            // narrower panels keep the width for the hub's name; the time is what people look for
            clockBox.getChildren().add(date);
        }
        clockBox.setAlignment(Pos.CENTER_RIGHT);
        Button language = Ui.button(i18n.get("language.other"), "language", i18n::toggle, "language");
        // the narrower panels keep the header on one line: the word without the house
        homeButton = Ui.button((form == Form.LANDSCAPE ? "⌂  " : "") + i18n.get("nav.home"), "home", vm::home,
                "home-button");
        homeButton.setVisible(vm.screen() != Screen.HOME);
        homeButton.setManaged(vm.screen() != Screen.HOME);
        // the buttons keep their words on one line; a long hub name wraps instead
        language.setMinWidth(Region.USE_PREF_SIZE);
        homeButton.setMinWidth(Region.USE_PREF_SIZE);
        name.setMinWidth(0);
        HBox.setHgrow(names, Priority.ALWAYS);
        clockBox.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(form.gap(24), logo, names, clockBox, language, homeButton);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        top.getChildren().setAll(header);
        if (!connectivity.onlineProperty().get()) {
            Label banner = Ui.text("⚠  " + i18n.get(form.compact() ? "offline.bannerShort" : "offline.banner"),
                    "offline-banner");
            banner.setId("offline-banner");
            banner.setMaxWidth(Double.MAX_VALUE);
            banner.visibleProperty().bind(saysOffline.not());
            banner.managedProperty().bind(banner.visibleProperty());
            top.getChildren().add(banner);
        }
    }

    private void renderOverlays() {
        root.getChildren().retainAll(frame);
        if (barShown) {
            barShown = false;
            renderTop();
        }
        if (vm.idle().warningProperty().get()) {
            View.Keep keep = views.apply(vm.screen()).keep();
            if (keep.result()) {
                // a result on screen (a ticket, a door code) stays whole and uncovered: the warning takes the
                // header's place for its few seconds, so the screen below neither moves nor shrinks
                top.getChildren().set(0, idleBar(keep));
                barShown = true;
            } else {
                Button more = Ui.primary(i18n.get("idle.more"), "idle-more", vm.idle()::touch);
                Button done = Ui.button(i18n.get("idle.done"), "idle-done", vm::finish);
                VBox box = Ui.card(Ui.text(i18n.get("idle.title"), "title"), countdown("idle.body", "lead"),
                        new HBox(24, more, done));
                root.getChildren().add(overlay(box, "idle-warning"));
            }
        }
        if (consent.asking()) {
            root.getChildren().add(overlay(ConsentView.of(consent, i18n, form), "consent"));
        }
        if (staffExit.askingProperty().get()) {
            root.getChildren().add(overlay(staffPin(), "staff-pin"));
        }
    }

    /**
     * The staff PIN: the words and buttons beside the pad (above it on a portrait panel), as on the residents'
     * keypads, so that the 7-inch panel holds it at 15 mm keys; a wrong PIN is said, not only cleared.
     */
    private VBox staffPin() {
        Button ok = Ui.primary(i18n.get("staff.exit"), "staff-ok", () -> staffExit.submit());
        Button cancel = Ui.button(i18n.get("common.cancel"), "staff-cancel", staffExit::cancel);
        VBox words = new VBox(form.gap(24), Ui.text(i18n.get("staff.title"), "title"));
        if (staffExit.wrongProperty().get()) {
            Label wrong = Ui.text(i18n.get("staff.wrong"), "notice");
            wrong.setId("staff-wrong");
            words.getChildren().add(wrong);
        }
        words.getChildren().add(Ui.actions(form, cancel, ok));
        words.setMaxWidth(form.compact() ? 330 : 560);
        words.setAlignment(Pos.CENTER_LEFT);
        return Ui.card(Ui.pair(form, words, KeypadView.pin(staffExit.entry(), i18n, form)));
    }

    /**
     * The seconds left and what to remember, with the two buttons, in one band where the header was. On the attract
     * screen (a visit, or a language chosen, times out there too) it says the visit ends, not "back to the start".
     */
    private Node idleBar(View.Keep keep) {
        boolean home = vm.screen() == Screen.HOME;
        Label seconds = Ui.text("", "idle-seconds");
        seconds.textProperty().bind(vm.idle().secondsLeftProperty().asString());
        seconds.setMinWidth(Region.USE_PREF_SIZE);
        // one line: "8 秒后自动回到首页。请记好您的号码 A027。"
        Label words = Ui.text("", "idle-text");
        words.setId("idle-reminder");
        words.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String reminder = keep.reminderKey().isEmpty() ? "" : i18n.get(keep.reminderKey(), keep.argument());
            // the small panel has one short line: the reminder alone, the big number beside it counts down
            return form.compact() && !reminder.isEmpty() ? reminder
                    : i18n.get(home ? "idle.bodyHome" : "idle.bodyResult", vm.idle().secondsLeftProperty().get(),
                            reminder).strip();
        }, vm.idle().secondsLeftProperty(), i18n.localeProperty()));
        words.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(words, Priority.ALWAYS);
        Button more = Ui.primary(i18n.get("idle.more"), "idle-more", vm.idle()::touch);
        Button done = Ui.button(i18n.get("idle.done"), "idle-done", vm::finish);
        more.setMinWidth(Region.USE_PREF_SIZE);
        done.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(form.gap(24), seconds, words, more, done);
        if (form.compact() || home) {
            // the small panel: going home is what happens anyway in a moment; the attract screen is home already
            bar.getChildren().remove(done);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().addAll("header", "idle-bar");
        bar.setId("idle-warning");
        return bar;
    }

    /** A text that follows the countdown: rebuilding the buttons every second would move them under a finger. */
    private Label countdown(String key, String style) {
        Label countdown = Ui.text("", style);
        countdown.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> i18n.get(key, vm.idle().secondsLeftProperty().get()),
                vm.idle().secondsLeftProperty(), i18n.localeProperty()));
        return countdown;
    }

    private Node overlay(VBox box, String id) {
        box.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setAlignment(Pos.CENTER);
        StackPane dim = new StackPane(box);
        dim.getStyleClass().add("dim");
        dim.setId(id);
        return dim;
    }
}
