package org.linli.kiosk;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;

/**
 * The kiosk started as {@link Main} starts it, on the screen of the JVM ({@link ScreenFitIT} gives Monocle's headless
 * screen its size): the window and the scene are no larger than the screen, and nothing of the attract screen lies
 * outside the window, in either language: the attract screen and the first step behind each of its doors. Prints what does not fit and exits 1, or exits 0.
 */
final class ScreenFitProbe {
    private ScreenFitProbe() {
    }

    /** @param args the kiosk's configuration file and the moment the kiosk's clock is held at (ISO instant) */
    public static void main(String[] args) {
        int exit;
        try {
            List<String> problems = probe(Path.of(args[0]), java.time.Instant.parse(args[1]));
            problems.forEach(System.err::println);
            exit = problems.isEmpty() ? 0 : 1;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 2;
        }
        // the screen thread is not a daemon: without this a failed probe would hang instead of saying so
        System.exit(exit);
    }

    private static List<String> probe(Path configFile, java.time.Instant at) throws Exception {
        KioskConfig config = KioskConfig.load(configFile, Map.of());
        var zone = HubZone.await(config);
        // the central service's moment, held: the hub is open, whatever the machine's hour
        InstantSource clock = InstantSource.fixed(at);
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        Kiosk[] kiosk = new Kiosk[1];
        Stage[] stage = new Stage[1];
        OnScreen.fx(() -> {
            try {
                stage[0] = new Stage(StageStyle.UNDECORATED);
                kiosk[0] = Main.open(stage[0], config, clock, () -> { }, zone);
                kiosk[0].start(System::nanoTime);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        kiosk[0].settle();
        List<String> problems = new ArrayList<>();
        for (var language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            for (Screen door : Screen.values()) {
                OnScreen.fx(() -> {
                    kiosk[0].i18n().localeProperty().set(language);
                    kiosk[0].shell().go(door);
                });
                kiosk[0].settle();
                OnScreen.fx(() -> check(kiosk[0].scene(), stage[0], door + " " + language, problems));
            }
        }
        OnScreen.fx(() -> {
            kiosk[0].close();
            stage[0].close();
        });
        Platform.exit();
        return problems;
    }

    private static void check(javafx.scene.Scene scene, Stage stage, String what, List<String> problems) {
        var screen = javafx.stage.Screen.getPrimary().getBounds();
        String where = what + " at " + (int) screen.getWidth() + "x" + (int) screen.getHeight() + ": ";
        if (scene.getWidth() > screen.getWidth() || scene.getHeight() > screen.getHeight()) {
            problems.add(where + "the scene is " + scene.getWidth() + "x" + scene.getHeight());
        }
        if (stage.getX() < screen.getMinX() || stage.getY() < screen.getMinY()
                || stage.getX() + stage.getWidth() > screen.getMaxX()
                || stage.getY() + stage.getHeight() > screen.getMaxY()) {
            problems.add(where + "the window is at " + stage.getX() + "," + stage.getY() + " " + stage.getWidth()
                    + "x" + stage.getHeight());
        }
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        outside(scene.getRoot(), scene.getWidth(), scene.getHeight(), where, problems);
    }

    /** Visible nodes outside the window; a list that scrolls may reach past it, what it is for. */
    private static void outside(Node node, double width, double height, String where, List<String> problems) {
        if (!node.isVisible()) {
            return;
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        if (b.getWidth() > 0 && (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > width + 1
                || b.getMaxY() > height + 1)) {
            problems.add(where + node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId())
                    + " " + node.getStyleClass() + " lies outside the window at " + b);
        }
        if (node instanceof ScrollPane) {
            return;
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> outside(child, width, height, where, problems));
        }
    }
}
