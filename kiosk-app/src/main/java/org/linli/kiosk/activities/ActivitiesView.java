package org.linli.kiosk.activities;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.Signup;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Today's or this week's activities, each with places left; sign up, or join the waitlist when full. */
public final class ActivitiesView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ActivitiesViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final ZoneId zone;
    private final StackPane pane = new StackPane();
    // kept between renders: a new ScrollPane per render re-creates its skin, the costliest part of this screen
    private final VBox rows = new VBox(16);
    private final ScrollPane scroll = new ScrollPane(rows);

    public ActivitiesView(ActivitiesViewModel vm, I18n i18n, Runnable home, ZoneId zone) {
        this.vm = vm;
        this.i18n = i18n;
        this.home = home;
        this.zone = zone;
        pane.setId("screen-activities");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        vm.stepProperty().addListener((o, a, b) -> render());
        vm.activities().addListener((ListChangeListener<Activity>) c -> render());
        vm.weekProperty().addListener((o, a, b) -> render());
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
            case LIST -> list();
            case PHONE -> phone();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case DONE -> done(vm.signupProperty().get());
            case PROBLEM -> problem();
        });
    }

    private Node list() {
        Button today = Ui.button(i18n.get("activities.today"), "show-today", () -> vm.showWeek(false), "chip");
        Button week = Ui.button(i18n.get("activities.week"), "show-week", () -> vm.showWeek(true), "chip");
        (vm.weekProperty().get() ? week : today).getStyleClass().add("chip-chosen");
        rows.getChildren().clear();
        if (vm.activities().isEmpty()) {
            rows.getChildren().add(Ui.text(i18n.get("activities.none"), "lead"));
        }
        DateTimeFormatter day = DateTimeFormatter.ofPattern(i18n.get("format.day"), i18n.locale());
        for (Activity a : vm.activities()) {
            int left = Math.max(0, a.capacity() - a.signedUp());
            String when = day.format(a.start().atZoneSameInstant(zone)) + "  "
                    + TIME.format(a.start().atZoneSameInstant(zone)) + "–" + TIME.format(a.end().atZoneSameInstant(zone));
            VBox text = new VBox(6, Ui.text(a.title().in(i18n.locale()), "tile-title"), Ui.text(when, "tile-hint"));
            Button action = a.full()
                    ? Ui.button(i18n.get("activities.waitlist"), "join-" + a.id(), () -> vm.choose(a))
                    : Ui.primary(i18n.get("activities.signUp"), "join-" + a.id(), () -> vm.choose(a));
            HBox row = new HBox(24, text, Ui.grow(), Ui.text(a.full() ? i18n.get("activities.full")
                    : i18n.get("activities.placesLeft", left), a.full() ? "pill-busy" : "pill-free"), action);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("list-row");
            rows.getChildren().add(row);
        }
        return new VBox(24, Ui.text(i18n.get("activities.title"), "title"), new HBox(16, today, week), scroll);
    }

    private Node phone() {
        Activity a = vm.chosenProperty().get();
        VBox left = new VBox(24, Ui.text(a.title().in(i18n.locale()), "title"),
                Ui.text(i18n.get(a.full() ? "activities.waitlistHint" : "activities.phoneHint"), "lead"),
                Ui.text(i18n.get("privacy.signup"), "privacy"));
        if (!vm.messageProperty().get().isEmpty()) {
            left.getChildren().add(Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        left.getChildren().add(new HBox(24, Ui.button(i18n.get("common.back"), "back", vm::back),
                Ui.primary(i18n.get(a.full() ? "activities.waitlist" : "activities.signUp"), "confirm-signup",
                        vm::signUp)));
        left.setPrefWidth(700);
        HBox row = Ui.pair(left, KeypadView.of(vm.phone(), i18n));
        return row;
    }

    private Node done(Signup signup) {
        String text = signup.waitlisted() ? i18n.get("activities.waitlisted", signup.position() == null ? "?"
                : signup.position()) : i18n.get("activities.confirmed");
        VBox box = Ui.card(Ui.badge("✓", "badge-ok"), Ui.text(text, "title"),
                Ui.text(vm.chosenProperty().get().title().in(i18n.locale()), "lead"),
                new HBox(24, Ui.primary(i18n.get("common.done"), "done", home),
                        Ui.button(i18n.get("activities.more"), "more-activities", vm::back)));
        box.setId("signup-done");
        box.setMaxWidth(1100);
        return box;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                Ui.primary(i18n.get("common.back"), "back", vm::back));
        box.setId("problem");
        box.setMaxWidth(1000);
        return box;
    }
}
