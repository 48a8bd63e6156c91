package org.linli.kiosk.ui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX Primer Light underneath, the hub's orange (#F18700) and the kiosk's large type on top. */
public final class Theme {
    /**
     * The one face of every text, Chinese and Latin alike (kiosk.css asks for it; Debian package fonts-noto-cjk).
     * JavaFX's CSS takes only the first family of a list and otherwise falls back to its "System" face (DejaVu Sans
     * on Debian) for Latin while fontconfig finds some other face for Chinese: the window then differs from the
     * pictures. So there is no list to fall back on, and a kiosk without the face says so.
     */
    public static final String FONT = "Noto Sans CJK SC";
    /** Where the face comes from, for the message that asks for it. */
    public static final String FONT_PACKAGE = "fonts-noto-cjk";

    private Theme() {
    }

    /** Whether {@link #FONT} is installed. Ask after JavaFX has started. */
    public static boolean fontInstalled() {
        return javafx.scene.text.Font.getFamilies().contains(FONT);
    }

    public static void apply(Scene scene) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().add(Theme.class.getResource("kiosk.css").toExternalForm());
    }
}
