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

    /**
     * kiosk.css, then, when the panel is denser than kiosk.css's sizes allow for, a sheet that raises every touch
     * target to 15 mm at its {@code dpi}: a sheet of its own because CSS cannot compute a size from a setting.
     */
    public static void apply(Scene scene, Form form, double dpi) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().add(Theme.class.getResource("kiosk.css").toExternalForm());
        targets(form, dpi).ifPresent(scene.getStylesheets()::add);
    }

    /** The sheet that raises the touch targets, as a data: address, or none when kiosk.css's sizes are enough. */
    static java.util.Optional<String> targets(Form form, double dpi) {
        int px = Form.targetPx(dpi);
        if (px <= form.cssTarget()) {
            return java.util.Optional.empty();
        }
        // as specific as kiosk.css's per-form rules (two classes) and after them, so these win
        String css = ".kiosk .touch, .kiosk .key { -fx-min-height: %dpx; }\n".formatted(px)
                + ".kiosk .touch, .kiosk .arrow, .kiosk .key { -fx-min-width: %dpx; }\n".formatted(px);
        return java.util.Optional.of("data:text/css;base64," + java.util.Base64.getEncoder()
                .encodeToString(css.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
