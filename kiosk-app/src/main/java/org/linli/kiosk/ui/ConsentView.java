package org.linli.kiosk.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.linli.kiosk.session.ConsentPrompt;

/**
 * The privacy notice over the screen, the first time a phone number is used here: what is kept, why, for how long,
 * and that the counter shows or erases it; then "back" and "agree and continue", the only way to agree.
 */
final class ConsentView {
    private ConsentView() {
    }

    static VBox of(ConsentPrompt consent, I18n i18n, Form form) {
        Label title = Ui.text(i18n.get("consent.title"), "title");
        title.setId("consent-title");
        VBox lines = new VBox(form.gap(12));
        for (String key : new String[] {"consent.kept", "consent.why", "consent.howLong", "consent.counter"}) {
            Label line = Ui.text(i18n.get(key), "body");
            line.setWrapText(true);
            line.setMaxWidth(maxWidth(form));
            lines.getChildren().add(line);
        }
        lines.setId("consent-notice");
        Button back = Ui.button(i18n.get("consent.back"), "consent-back", consent::back);
        Button agree = Ui.primary(i18n.get("consent.agree"), "consent-agree", consent::agree);
        HBox buttons = new HBox(form.gap(24), back, agree);
        buttons.setAlignment(Pos.CENTER);
        VBox box = Ui.card(title, lines, buttons);
        box.setSpacing(form.gap(20));
        return box;
    }

    /** Lines short enough to read: the small panel's width less the card's margins, or a readable measure. */
    private static double maxWidth(Form form) {
        return form.compact() ? 700 : 960;
    }
}
