package org.linli.kiosk.activities;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.Signup;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Pictogram;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Today's or this week's activities, each with places left; sign up, or join the waitlist when full. */
public final class ActivitiesView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ActivitiesViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final Runnable start;
    private final ZoneId zone;
    private final Form form;
    private final StackPane pane = new StackPane();
    // kept between renders: a new ScrollPane per render re-creates its skin, the costliest part of this screen
    private final VBox rows = new VBox(16);
    private final ScrollPane scroll = new ScrollPane(rows);
    // under the list while more of it lies below what is in view: a thin scroll bar alone said so, and at 800×480 a
    // resident saw an activity and a half and no sign of the others
    private final Label moreBelow = Ui.text("", "more-below");

    private final ReadOnlyBooleanProperty online;
    private final java.time.InstantSource clock;
    private final org.linli.kiosk.central.Catalogue catalogue;

    /**
     * @param start "back" from the list: the start, keeping who the resident is, as the other screens'
     * @param online whether the central service answers: sign-ups need it, and offline the list says so
     * @param clock which day is today, for the days' headings
     * @param catalogue names the room each activity is in
     */
    public ActivitiesView(ActivitiesViewModel vm, I18n i18n, Runnable home, Runnable start, ZoneId zone, Form form,
            ReadOnlyBooleanProperty online, java.time.InstantSource clock,
            org.linli.kiosk.central.Catalogue catalogue) {
        this.online = online;
        this.start = start;
        this.clock = clock;
        this.catalogue = catalogue;
        this.vm = vm;
        this.form = form;
        this.i18n = i18n;
        this.home = home;
        this.zone = zone;
        pane.setId("screen-activities");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        moreBelow.setId("more-below");
        moreBelow.setMaxWidth(Double.MAX_VALUE);
        javafx.beans.InvalidationListener below = o -> showMoreBelow();
        scroll.vvalueProperty().addListener(below);
        scroll.viewportBoundsProperty().addListener(below);
        rows.heightProperty().addListener(below);
        showMoreBelow();
        // a list shown anew begins at its top: the view is kept between visits, and the next resident met the list
        // where the last one had left it, at its end
        pane.parentProperty().addListener((o, was, now) -> {
            if (now != null) {
                scroll.setVvalue(scroll.getVmin());
            }
        });
        vm.stepProperty().addListener((o, a, b) -> render());
        // a reloaded list redraws the list only, never the keypad of a sign-up in progress
        vm.activities().addListener((ListChangeListener<Activity>) c -> {
            if (vm.stepProperty().get() == ActivitiesViewModel.Step.LIST) {
                render();
            }
        });
        vm.weekProperty().addListener((o, a, b) -> render());
        javafx.collections.SetChangeListener<String> marked = c -> {
            if (vm.stepProperty().get() == ActivitiesViewModel.Step.LIST) {
                render();
            }
        };
        vm.calledOff().addListener(marked);
        vm.ended().addListener(marked);
        vm.messageProperty().addListener((o, a, b) -> render());
        vm.resident().knownProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        online.addListener((o, a, b) -> {
            if (vm.stepProperty().get() == ActivitiesViewModel.Step.LIST) {
                render();
            }
        });
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** The dialog over the sign-up's keypad only; the list, the sign-up made and a refusal stay in view. */
    @Override
    public Keep keep() {
        return switch (vm.stepProperty().get()) {
            case LIST, DONE, PROBLEM -> Keep.IN_VIEW;
            case PHONE, WORKING -> Keep.NOTHING;
        };
    }

    /**
     * "11月28日 周六 09:30–11:00 · 活动室 A": when and where, the two things residents decide by; a line breaks
     * between the day, the time and the room, never inside one ("多功能活动|室").
     */
    private Node whenAndWhere(Activity a, String style) {
        return whenAndWhere(a, style, true);
    }

    /** @param withDay false under a heading of the day, which says it once for its activities */
    private Node whenAndWhere(Activity a, String style, boolean withDay) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern(i18n.get("format.day"), i18n.locale());
        var room = a.room() == null ? null : catalogue.roomName(a.room());
        return Ui.phrases(style, java.util.Arrays.asList(withDay ? day.format(a.start().atZoneSameInstant(zone))
                : null,
                TIME.format(a.start().atZoneSameInstant(zone)) + "–" + TIME.format(a.end().atZoneSameInstant(zone)),
                room == null ? null : "· " + room.in(i18n.locale())));
    }

    /** "12月7日 星期一（明天）": the heading over a day's activities, today and tomorrow named as such. */
    private Label dayHeading(java.time.LocalDate date) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), zone);
        String text = DateTimeFormatter.ofPattern(i18n.get("format.date"), i18n.locale()).format(date)
                + (date.equals(today) ? i18n.get("rooms.today") : date.equals(today.plusDays(1))
                        ? i18n.get("rooms.tomorrow") : "");
        Label heading = Ui.text(text, "section-title");
        heading.setId("day-" + date);
        heading.getStyleClass().add("day-heading");
        return heading;
    }

    /**
     * The hint takes its line while the list is longer than its view, and says so until the end of the list is in
     * view. Its line stays at the end, empty: the list then keeps its height instead of jumping as the hint goes.
     */
    private void showMoreBelow() {
        double hidden = rows.getHeight() - scroll.getViewportBounds().getHeight();
        double below = hidden * (scroll.getVmax() - scroll.getVvalue()) / (scroll.getVmax() - scroll.getVmin());
        moreBelow.setManaged(hidden > 1);
        moreBelow.setVisible(below > 1);
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
        boolean offline = !online.get();
        // offline an empty list may only be one never fetched: the notice says why, not "no activities"
        if (vm.activities().isEmpty() && !offline) {
            rows.getChildren().add(Ui.text(i18n.get("activities.none"), "lead"));
        }
        java.time.LocalDate shownDay = null;
        for (Activity a : vm.activities()) {
            // the list is in time order: a heading where a new day begins, instead of the date on every row
            java.time.LocalDate day = a.start().atZoneSameInstant(zone).toLocalDate();
            if (!day.equals(shownDay)) {
                rows.getChildren().add(dayHeading(day));
                shownDay = day;
            }
            int left = Math.max(0, a.capacity() - a.signedUp());
            boolean ended = vm.ended().contains(a.id());
            boolean calledOff = vm.calledOff().contains(a.id());
            VBox text = new VBox(6, Ui.text(a.title().in(i18n.locale()), "tile-title"),
                    whenAndWhere(a, "tile-hint", false));
            // an activity that is over or called off is not offered; offline nobody can sign up here
            Button action = a.full()
                    ? Ui.button(i18n.get("activities.waitlist"), "join-" + a.id(), () -> vm.choose(a))
                    : Ui.primary(i18n.get("activities.signUp"), "join-" + a.id(), () -> vm.choose(a));
            action.setDisable(ended || calledOff || offline);
            Label places = Ui.text(calledOff ? i18n.get("activities.calledOff") : ended ? i18n.get("activities.ended")
                    : a.full() ? i18n.get("activities.full") : i18n.get("activities.placesLeft", left),
                    calledOff || ended ? "pill-past" : a.full() ? "pill-busy" : "pill-free");
            places.setId("places-" + a.id());
            places.setMinWidth(Region.USE_PREF_SIZE);
            action.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(text, Priority.ALWAYS);
            Pane row;
            if (form.compact()) {
                // the small panel: the title across the row, the places and the button under it
                HBox under = new HBox(12, places, Ui.grow(), action);
                under.setAlignment(Pos.CENTER_LEFT);
                row = new VBox(8, text, under);
            } else {
                HBox line = new HBox(24, text, places, action);
                line.setAlignment(Pos.CENTER_LEFT);
                row = line;
            }
            row.getStyleClass().add("list-row");
            rows.getChildren().add(row);
        }
        rows.setSpacing(form.gap(16));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        moreBelow.setText(i18n.get("activities.moreBelow"));
        Button back = Ui.button(i18n.get("common.back"), "back", start);
        if (form.compact()) {
            back.setMinWidth(Region.USE_PREF_SIZE);
            HBox top = new HBox(12, Ui.text(i18n.get("activities.title"), "title"), Ui.grow(), today, week, back);
            top.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(8, top, scroll, moreBelow);
            if (offline) {
                Label notice = Ui.text(i18n.get("offline.activities"), "notice");
                notice.setId("offline-notice");
                box.getChildren().add(1, notice);
            }
            return box;
        }
        VBox box = new VBox(24, Ui.text(i18n.get("activities.title"), "title"), new HBox(16, today, week), scroll,
                moreBelow, Ui.actions(form, back));
        if (offline) {
            Label notice = Ui.text(i18n.get("offline.activities"), "notice");
            notice.setId("offline-notice");
            box.getChildren().add(1, notice);
        }
        return box;
    }

    private Node phone() {
        Activity a = vm.chosenProperty().get();
        if (form.compact()) {
            return compactPhone(a);
        }
        Node when = whenAndWhere(a, "section-title");
        when.setId("signup-when");
        VBox info = new VBox(24, Ui.text(a.title().in(i18n.locale()), "title"), when,
                Ui.text(i18n.get((a.full() ? "activities.waitlistHint" : "activities.phoneHint")
                        + (vm.resident().known() ? "Known" : "")), "lead"),
                Ui.text(i18n.get("privacy.signup"), "privacy"));
        if (!vm.messageProperty().get().isEmpty()) {
            info.getChildren().add(1, Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        VBox left = Ui.column(form, 700, info, Ui.actions(form, Ui.button(i18n.get("common.back"), "back", vm::back),
                Ui.primary(i18n.get(a.full() ? "activities.waitlist" : "activities.signUp"), "confirm-signup",
                        vm::signUp)));
        return Ui.pair(form, left, vm.resident().known() ? Ui.knownResident(vm.resident(), i18n, form)
                : KeypadView.of(vm.phone(), i18n, form));
    }

    /**
     * The small panel (the 7-inch 800×480 one): everything on one screen without scrolling, at 79 px targets. Beside
     * the keypad the column is narrow, so it keeps what the resident decides by (what, when, where), a one-line
     * privacy notice, and the waitlist's meaning in a few words when the activity is full; the keypad itself asks
     * for the number. A resident already known needs no keypad: who they are is one line, and "not me" goes with the
     * buttons, across the whole width.
     */
    private Node compactPhone(Activity a) {
        Node when = whenAndWhere(a, "lead");
        when.setId("signup-when");
        VBox info = new VBox(form.gap(16), Ui.text(a.title().in(i18n.locale()), "title"), when);
        if (!vm.messageProperty().get().isEmpty()) {
            info.getChildren().add(Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        }
        if (a.full() && vm.messageProperty().get().isEmpty()) {
            // a notice takes the waitlist's words' place: both did not fit beside the keypad
            info.getChildren().add(Ui.text(i18n.get("activities.waitlistHintShort"), "lead"));
        }
        Button back = Ui.button(i18n.get("common.back"), "back", vm::back);
        Button signUp = Ui.primary(i18n.get(a.full() ? "activities.waitlist" : "activities.signUp"), "confirm-signup",
                vm::signUp);
        Label privacy = Ui.text(i18n.get("privacy.signupShort"), "privacy");
        if (vm.resident().known()) {
            Label who = Ui.text(vm.resident().byCard() ? i18n.get("resident.knownCard")
                    : i18n.get("resident.knownPhone", vm.resident().phoneLast4()), "lead");
            who.setId("known-resident");
            info.getChildren().addAll(who, privacy);
            VBox box = new VBox(form.gap(24), info, Ui.actions(form, back, signUp,
                    Ui.button(i18n.get("resident.notYou"), "not-me", vm.resident()::reset)));
            box.setMaxSize(760, Region.USE_PREF_SIZE);
            box.setId("signup-details");
            return box;
        }
        info.getChildren().add(privacy);
        VBox left = new VBox(form.gap(24), info, Ui.actions(form, back, signUp));
        left.setPrefWidth(400);
        left.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        left.setId("signup-details");
        return Ui.pair(form, left, KeypadView.of(vm.phone(), i18n, form));
    }

    private Node done(Signup signup) {
        String text = signup.waitlisted() ? i18n.get("activities.waitlisted", signup.position() == null ? "?"
                : signup.position()) : i18n.get("activities.confirmed");
        // a place on the waitlist is not a place: a clock, not the tick of success
        VBox box = Ui.card(signup.waitlisted() ? Pictogram.CLOCK.badge(form.compact() ? 36 : 56,
                "badge-wait") : Ui.badge("✓", "badge-ok"),
                Ui.text(text, "title"), Ui.text(vm.chosenProperty().get().title().in(i18n.locale()), "lead"),
                whenAndWhere(vm.chosenProperty().get(), "lead"),
                Ui.actions(form, Ui.primary(i18n.get("common.done"), "done", home),
                        Ui.button(i18n.get("activities.more"), "more-activities", vm::back)));
        if (signup.waitlisted()) {
            // the title is short; what a place on the waitlist means goes under the activity, and how the resident
            // finds out they got a place: nobody calls or texts them (the privacy notice promises so), and signing up
            // again here answers with their sign-up as it stands, never a second one
            Label how = Ui.text(i18n.get("activities.waitlistedHow"), "lead");
            Label find = Ui.text(i18n.get(form.compact() ? "activities.waitlistedFindShort"
                    : "activities.waitlistedFind"), "body");
            find.setId("waitlist-find");
            box.getChildren().addAll(box.getChildren().size() - 1, form.compact() ? java.util.List.of(find)
                    : java.util.List.of(how, find)); // the small panel said what a waitlist is before the sign-up
        }
        box.setSpacing(form.gap(24));
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
