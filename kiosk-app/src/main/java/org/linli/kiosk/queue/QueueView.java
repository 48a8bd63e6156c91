package org.linli.kiosk.queue;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Ticket;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Pictogram;
import org.linli.kiosk.ui.QrNode;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Take a number: tiles with the wait now, "do you need priority?", and the ticket in large type. */
public final class QueueView implements View {
    /** Four tiles a row on the landscape panel; beyond three rows the tiles keep their size and scroll. */
    private static final int GRID_COLUMNS = 4;
    private static final int GRID_MOST = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final QueueViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final Runnable start;
    private final Form form;
    private final ReadOnlyBooleanProperty online;
    private final ZoneId zone;
    private final StackPane pane = new StackPane();

    /**
     * @param start "back" from the list of services: the start, keeping who the resident is, as the other screens'
     * @param zone the hub's: the time a ticket was taken is the hub's time
     * @param online whether the central service answers: without it no number can be drawn, and the tiles say so
     */
    public QueueView(QueueViewModel vm, I18n i18n, Runnable home, Runnable start, ZoneId zone, Form form,
            ReadOnlyBooleanProperty online) {
        this.vm = vm;
        this.start = start;
        this.zone = zone;
        this.online = online;
        this.form = form;
        this.i18n = i18n;
        this.home = home;
        pane.setId("screen-queue");
        vm.stepProperty().addListener((o, a, b) -> render());
        // live queue figures redraw the tiles only, not a later step the resident is busy with
        vm.tiles().addListener((ListChangeListener<QueueViewModel.Tile>) c -> {
            if (vm.stepProperty().get() == QueueViewModel.Step.SERVICES) {
                render();
            }
        });
        // a counter of the ticket's service opens or closes while the ticket is on screen
        vm.ticketProperty().addListener((o, a, b) -> {
            if (vm.stepProperty().get() == QueueViewModel.Step.TICKET && a != null && b != null) {
                render();
            }
        });
        i18n.localeProperty().addListener((o, a, b) -> render());
        online.addListener((o, a, b) -> {
            if (vm.stepProperty().get() == QueueViewModel.Step.SERVICES) {
                render();
            }
        });
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** The dialog once a service is chosen; the list of services, the ticket and a refusal stay in view. */
    @Override
    public Keep keep() {
        Ticket t = vm.ticketProperty().get();
        return switch (vm.stepProperty().get()) {
            case TICKET -> t != null ? Keep.result("idle.keepTicket", t.number()) : Keep.IN_VIEW;
            case SERVICES, PROBLEM -> Keep.IN_VIEW;
            case PRIORITY, WORKING -> Keep.NOTHING;
        };
    }

    private void render() {
        pane.getChildren().setAll(switch (vm.stepProperty().get()) {
            case SERVICES -> services();
            case PRIORITY -> priority();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case TICKET -> ticket(vm.ticketProperty().get());
            case PROBLEM -> problem();
        });
    }

    private Node services() {
        boolean offline = !online.get();
        FlowPane tiles = new FlowPane(form.gap(24), form.gap(24));
        tiles.setAlignment(Pos.TOP_LEFT);
        if (vm.tiles().isEmpty()) {
            tiles.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        java.util.List<Node> nodes = new java.util.ArrayList<>();
        for (QueueViewModel.Tile tile : vm.tiles()) {
            Node badge = Ui.badge(tile.service().letter(), "badge-tile");
            // offline the last known waits would be frozen figures: the tile says it cannot give a number instead
            VBox text = new VBox(form.gap(10), Ui.text(tile.service().name().in(i18n.locale()), "tile-title"),
                    Ui.text(offline ? i18n.get("offline.queueTile") : waiting(tile), "tile-hint"));
            if (!offline && !tile.noCounterOpen() && tile.waiting() > 0) {
                // the services' waits differ by how long each takes a person, which the tile says beside the wait
                Label pace = Ui.text(i18n.get("queue.pace", tile.paceMinutes()), "tile-hint");
                pace.setId("pace-" + tile.service().id());
                text.getChildren().add(pace);
                text.setSpacing(form.gap(10) / 2);
            }
            // the small panel puts the letter beside the name, so two rows of tiles fit under the question
            Node inner = form.compact() ? new HBox(12, badge, text) : new VBox(10, badge, text);
            Node node = Ui.tile("service-" + tile.service().id(), () -> vm.choose(tile), inner, "service-tile",
                    offline ? "tile-off" : "tile-plain");
            node.getStyleClass().add("switchable");
            node.setDisable(offline);
            nodes.add(node);
        }
        tiles.getChildren().addAll(nodes);
        Node hint = offline ? offlineNotice(form.compact() ? "offline.queueShort" : "offline.queue")
                : Ui.text(i18n.get("queue.hint"), "lead");
        Button back = Ui.button(i18n.get("common.back"), "back", start);
        Node list = form == Form.LANDSCAPE && !nodes.isEmpty() && nodes.size() <= GRID_MOST ? grid(nodes)
                : Ui.scrolling(tiles);
        if (form.compact()) {
            // the header's "home" and the question say where the resident is; "back" beside the question, so that
            // two rows of tiles still fit under it
            back.setMinWidth(Region.USE_PREF_SIZE);
            ((Region) hint).setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(hint, javafx.scene.layout.Priority.ALWAYS);
            HBox top = new HBox(12, hint, back);
            top.setAlignment(Pos.CENTER_LEFT);
            return new VBox(8, top, list);
        }
        return new VBox(form.gap(32), Ui.text(i18n.get("queue.title"), "title"), hint, list, Ui.actions(form, back));
    }

    /**
     * The full-HD landscape panel: the tiles four a row across the whole width and down the height the screen has,
     * instead of a block of fixed tiles at the top left with the lower half empty.
     */
    private Node grid(java.util.List<Node> nodes) {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(form.gap(24));
        grid.setVgap(form.gap(24));
        for (int i = 0; i < GRID_COLUMNS; i++) {
            javafx.scene.layout.ColumnConstraints column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(100.0 / GRID_COLUMNS);
            grid.getColumnConstraints().add(column);
        }
        int rows = (nodes.size() + GRID_COLUMNS - 1) / GRID_COLUMNS;
        for (int i = 0; i < rows; i++) {
            javafx.scene.layout.RowConstraints row = new javafx.scene.layout.RowConstraints();
            row.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(row);
        }
        for (int i = 0; i < nodes.size(); i++) {
            grid.add(nodes.get(i), i % GRID_COLUMNS, i / GRID_COLUMNS);
        }
        grid.setId("service-grid");
        VBox.setVgrow(grid, javafx.scene.layout.Priority.ALWAYS);
        return grid;
    }

    private String waiting(QueueViewModel.Tile tile) {
        if (tile.noCounterOpen()) {
            return tile.waiting() == 0 ? i18n.get("queue.noCounter")
                    : i18n.get("queue.waitingNoCounter", tile.waiting());
        }
        return tile.waiting() == 0 ? i18n.get("home.noWait") : i18n.get("queue.waiting", tile.waiting(),
                tile.waitMinutes());
    }

    private Node offlineNotice(String key) {
        Label notice = Ui.text(i18n.get(key), "notice");
        notice.setId("offline-notice");
        return notice;
    }

    private Node priority() {
        QueueViewModel.Tile tile = vm.chosenProperty().get();
        Button yes = Ui.button(i18n.get("queue.priorityYes"), "priority-yes", () -> vm.take(true), "choice");
        Button no = Ui.primary(i18n.get("queue.priorityNo"), "priority-no", () -> vm.take(false));
        no.getStyleClass().add("choice");
        if (form.portrait()) {
            no.setMaxWidth(Double.MAX_VALUE);
            yes.setMaxWidth(Double.MAX_VALUE);
        }
        VBox box = Ui.card(Ui.text(tile.service().name().in(i18n.locale()), "section-title"),
                Ui.text(i18n.get("queue.priorityQuestion"), "title"),
                who(),
                form.portrait() ? new VBox(32, no, yes) : new HBox(form.gap(32), no, yes),
                Ui.button(i18n.get("common.back"), "back", vm::back));
        box.setSpacing(form.gap(24));
        if (form.compact()) {
            box.getChildren().remove(0); // the service was on the tile just tapped; the height goes to the answers
        }
        box.setMaxWidth(form.compact() ? 760 : form.portrait() ? 900 : 1200);
        return box;
    }

    private Node ticket(Ticket t) {
        QueueViewModel.Tile tile = vm.chosenProperty().get();
        // the service on top, as Qmatic and Qminder tickets print it: "A027" alone says nothing about what for
        Label service = Ui.text(tile == null ? i18n.get("queue.yourNumber") : form.compact()
                ? tile.service().name().in(i18n.locale())
                : tile.service().name().in(i18n.locale()) + " · " + i18n.get("queue.yourNumber"), "lead");
        service.setId("ticket-service");
        // when it was taken, as on a paper ticket and the phone's page: "10:30 取号"; the small panel says it beside
        // the service, having no line to spare
        Label taken = Ui.text(t.queued() == null ? "" : i18n.get("queue.taken",
                TIME.format(t.queued().atZoneSameInstant(zone))), "body");
        taken.setId("ticket-taken");
        if (form.compact() && t.queued() != null) {
            service.setText(service.getText() + " · " + taken.getText());
        }
        boolean next = t.peopleAhead() == 0;
        VBox left = new VBox(form.gap(16), service, Ui.text(t.number(), "ticket-number"),
                Ui.text(next ? i18n.get("queue.aheadNone") : i18n.get("queue.ahead", t.peopleAhead()), "title"),
                Ui.text(t.noCounterOpen() ? i18n.get(form.compact() ? "queue.waitNoCounterShort"
                        : "queue.waitNoCounter") : next ? i18n.get("queue.waitNone")
                        : i18n.get("queue.wait", t.estimatedWaitMinutes()), "lead"),
                Ui.text(i18n.get(vm.printerPresent() ? "queue.printed" : "queue.listen"), "lead"),
                new HBox(24, Ui.primary(i18n.get("common.done"), "done", home)));
        left.getChildren().get(1).setId("ticket-number");
        if (form.compact() || next || t.noCounterOpen()) {
            left.getChildren().remove(4); // "listen for your number": said already, or no room for it
        }
        if (!form.compact() && t.queued() != null) {
            left.getChildren().add(2, taken);
        }
        Label hint = Ui.text(i18n.get("queue.qrHint"), "body");
        VBox right = new VBox(12, QrNode.of(vm.statusUrl(t, i18n.english()), form.compact() ? 180 : 300), hint);
        right.setAlignment(Pos.CENTER);
        right.setMaxWidth(form.compact() ? 240 : 420);
        right.setId("ticket-qr");
        Pane row;
        if (form.portrait()) {
            // portrait: the code before "done", so that the screen reads top to bottom and ends on the button
            Node done = left.getChildren().remove(left.getChildren().size() - 1);
            left.setAlignment(Pos.CENTER);
            row = new VBox(form.gap(32), left, right, done);
            ((VBox) row).setAlignment(Pos.CENTER);
            ((HBox) done).setAlignment(Pos.CENTER);
        } else {
            row = Ui.pair(form, left, right);
        }
        VBox card = Ui.card(row);
        card.setMaxWidth(form.compact() ? 760 : form.portrait() ? 900 : 1300);
        card.setId("ticket");
        return card;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                Ui.actions(form, Ui.primary(i18n.get("common.back"), "back", () -> {
                    vm.back();
                    vm.refresh();
                }), Ui.button(i18n.get("nav.home"), "problem-home", home)));
        box.setId("problem");
        box.setMaxWidth(1100);
        return box;
    }

    /** Who may be served first, in pictures beside the words (as Chinese service halls sign it). */
    private Node who() {
        Node words = Ui.text(i18n.get("queue.priorityWho"), "body");
        if (form.compact()) {
            return words; // the small panel's height goes to the answers
        }
        HBox pictures = new HBox(16);
        for (Pictogram p : new Pictogram[] {Pictogram.ELDER, Pictogram.PREGNANT, Pictogram.WHEELCHAIR,
                Pictogram.BABY}) {
            pictures.getChildren().add(p.badge(56, "badge-tile"));
        }
        pictures.setId("priority-who");
        return new VBox(form.gap(16), pictures, words);
    }
}
