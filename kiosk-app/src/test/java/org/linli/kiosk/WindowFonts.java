package org.linli.kiosk;

import static org.linli.kiosk.OnScreen.fx;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Theme;

/**
 * The faces a kiosk's texts are drawn in, in a JVM of its own ({@link ScreenshotTourIT} runs it in a real window and on
 * Monocle's headless screen): the kiosk against the central service its configuration names, every screen in both
 * languages. It prints which glass platform drew ({@code platform GtkApplication}), the face JavaFX gives for the
 * kiosk's font in regular and bold ({@code asked NORMAL Noto Sans CJK SC}), and each face the screens' texts are in
 * with the first text seen in it ({@code face Noto Sans CJK SC Bold|签到}).
 */
final class WindowFonts {
    private WindowFonts() {
    }

    /** @param args the kiosk's configuration file */
    public static void main(String[] args) {
        int exit;
        try {
            walk(KioskConfig.load(Path.of(args[0]), Map.of()));
            exit = 0;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        // the screen thread is not a daemon: without this a failed walk would hang instead of saying so
        System.exit(exit);
    }

    private static void walk(KioskConfig config) throws Exception {
        var zone = HubZone.await(config);
        ScreenshotTour.startPlatform();
        Kiosk[] kiosk = new Kiosk[1];
        Stage[] stage = new Stage[1];
        // said last, together: the caller reads the end of what the kiosk wrote
        java.util.List<String> said = new java.util.ArrayList<>();
        fx(() -> {
            said.add("platform " + com.sun.glass.ui.Application.GetApplication().getClass().getSimpleName());
            for (FontWeight weight : new FontWeight[] {FontWeight.NORMAL, FontWeight.BOLD}) {
                said.add("asked " + weight + " " + Font.font(Theme.FONT, weight, 26).getName());
            }
            stage[0] = new Stage(StageStyle.UNDECORATED);
            kiosk[0] = OnScreen.show(stage[0], config, InstantSource.system(), () -> { }, 1920, 1080, zone);
        });
        kiosk[0].settle();
        Map<String, String> faces = new TreeMap<>();
        for (var language : new java.util.Locale[] {I18n.CHINESE, I18n.ENGLISH}) {
            fx(() -> kiosk[0].i18n().localeProperty().set(language));
            for (Screen screen : Screen.values()) {
                fx(() -> kiosk[0].shell().go(screen));
                kiosk[0].settle();
                fx(() -> {
                    // as the next frame would: a screen just built has had no style applied yet
                    kiosk[0].scene().getRoot().applyCss();
                    kiosk[0].scene().getRoot().layout();
                    collect(kiosk[0].scene().getRoot(), faces);
                });
            }
        }
        fx(() -> {
            kiosk[0].close();
            stage[0].close();
        });
        said.forEach(System.out::println);
        faces.forEach((face, text) -> System.out.println("face " + face + "|" + text));
    }

    /** Each face (family and face name) of a text on screen, with the first text seen in it. */
    private static void collect(Node node, Map<String, String> faces) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && !labeled.getText().isBlank()) {
            Font font = labeled.getFont();
            faces.putIfAbsent(font.getFamily() + "|" + font.getName(), labeled.getText().replace('\n', ' '));
        }
        if (node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
            collect(scroll.getContent(), faces);
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, faces));
        }
    }
}
