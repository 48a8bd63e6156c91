package org.linli.kiosk.checkin;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Check-in: hold a code to the camera (or a scanner), or type a phone number; then a welcome. */
public final class CheckinView implements View {
    private final CheckinViewModel vm;
    private final I18n i18n;
    private final CameraPreview camera;
    private final Runnable home;
    private final Runnable rate;
    private final StackPane pane = new StackPane();

    public CheckinView(CheckinViewModel vm, I18n i18n, CameraPreview camera, Runnable home, Runnable rate) {
        this.vm = vm;
        this.i18n = i18n;
        this.camera = camera;
        this.home = home;
        this.rate = rate;
        pane.setId("screen-checkin");
        vm.stateProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
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
        VBox left = new VBox(24, Ui.text(i18n.get("checkin.title"), "title"),
                Ui.text(i18n.get("checkin.scanHint"), "lead"), camera.node());
        left.setAlignment(Pos.TOP_LEFT);
        VBox right = Ui.card(Ui.badge("☎", "badge-tile"), Ui.text(i18n.get("checkin.noCard"), "section-title"),
                Ui.text(i18n.get("checkin.noCardHint"), "body"),
                Ui.primary(i18n.get("checkin.usePhone"), "use-phone", vm::usePhone));
        right.setPrefWidth(520);
        return Ui.pair(left, right);
    }

    private Node phone() {
        VBox left = new VBox(24, Ui.text(i18n.get("checkin.phoneTitle"), "title"),
                Ui.text(i18n.get("privacy.checkin"), "privacy"),
                new HBox(24, Ui.button(i18n.get("common.back"), "back", vm::again),
                        Ui.primary(i18n.get("checkin.submit"), "submit-phone", vm::submitPhone)));
        left.setPrefWidth(640);
        HBox row = Ui.pair(left, KeypadView.of(vm.phone(), i18n));
        return row;
    }

    private Node welcome() {
        String headline = switch (vm.kindProperty().get()) {
            case BOOKING -> i18n.get("checkin.welcomeBooking", vm.roomProperty().get());
            case RESIDENT -> i18n.get("checkin.welcomeResident");
            case PHONE -> i18n.get("checkin.welcomePhone");
        };
        VBox box = Ui.card(Ui.badge("✓", "badge-ok"), Ui.text(i18n.get("checkin.welcome"), "display"),
                Ui.text(headline, "lead"));
        if (vm.keptProperty().get()) {
            box.getChildren().add(Ui.text(i18n.get("checkin.kept"), "notice"));
        }
        box.getChildren().add(new HBox(24, Ui.primary(i18n.get("common.done"), "done", home),
                Ui.button(i18n.get("home.rating"), "go-rate", rate)));
        box.setId("welcome");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(1100);
        return box;
    }

    private Node problem() {
        VBox box = Ui.card(Ui.badge("!", "badge-warn"), Ui.text(i18n.get(vm.messageProperty().get()), "lead"),
                Ui.primary(i18n.get("common.tryAgain"), "again", vm::again));
        box.setId("problem");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(1000);
        return box;
    }
}
