package org.linli.kiosk.card;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.linli.kiosk.central.Model.Card;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.KeypadView;
import org.linli.kiosk.ui.QrNode;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** "My resident card": phone number in, the card QR large on screen (and printed when there is a printer). */
public final class CardView implements View {
    private final CardViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final Runnable back;
    private final ZoneId zone;
    private final Form form;
    private final ReadOnlyBooleanProperty online;
    private final StackPane pane = new StackPane();

    /**
     * @param home the visit is over ("done" under the card)
     * @param back to the start, still knowing the resident and in their language: "back" on the keypad
     * @param online whether the central service answers: only it can make a card, and offline the screen says so
     */
    public CardView(CardViewModel vm, I18n i18n, Runnable home, Runnable back, ZoneId zone, Form form,
            ReadOnlyBooleanProperty online) {
        this.back = back;
        this.online = online;
        this.vm = vm;
        this.form = form;
        this.i18n = i18n;
        this.home = home;
        this.zone = zone;
        pane.setId("screen-card");
        vm.stepProperty().addListener((o, a, b) -> render());
        vm.messageProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        online.addListener((o, a, b) -> {
            if (vm.stepProperty().get() == CardViewModel.Step.PHONE) {
                render();
            }
        });
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** The dialog over the keypad; the card's code and a refusal stay in view. */
    @Override
    public Keep keep() {
        return switch (vm.stepProperty().get()) {
            case CARD -> Keep.result("idle.keepCode", null);
            case PROBLEM -> Keep.IN_VIEW;
            case PHONE, WORKING -> Keep.NOTHING;
        };
    }

    private void render() {
        pane.getChildren().setAll(switch (vm.stepProperty().get()) {
            case PHONE -> phone();
            case WORKING -> Ui.working(i18n.get("common.wait"));
            case CARD -> card(vm.cardProperty().get());
            case PROBLEM -> problem();
        });
    }

    private Node phone() {
        VBox info = new VBox(24, Ui.text(i18n.get("card.title"), "title"), Ui.text(i18n.get("card.hint"), "lead"),
                Ui.text(i18n.get("privacy.card"), "privacy"));
        if (!vm.messageProperty().get().isEmpty()) {
            info.getChildren().add(1, Ui.text(i18n.get(vm.messageProperty().get()), "notice"));
        } else if (!online.get()) {
            Label notice = Ui.text(i18n.get("offline.card"), "notice");
            notice.setId("offline-notice");
            info.getChildren().add(1, notice);
        }
        // a way back as on the other keypads (the screen is reached from the start, so back is the start); one step
        // back, not the end of the visit: who the resident is and their language stay, as at the check-in's back
        VBox left = Ui.column(form, 700, info, Ui.actions(form, Ui.button(i18n.get("common.back"), "back", back),
                KeypadView.confirm(Ui.primary(i18n.get("card.get"), "get-card", vm::request), vm.phone())));
        return Ui.pair(form, left, KeypadView.of(vm.phone(), i18n, form));
    }

    private Node card(Card card) {
        // "2027年11月28日", the way dates are written for residents, not ISO
        String expires = card.expires() == null ? "" : DateTimeFormatter.ofPattern(i18n.get("format.year"),
                i18n.locale()).format(card.expires().atZoneSameInstant(zone));
        VBox left = new VBox(form.gap(20), Ui.text(i18n.get("card.ready", card.phoneLast4()), "title"),
                Ui.text(i18n.get("card.uses"), "lead"), Ui.text(i18n.get("card.expires", expires), "muted"),
                Ui.text(i18n.get(vm.printerPresent() ? "card.printed" : "card.photo"), "notice"),
                Ui.primary(i18n.get("common.done"), "done", home));
        if (form.compact()) {
            left.getChildren().remove(1); // what the card is for was said on the screen before
        }
        left.setPrefWidth(form.compact() ? 380 : 640);
        left.setMaxWidth(Region.USE_PREF_SIZE);
        VBox box = Ui.card(Ui.pair(form, left, QrNode.of(card.token(), form.compact() ? 260 : 480)));
        box.setId("card");
        box.setMaxWidth(form.compact() ? 780 : form.portrait() ? 900 : 1400);
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
