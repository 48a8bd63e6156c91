package org.linli.kiosk.rating;

import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.TextAlignment;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Ui;
import org.linli.kiosk.ui.View;

/** Five large faces from unhappy to delighted; a tap sends the rating. */
public final class RatingView implements View {
    private static final Color[] COLOURS = {Color.web("#D93A2B"), Color.web("#EE7B30"), Color.web("#F2B705"),
        Color.web("#8CBF3F"), Color.web("#2E9E4F")};

    private final RatingViewModel vm;
    private final I18n i18n;
    private final Runnable home;
    private final Runnable start;
    private final Form form;
    private final StackPane pane = new StackPane();

    /** @param start "back" from the faces: the start, keeping who the resident is, as the other screens' */
    public RatingView(RatingViewModel vm, I18n i18n, Runnable home, Runnable start, Form form) {
        this.vm = vm;
        this.start = start;
        this.form = form;
        this.i18n = i18n;
        this.home = home;
        pane.setId("screen-rating");
        vm.stateProperty().addListener((o, a, b) -> render());
        // the question names what the resident did last, which they may do after the screen was first drawn
        vm.subjectProperty().addListener((o, a, b) -> render());
        i18n.localeProperty().addListener((o, a, b) -> render());
        render();
    }

    @Override
    public Node node() {
        return pane;
    }

    /** Nothing is typed here: a face is tapped, or not. */
    @Override
    public Keep keep() {
        return Keep.IN_VIEW;
    }

    private void render() {
        pane.getChildren().setAll(switch (vm.stateProperty().get()) {
            case ASK -> ask();
            case SENDING -> Ui.working(i18n.get("common.wait"));
            case THANKS -> thanks();
        });
    }

    private Node ask() {
        HBox faces = new HBox(form.portrait() ? 16 : form.gap(32));
        faces.setAlignment(Pos.CENTER);
        for (int stars = 1; stars <= 5; stars++) {
            int value = stars;
            Label label = Ui.text(i18n.get("rating." + stars), "face-label");
            label.setTextAlignment(TextAlignment.CENTER);
            VBox inner = new VBox(form.gap(16), face(stars, radius()), label);
            inner.setAlignment(Pos.CENTER);
            faces.getChildren().add(Ui.tile("face-" + stars, () -> vm.rate(value), inner, "face", "tile-plain"));
        }
        Label question = Ui.text(question(vm.subjectProperty().get()), "title");
        question.setId("rating-question");
        question.setTextAlignment(TextAlignment.CENTER);
        // "back" under the faces, beside the line that says the rating is anonymous: no row of its own
        HBox under = new HBox(form.gap(32), Ui.text(i18n.get("rating.anonymous"), "muted"),
                Ui.button(i18n.get("common.back"), "back", start));
        under.setAlignment(Pos.CENTER);
        VBox box = new VBox(form.gap(48), question, faces, under);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /**
     * "您对刚才办理的“社区事务”满意吗？": what the resident did on this visit, by its name; the general question when
     * nothing was done yet, and the visit's when it has no name to give.
     */
    private String question(RatingViewModel.Subject subject) {
        if (subject == null) {
            return i18n.get("rating.question");
        }
        if (subject.name() == null) {
            return i18n.get("rating.questionVisit");
        }
        // the name stays whole on its line: "booking the Activity | room" read as two things
        return i18n.get("rating.question." + subject.kind(), Ui.unbroken(subject.name().in(i18n.locale())));
    }

    /** A face drawn from shapes: no emoji font is needed on the Pi. */
    static Node face(int stars, double size) {
        double r = 70;
        Circle head = new Circle(r, r, r, COLOURS[stars - 1]);
        Circle left = new Circle(r - 24, r - 16, 9, Color.web("#1A1A1A"));
        Circle right = new Circle(r + 24, r - 16, 9, Color.web("#1A1A1A"));
        double curve = (stars - 3) * 14; // >0 smile, <0 frown
        Arc mouth;
        if (curve == 0) {
            mouth = new Arc(r, r + 22, 26, 1, 180, 180);
        } else if (curve > 0) {
            mouth = new Arc(r, r + 12, 30, curve, 180, 180);
        } else {
            mouth = new Arc(r, r + 34, 30, -curve, 0, 180);
        }
        mouth.setType(ArcType.OPEN);
        mouth.setFill(Color.TRANSPARENT);
        mouth.setStroke(Color.web("#1A1A1A"));
        mouth.setStrokeWidth(8);
        mouth.setStrokeLineCap(StrokeLineCap.ROUND);
        Group face = new Group(head, left, right, mouth);
        face.setScaleX(size / r);
        face.setScaleY(size / r);
        return new Group(face); // an outer group so that layout sees the scaled size
    }

    /** The faces' radius: 90 px on the wide panel, smaller where five must fit across a narrower screen. */
    private double radius() {
        return form.compact() ? 36 : form.portrait() ? 56 : 90;
    }

    private Node thanks() {
        VBox box = Ui.card(face(Math.max(1, vm.ratingProperty().get()), radius()),
                Ui.text(i18n.get("rating.thanks"), "display"));
        box.setSpacing(form.gap(24));
        String message = vm.messageProperty().get();
        if (!message.isEmpty()) {
            box.getChildren().add(Ui.text(i18n.get(message), "notice"));
        }
        // nothing is left to do here: the resident may simply walk away, and is told so
        box.getChildren().addAll(Ui.text(i18n.get("rating.back"), "body"),
                Ui.primary(i18n.get("common.done"), "done", home));
        box.setAlignment(Pos.CENTER);
        box.setId("thanks");
        box.setMaxWidth(1000);
        return box;
    }
}
