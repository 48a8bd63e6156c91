package org.linli.kiosk.home;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Screen;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** The attract screen: six large doors into the kiosk, what's on next, and the now-serving strip. */
public final class HomeView implements View {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final HomeViewModel vm;
    private final I18n i18n;
    private final Consumer<Screen> go;
    private final ZoneId zone;
    private final Form form;
    private final BorderPane pane = new BorderPane();
    private final VBox next = new VBox(16);

    public HomeView(HomeViewModel vm, I18n i18n, Consumer<Screen> go, ZoneId zone, Form form) {
        this.vm = vm;
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
        vm.serving().addListener((ListChangeListener<QueueStatus>) c -> pane.setBottom(strip()));
        vm.next().addListener((ListChangeListener<Activity>) c -> next.getChildren().setAll(nextItems()));
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    private void render() {
        // landscape: three columns beside "coming up"; portrait: two columns above it; small panel: tiles only
        int columns = form.portrait() ? 2 : 3;
        int rows = 6 / columns;
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
            row.setPercentHeight(100.0 / rows);
            tiles.getRowConstraints().add(row);
        }
        java.util.List<Node> doors = java.util.List.of(tile(Screen.CHECKIN, "签", "home.checkin", true),
                tile(Screen.QUEUE, "号", "home.queue", false), tile(Screen.ROOMS, "约", "home.rooms", false),
                tile(Screen.ACTIVITIES, "活", "home.activities", false), tile(Screen.CARD, "码", "home.card", false),
                tile(Screen.RATING, "评", "home.rating", false));
        for (int i = 0; i < doors.size(); i++) {
            tiles.add(doors.get(i), i % columns, i / columns);
        }
        HBox.setHgrow(tiles, Priority.ALWAYS);
        VBox.setVgrow(tiles, Priority.ALWAYS);

        next.getChildren().setAll(nextItems());

        if (form.compact()) {
            pane.setCenter(tiles);
        } else if (form.portrait()) {
            next.setPrefWidth(Region.USE_COMPUTED_SIZE);
            pane.setCenter(new VBox(24, tiles, next));
        } else {
            pane.setCenter(new HBox(24, tiles, next));
        }
        pane.setBottom(strip());
    }

    private java.util.List<Node> nextItems() {
        java.util.List<Node> items = new java.util.ArrayList<>();
        items.add(Ui.text(i18n.get("home.next"), "section-title"));
        if (vm.next().isEmpty()) {
            items.add(Ui.text(i18n.get("home.nothingNext"), "muted"));
        }
        for (Activity a : vm.next()) {
            String when = TIME.format(a.start().atZoneSameInstant(zone));
            VBox item = new VBox(4, Ui.text(when, "next-time"), Ui.text(a.title().in(i18n.locale()), "next-title"));
            item.getStyleClass().add("next-item");
            items.add(item);
        }
        return items;
    }

    private Node tile(Screen target, String glyph, String key, boolean hero) {
        Node badge = Ui.badge(glyph, hero ? "badge-hero" : "badge-tile");
        VBox text = new VBox(6, Ui.text(i18n.get(key), "tile-title"));
        if (!form.compact()) {
            // the small panel has room for the name only; the screen behind it explains itself
            text.getChildren().add(Ui.text(i18n.get(key + ".hint"), "tile-hint"));
        }
        VBox inner = new VBox(form.gap(18), badge, text);
        inner.setAlignment(Pos.CENTER_LEFT);
        return Ui.tile("tile-" + target.name().toLowerCase(java.util.Locale.ROOT), () -> go.accept(target), inner,
                "home-tile", hero ? "tile-hero" : "tile-plain");
    }

    private Node strip() {
        Label title = Ui.text(i18n.get("home.nowServing"), "strip-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane numbers = new FlowPane(form.gap(32), 8);
        numbers.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(numbers, Priority.ALWAYS);
        HBox strip = new HBox(form.gap(32), title, numbers);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.getStyleClass().add("serving-strip");
        strip.setId("serving-strip");
        if (vm.serving().isEmpty()) {
            numbers.getChildren().add(Ui.text(i18n.get("home.servingUnknown"), "strip-muted"));
        }
        for (QueueStatus q : vm.serving()) {
            String number = q.nowServing() == null ? "—" : q.nowServing();
            HBox item = new HBox(12, Ui.text(number, "strip-number"));
            if (!form.compact()) {
                item.getChildren().add(Ui.text(i18n.get("home.waiting", q.waiting()), "strip-muted"));
            }
            item.setAlignment(Pos.CENTER_LEFT);
            numbers.getChildren().add(item);
        }
        return strip;
    }
}
