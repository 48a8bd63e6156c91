package org.linli.kiosk.ui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX Primer Light underneath, the hub's orange (#F18700) and the kiosk's large type on top. */
public final class Theme {
    private Theme() {
    }

    public static void apply(Scene scene) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().add(Theme.class.getResource("kiosk.css").toExternalForm());
    }
}
