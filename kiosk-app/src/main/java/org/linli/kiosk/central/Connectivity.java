package org.linli.kiosk.central;

import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Whether the central service answered the last call. Every call reports here, so the offline banner appears on
 * the first failure and leaves on the first success, from whichever thread made the call.
 */
public final class Connectivity {
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(true);
    private final Executor ui;
    private volatile boolean last = true;

    /** @param ui runs property changes where the screen reads them (the JavaFX thread) */
    public Connectivity(Executor ui) {
        this.ui = ui;
    }

    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    public boolean isOnline() {
        return last;
    }

    void report(boolean reachable) {
        if (last != reachable) {
            last = reachable;
            ui.execute(() -> online.set(reachable));
        }
    }
}
