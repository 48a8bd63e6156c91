package org.linli.kiosk.ui;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.linli.kiosk.session.ResidentSession;

/** Small factories so every screen uses the same large, high-contrast building blocks from kiosk.css. */
public final class Ui {
    static final int PROGRESS_DELAY_MS = 100;
    private Ui() {
    }

    public static Label text(String content, String... styles) {
        Label label = new Label(content);
        label.setWrapText(true);
        // as tall as its wrapped lines need: a parent short of height then overflows (which the layout test catches)
        // instead of cutting the text to "…"
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().addAll(styles);
        return label;
    }

    /**
     * A name put inside a sentence that wraps, kept on one line: its spaces become no-break spaces, so that "booking
     * the Activity | room" breaks before the name instead ("Activity room", "Affairs office" stay whole).
     */
    public static String unbroken(String name) {
        return name == null ? null : name.strip().replace(' ', '\u00A0');
    }

    /**
     * Words that wrap only between the parts given, each part kept on one line: a date, "（明天）", "09:00–10:00", a
     * room's name. A wrapping label breaks wherever Java's line rules allow, which is after any colon or dash and
     * between any two Chinese characters: "19:|00", "09:00 –|10:00", "（明|天）", "多功能活动|室".
     */
    public static FlowPane phrases(String style, java.util.List<String> parts) {
        FlowPane line = new FlowPane();
        line.getStyleClass().add("phrases");
        for (String part : parts) {
            if (part == null || part.isBlank()) {
                continue;
            }
            if (part.startsWith("（") && !line.getChildren().isEmpty()) {
                // a full-width bracket carries its own space: "星期日（明天）" stays one part, without a gap
                Label before = (Label) line.getChildren().getLast();
                before.setText(before.getText() + part.strip());
                continue;
            }
            String words = part.strip();
            if (words.startsWith("·") && !line.getChildren().isEmpty()) {
                // the dot that joins a part to the one before ends that one: a wrap never leaves "· 多功能活动室"
                // alone at the start of a line, where it reads as an item of a list
                Label before = (Label) line.getChildren().getLast();
                before.setText(before.getText() + " ·");
                words = words.substring(1).strip();
                if (words.isEmpty()) {
                    continue;
                }
            }
            Label label = new Label(words);
            label.getStyleClass().add(style);
            label.setMinWidth(Region.USE_PREF_SIZE);
            line.getChildren().add(label);
        }
        line.setHgap(8); // about a space at the kiosk's sizes
        line.setMinHeight(Region.USE_PREF_SIZE);
        return line;
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
     * Two parts, centred: the form beside the keypad or the code on a landscape panel, the one above the other on a
     * portrait panel.
     */
    public static Pane pair(Form form, Node first, Node second) {
        Pane pane;
        if (form.portrait()) {
            VBox box = new VBox(48, first, second);
            box.setAlignment(Pos.CENTER);
            pane = box;
        } else {
            HBox box = new HBox(form.gap(64), first, second);
            box.setAlignment(Pos.CENTER);
            pane = box;
        }
        return pane;
    }

    /**
     * A large tile that opens something: a button underneath, the badge and texts on top. The texts are not the
     * button's graphic because a graphic is measured on one line, so a long name was cut to "Community …"; here they
     * wrap within the tile's width like any label.
     */
    public static StackPane tile(String id, Runnable action, Node content, String size, String... styles) {
        Button button = new Button();
        button.setId(id);
        button.getStyleClass().add("tile");
        button.getStyleClass().addAll(styles);
        button.setOnAction(e -> action.run());
        button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        button.setMinSize(0, 0);
        button.setPrefSize(0, 0);
        content.setMouseTransparent(true);
        content.getStyleClass().add("tile-content");
        StackPane tile = new StackPane(button, content);
        if (size != null) {
            tile.getStyleClass().add(size);
        }
        StackPane.setAlignment(content, Pos.CENTER_LEFT);
        return tile;
    }

    /**
     * The text side of a form screen: what it is about, then its buttons. On the small panel the text scrolls when it
     * is taller than the screen, so the buttons below it are always in view.
     */
    public static VBox column(Form form, double width, VBox info, Node actions) {
        info.setSpacing(form.gap(info.getSpacing()));
        Node top = info;
        if (form.compact()) {
            ScrollPane scroll = scrolling(info);
            VBox.setVgrow(scroll, Priority.SOMETIMES);
            top = scroll;
        }
        VBox column = new VBox(form.gap(24), top, actions);
        column.setPrefWidth(form.compact() ? Math.min(width, 400) : width);
        column.setMaxWidth(Region.USE_PREF_SIZE);
        column.setAlignment(Pos.CENTER_LEFT);
        return column;
    }

    /** A list of tiles or rows that scrolls when there are more than the screen holds. */
    public static ScrollPane scrolling(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("plain-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // JavaFX's skin keeps a bitmap of the viewport (setCache(true)); the screens build new lists on every render,
        // and those bitmaps piled up (about 1 MB a tap, measured with ./linli bench kiosk). Drawn directly instead.
        scroll.skinProperty().addListener((o, old, skin) -> {
            if (skin != null && scroll.lookup(".viewport") instanceof Node viewport) {
                viewport.setCache(false);
            }
        });
        return scroll;
    }

    /** Buttons in a row; on the small panel they wrap instead of running off the screen. */
    public static Pane actions(Form form, Node... buttons) {
        if (form.compact()) {
            FlowPane row = new FlowPane(12, 12, buttons);
            row.setAlignment(Pos.CENTER_LEFT);
            return row;
        }
        HBox row = new HBox(24, buttons);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /**
     * In place of the keypad when the resident is known: "we'll use your resident card" (or phone ending 8000), so
     * nobody types their number twice in one visit. Under the card's picture, not the green tick: that one means
     * "done", and beside a form not yet sent it read as "booked".
     */
    public static VBox knownResident(ResidentSession resident, I18n i18n, Form form) {
        VBox box = card(Pictogram.CARD.badge(form.compact() ? 36 : 56),
                text(i18n.get("resident.known"), "section-title"),
                text(resident.byCard() ? i18n.get("resident.card") : i18n.get("resident.phone",
                        resident.phoneLast4()), "lead"),
                button(i18n.get("resident.notYou"), "not-me", resident::reset));
        box.setId("known-resident");
        box.setMaxWidth(520);
        return box;
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
