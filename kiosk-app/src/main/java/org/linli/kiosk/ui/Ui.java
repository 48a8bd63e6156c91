package org.linli.kiosk.ui;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.util.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small factories so every screen uses the same large, high-contrast building blocks from kiosk.css. */
public final class Ui {
    static final int PROGRESS_DELAY_MS = 100;
    private Ui() {
    }

    public static Label text(String content, String... styles) {
        Label label = new Label(content);
        label.setWrapText(true);
        label.getStyleClass().addAll(styles);
        return label;
    }

    /** A touch button; {@code id} lets tests and the screenshot tour find it. */
    public static Button button(String content, String id, Runnable action, String... styles) {
        Button button = new Button(content);
        button.setId(id);
        button.getStyleClass().add("touch");
        button.getStyleClass().addAll(styles);
        button.setOnAction(e -> action.run());
        button.setWrapText(true);
        return button;
    }

    public static Button primary(String content, String id, Runnable action) {
        return button(content, id, action, "primary");
    }

    public static Region grow() {
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox.setVgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /**
     * "Please wait" for anything slower than a blink: it appears only after 100 ms, so a quick answer does not
     * flash a spinner at the resident.
     */
    public static Node working(String message) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(120, 120);
        VBox box = new VBox(32, spinner, text(message, "lead"));
        box.setAlignment(Pos.CENTER);
        box.setId("working");
        box.setOpacity(0);
        PauseTransition delay = new PauseTransition(Duration.millis(PROGRESS_DELAY_MS));
        delay.setOnFinished(e -> box.setOpacity(1));
        // the timer runs only while the box is on screen, so a spinner replaced in time never holds a timer
        box.sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                delay.stop();
            } else {
                delay.playFromStart();
            }
        });
        return box;
    }

    /**
     * Two parts side by side, centred: the form on the left, the keypad or the code on the right. One place, so a
     * portrait layout that stacks them can be made here for every screen at once.
     */
    public static HBox pair(Node first, Node second) {
        HBox pane = new HBox(64, first, second);
        pane.setAlignment(Pos.CENTER);
        return pane;
    }

    public static VBox card(Node... children) {
        VBox box = new VBox(24, children);
        box.getStyleClass().add("card-panel");
        box.setMaxHeight(Region.USE_PREF_SIZE);
        return box;
    }

    /** A round badge with one Chinese character, the hub signage style used for each service. */
    public static Node badge(String glyph, String... styles) {
        Label label = new Label(glyph);
        label.getStyleClass().add("badge");
        label.getStyleClass().addAll(styles);
        label.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return label;
    }
}
