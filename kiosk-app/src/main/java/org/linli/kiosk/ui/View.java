package org.linli.kiosk.ui;

import javafx.scene.Node;

/** A screen's view: built once, re-rendered from its ViewModel when the step or the language changes. */
public interface View {
    Node node();
}
