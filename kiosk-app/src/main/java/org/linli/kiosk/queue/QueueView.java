package org.linli.kiosk.queue;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Ticket;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.QrNode;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Take a number: tiles with the wait now, "do you need priority?", and the ticket in large type. */
public final class QueueView implements View {
    private final QueueViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final StackPane pane = new StackPane();

    public QueueView(QueueViewModel vm, I18n i18n, Runnable home) {
        this.vm = vm;
        this.i18n = i18n;
        this.home = home;
        pane.setId("screen-queue");
        vm.stepProperty().addListener((o, a, b) -> render());
        vm.tiles().addListener((ListChangeListener<QueueViewModel.Tile>) c -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
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
        FlowPane tiles = new FlowPane(24, 24);
        tiles.setAlignment(Pos.TOP_LEFT);
        if (vm.tiles().isEmpty()) {
            tiles.getChildren().add(Ui.working(i18n.get("common.loading")));
        }
        for (QueueViewModel.Tile tile : vm.tiles()) {
            VBox inner = new VBox(10, Ui.badge(tile.service().letter(), "badge-tile"),
                    Ui.text(tile.service().name().in(i18n.locale()), "tile-title"),
                    Ui.text(i18n.get("queue.waiting", tile.waiting(), tile.waitMinutes()), "tile-hint"));
            Button button = new Button();
            button.setGraphic(inner);
            button.setId("service-" + tile.service().id());
            button.getStyleClass().addAll("tile", "tile-plain", "service-tile");
            button.setOnAction(e -> vm.choose(tile));
            tiles.getChildren().add(button);
        }
        return new VBox(32, Ui.text(i18n.get("queue.title"), "title"), Ui.text(i18n.get("queue.hint"), "lead"),
                tiles);
    }

    private Node priority() {
        QueueViewModel.Tile tile = vm.chosenProperty().get();
        Button yes = Ui.button(i18n.get("queue.priorityYes"), "priority-yes", () -> vm.take(true), "choice");
        Button no = Ui.primary(i18n.get("queue.priorityNo"), "priority-no", () -> vm.take(false));
        no.getStyleClass().add("choice");
        VBox box = Ui.card(Ui.text(tile.service().name().in(i18n.locale()), "section-title"),
                Ui.text(i18n.get("queue.priorityQuestion"), "title"),
                Ui.text(i18n.get("queue.priorityWho"), "body"), new HBox(32, no, yes),
                Ui.button(i18n.get("common.back"), "back", vm::back));
        box.setMaxWidth(1200);
        return box;
    }

    private Node ticket(Ticket t) {
        VBox left = new VBox(16, Ui.text(i18n.get("queue.yourNumber"), "lead"), Ui.text(t.number(), "ticket-number"),
                Ui.text(i18n.get("queue.ahead", t.peopleAhead()), "title"),
                Ui.text(i18n.get("queue.wait", t.estimatedWaitMinutes()), "lead"),
                Ui.text(i18n.get("queue.listen"), "body"),
                new HBox(24, Ui.primary(i18n.get("common.done"), "done", home)));
        left.getChildren().get(1).setId("ticket-number");
        VBox right = new VBox(12, QrNode.of(vm.statusUrl(t), 300), Ui.text(i18n.get("queue.qrHint"), "muted"));
        right.setAlignment(Pos.CENTER);
        right.setMaxWidth(360);
        HBox row = Ui.pair(left, right);
        VBox card = Ui.card(row);
        card.setMaxWidth(1300);
        card.setId("ticket");
        return card;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                new HBox(24, Ui.primary(i18n.get("common.back"), "back", () -> {
                    vm.back();
                    vm.refresh();
                }), Ui.button(i18n.get("nav.home"), "problem-home", home)));
        box.setId("problem");
        box.setMaxWidth(1100);
        return box;
    }
}
