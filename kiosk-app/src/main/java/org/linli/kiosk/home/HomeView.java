package org.linli.kiosk.home;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.home.HomeViewModel.Closed;
import org.linli.kiosk.home.HomeViewModel.Serving;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.Pictogram;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/**
 * The attract screen: seven large doors into the kiosk, what's on next, and the now-serving strip. Outside the hub's
 * opening hours a notice says when it opens and what works now; check-in and tickets are shown switched off.
 */
public final class HomeView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final HomeViewModel vm;
    private final I18n i18n;
    private final Consumer<Screen> go;
    private final ZoneId zone;
    private final Form form;
    private final BorderPane pane = new BorderPane();
    private final VBox next = new VBox(16);
    private final ReadOnlyBooleanProperty online;
    private final java.time.InstantSource clock;

    /**
     * @param online whether the central service answers: without it the doors that need it are shown off, saying
     *     why, and the strip shows no frozen numbers
     * @param clock "tomorrow" in the list of what's on next is counted from it, in the hub's zone
     */
    public HomeView(HomeViewModel vm, I18n i18n, Consumer<Screen> go, ZoneId zone, Form form,
            ReadOnlyBooleanProperty online, java.time.InstantSource clock) {
        this.vm = vm;
        this.online = online;
        this.clock = clock;
        this.form = form;
        this.i18n = i18n;
        this.go = go;
        this.zone = zone;
        pane.getStyleClass().add("home");
        pane.setId("screen-home");
        next.getStyleClass().add("side-panel");
        next.setPrefWidth(440);
        next.setMinWidth(320);
        // each part is rebuilt only when its own data changes: the attract screen is shown after every visit, and
        // rebuilding all six tiles each time made "home" one of the slowest taps
        i18n.localeProperty().addListener((o, a, b) -> render());
        vm.strip().addListener((ListChangeListener<Serving>) c -> pane.setBottom(strip()));
        vm.closedProperty().addListener((o, was, now) -> render());
        // a change listener: the hub is loaded again every 30 s, and the same rooms call for no new tiles
        vm.roomsProperty().addListener((o, was, now) -> render());
        online.addListener((o, was, now) -> render());
        vm.next().addListener((ListChangeListener<Activity>) c -> next.getChildren().setAll(nextItems()));
        vm.begunProperty().addListener((o, was, now) -> next.getChildren().setAll(nextItems()));
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** Nothing is typed on the attract screen: the warning, when a resident's visit times out here, is the band. */
    @Override
    public Keep keep() {
        return Keep.IN_VIEW;
    }

    private void render() {
        // seven doors: check-in, the one most come for, is the tall first column beside three columns of two
        // (landscape, and the small panel); in portrait it is the wide first row above three rows of two
        int columns = form.portrait() ? 2 : 4;
        int rows = form.portrait() ? 4 : 2;
        GridPane tiles = new GridPane();
        tiles.setHgap(form.gap(24));
        tiles.setVgap(form.gap(24));
        for (int i = 0; i < columns; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            tiles.getColumnConstraints().add(column);
        }
        for (int i = 0; i < rows; i++) {
            RowConstraints row = new RowConstraints();
            if (form.portrait()) {
                // four rows in the height: each as tall as its words need, the height left shared out
                row.setVgrow(Priority.ALWAYS);
            } else {
                row.setPercentHeight(100.0 / rows);
            }
            tiles.getRowConstraints().add(row);
        }
        boolean open = vm.closedProperty().get() == null;
        boolean up = online.get();
        // check-in and rating are kept on the kiosk while the network is down; the others need the central service
        Node hero = tile(Screen.CHECKIN, Pictogram.CHECKIN, "home.checkin", open, open, true);
        java.util.List<Node> doors = java.util.List.of(
                tile(Screen.QUEUE, Pictogram.TICKET, "home.queue", false, open, up),
                tile(Screen.ROOMS, Pictogram.DOOR, "home.rooms", false, true, up),
                tile(Screen.MY_BOOKINGS, Pictogram.CALENDAR, "home.myBookings", false, true, up),
                tile(Screen.ACTIVITIES, Pictogram.PEOPLE, "home.activities", false, true, up),
                tile(Screen.CARD, Pictogram.CARD, "home.card", false, true, up),
                tile(Screen.RATING, Pictogram.SMILE, "home.rating", false, true, true));
        if (form.portrait()) {
            tiles.add(hero, 0, 0, 2, 1);
            for (int i = 0; i < doors.size(); i++) {
                tiles.add(doors.get(i), i % 2, 1 + i / 2);
            }
        } else {
            tiles.add(hero, 0, 0, 1, 2);
            for (int i = 0; i < doors.size(); i++) {
                tiles.add(doors.get(i), 1 + i % 3, i / 3);
            }
        }
        HBox.setHgrow(tiles, Priority.ALWAYS);
        VBox.setVgrow(tiles, Priority.ALWAYS);

        next.getChildren().setAll(nextItems());

        Node center;
        if (form.compact()) {
            center = tiles;
        } else if (form.portrait()) {
            next.setPrefWidth(Region.USE_COMPUTED_SIZE);
            center = new VBox(24, tiles, next);
        } else {
            center = new HBox(24, tiles, next);
        }
        Closed closed = vm.closedProperty().get();
        if (closed != null) {
            VBox.setVgrow(center, Priority.ALWAYS);
            pane.setCenter(new VBox(form.gap(24), closedNotice(closed), center));
        } else {
            pane.setCenter(center);
        }
        pane.setBottom(strip());
    }

    /** When the hub opens, and what a resident can do until then. */
    private Node closedNotice(Closed closed) {
        // the small panel says it in a few words: without them a resident there saw only the greyed doors
        Label still = Ui.text(i18n.get(form.compact() ? "home.closed.stillShort" : "home.closed.still"), "closed-body");
        still.setId("closed-still");
        VBox notice = new VBox(form.compact() ? 0 : 6, Ui.text(closedText(closed), "closed-title"), still);
        notice.getStyleClass().add("closed-notice");
        notice.setId("closed-notice");
        notice.setMaxWidth(Double.MAX_VALUE);
        return notice;
    }

    /**
     * "现在闭馆，今天 08:00 开门" after hours; "今天闭馆，明天 08:00 开门" on a holiday; "今天闭馆，12月7日 星期一 08:00
     * 开门" when the days after are closed too; "今天闭馆" alone when the next opening is not known.
     */
    private String closedText(Closed closed) {
        String prefix = closed.allDay() ? "home.closed.day" : "home.closed.now";
        if (closed.opens() == null) {
            return i18n.get(prefix);
        }
        String time = TIME.format(closed.opens());
        if (closed.days() == 0) {
            return i18n.get("home.closed.today", time);
        }
        if (closed.days() == 1) {
            return i18n.get(closed.allDay() ? "home.closed.dayTomorrow" : "home.closed.tomorrow", time);
        }
        String day = DateTimeFormatter.ofPattern(i18n.get("format.day"), i18n.locale()).format(closed.opens());
        return i18n.get(prefix + "Until", day + " " + time);
    }

    private java.util.List<Node> nextItems() {
        java.util.List<Node> items = new java.util.ArrayList<>();
        items.add(Ui.text(i18n.get("home.next"), "section-title"));
        if (vm.next().isEmpty()) {
            items.add(Ui.text(i18n.get("home.nothingNext"), "muted"));
        }
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), zone);
        DateTimeFormatter day = DateTimeFormatter.ofPattern(i18n.get("format.day"), i18n.locale());
        // portrait: two, the doors take four rows of the height
        for (Activity a : vm.next().subList(0, Math.min(vm.next().size(), form.portrait() ? 2 : vm.next().size()))) {
            // a time alone reads as today: tomorrow's 10:00 under today's 19:00 looked out of order or past
            var start = a.start().atZoneSameInstant(zone);
            long days = java.time.temporal.ChronoUnit.DAYS.between(today, start.toLocalDate());
            // a later day and its time break between them on the narrow panel, not inside the time ("19:|00")
            // one that has begun says so: '09:30' at 10:30 read as a time missed
            boolean begun = !a.start().toInstant().isAfter(clock.instant());
            java.util.List<String> when = begun
                    ? java.util.List.of(i18n.get("home.onNow"),
                            i18n.get("home.onNowUntil", TIME.format(a.end().atZoneSameInstant(zone))))
                    : days == 0 ? java.util.List.of(TIME.format(start)) : days == 1
                    ? java.util.List.of(i18n.get("home.tomorrow", TIME.format(start)))
                    : java.util.List.of(day.format(start), TIME.format(start));
            VBox item = new VBox(4, Ui.phrases("next-time", when), Ui.text(a.title().in(i18n.locale()), "next-title"));
            item.getStyleClass().add("next-item");
            items.add(item);
        }
        return items;
    }

    /**
     * The rooms tile's line: the hub's own rooms as central names them, the first three (two and "等" when there are
     * more), or a line that names none while they are not known.
     */
    static String roomsHint(java.util.List<org.linli.kiosk.central.Names> rooms, I18n i18n) {
        java.util.List<String> names = rooms.stream().map(name -> name.in(i18n.locale())).toList();
        return switch (names.size()) {
            case 0 -> i18n.get("home.rooms.hint");
            case 1 -> names.get(0);
            case 2 -> i18n.get("home.rooms.hint2", names.get(0), names.get(1));
            case 3 -> i18n.get("home.rooms.hint3", names.get(0), names.get(1), names.get(2));
            default -> i18n.get("home.rooms.hintMore", names.get(0), names.get(1));
        };
    }

    /**
     * @param on false while the hub is closed: the tile stays in its place, greyed, and says it waits for opening
     * @param reachable false while the network is down, for the doors that need the central service: greyed, and
     *     saying so
     */
    private Node tile(Screen target, Pictogram picture, String key, boolean hero, boolean open, boolean reachable) {
        boolean on = open && reachable;
        // a picture, not the label's first character again: a resident who cannot read finds the tile by its shape
        Node badge = picture.badge(form.compact() ? 28 : 56, hero ? "badge-hero" : "badge-tile");
        VBox text = new VBox(6, Ui.text(i18n.get(key), "tile-title"));
        if (!form.compact()) {
            // the small panel has room for the name only; the screen behind it explains itself
            String hint = !on ? i18n.get(!open ? "home.closed.tile" : "offline.tile")
                    : target == Screen.ROOMS ? roomsHint(vm.roomsProperty().get(), i18n) : i18n.get(key + ".hint");
            text.getChildren().add(Ui.text(hint, "tile-hint"));
        }
        javafx.scene.layout.Pane inner;
        if (form.portrait()) {
            // four rows of doors in the height: the picture beside the words, not above them
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setAlignment(Pos.CENTER_LEFT);
            HBox beside = new HBox(24, badge, text);
            beside.setAlignment(Pos.CENTER_LEFT);
            inner = beside;
        } else {
            VBox above = new VBox(form.compact() ? 4 : 18, badge, text);
            above.setAlignment(Pos.CENTER_LEFT);
            inner = above;
        }
        Node tile = Ui.tile("tile-" + target.name().toLowerCase(java.util.Locale.ROOT), () -> go.accept(target), inner,
                "home-tile", hero ? "tile-hero" : on ? "tile-plain" : "tile-off");
        if (hero) {
            tile.getStyleClass().add("hero");
        }
        tile.setDisable(!on);
        return tile;
    }

    private Node strip() {
        if (vm.closedProperty().get() != null) {
            return null; // nothing is served while the hub is closed; the notice above says when it opens
        }
        Label title = Ui.text(i18n.get("home.nowServing"), "strip-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        java.util.List<Serving> served = vm.strip().stream().filter(s -> !s.idle()).toList();
        Node tail = null;
        if (!online.get()) {
            // the last numbers known would stand still on screen as if nothing moved: say the queues are not shown
            served = java.util.List.of();
            tail = Ui.text(i18n.get("offline.strip"), "strip-plain");
        } else if (vm.strip().isEmpty()) {
            tail = Ui.text(i18n.get("home.servingUnknown"), "strip-muted");
        } else if (vm.nobodyWaiting()) {
            tail = Ui.text(i18n.get("home.allNoWait"), "strip-plain");
        } else if (vm.strip().stream().anyMatch(Serving::idle) && form == Form.LANDSCAPE) {
            tail = Ui.text(i18n.get("home.othersNoWait"), "strip-muted");
        }
        HBox strip = new HBox(form.gap(32), title);
        // the lines the doors above leave room for (on the small panel two at most, close together, and the doors
        // give up the height: kiosk.css), two on the large landscape panel and three in portrait at most; what does
        // not fit is left out, and said so
        ServingLines numbers = new ServingLines(form.portrait() ? 3 : 2,
                () -> stripRoom() - strip.snappedTopInset() - strip.snappedBottomInset(), form.gap(40),
                form.compact() ? 2 : 8, served, served.stream().map(this::item).toList(),
                n -> Ui.text(i18n.get("home.servingMore", n), "strip-muted"), tail);
        HBox.setHgrow(numbers, Priority.ALWAYS);
        strip.getChildren().add(numbers);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.getStyleClass().add("serving-strip");
        strip.setId("serving-strip");
        return strip;
    }

    /** The height the doors (and what is on next) leave the strip below them, at the least their words need. */
    private double stripRoom() {
        Node center = pane.getCenter();
        return pane.getHeight() - pane.snappedTopInset() - pane.snappedBottomInset()
                - (center == null ? 0 : center.minHeight(pane.getWidth()));
    }

    /** "社区事务受理 A021 后面还有5人": which service, the number at the counter, who is still waiting. */
    private Node item(Serving s) {
        HBox item = new HBox(form.gap(12));
        if (s.name() != null) {
            item.getChildren().add(Ui.text(s.name().in(i18n.locale()), "strip-plain"));
        }
        if (s.number() != null) {
            item.getChildren().add(Ui.text(s.number(), "strip-number"));
        }
        String words = waitingWords(s, form, i18n);
        if (words != null) {
            item.getChildren().add(Ui.text(words, "strip-muted"));
        }
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    /**
     * What a strip item says after its service and number, or null for nothing. The waiting count of a service
     * being served only where the strip is wide: in portrait four services with counts took four lines. A service
     * nobody has been called at yet says how many wait on every panel and in both languages ("为老服务 3人等候",
     * "Elderly care 3 waiting"): a bare name between "社区事务受理 A001" and "健康咨询 C001" read as part of its
     * neighbours, and said nothing of the queue.
     */
    static String waitingWords(Serving s, Form form, I18n i18n) {
        if (s.noCounterOpen()) {
            // short on the narrower strips, and it matters
            return form == Form.LANDSCAPE && s.waiting() > 0 ? i18n.get("home.waitingNoCounter", s.waiting())
                    : i18n.get("home.noCounter");
        }
        if (s.number() == null) {
            return i18n.get("home.waiting", s.waiting()); // never idle here: someone waits
        }
        if (form != Form.LANDSCAPE) {
            return null;
        }
        return s.waiting() == 0 ? i18n.get("home.noWait") : i18n.get("home.waitingBehind", s.waiting());
    }
}
