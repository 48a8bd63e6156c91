package org.linli.kiosk.session;

import java.util.List;
import javafx.collections.ObservableList;

/** List helpers for ViewModels. */
public final class Lists {
    private Lists() {
    }

    /**
     * Replaces the content only when it differs. A screen reloads its data each time it is shown and the answer is
     * usually the same; an unchanged list then rebuilds nothing on screen.
     */
    public static <T> void replace(ObservableList<T> list, List<? extends T> fresh) {
        if (!list.equals(fresh)) {
            list.setAll(fresh);
        }
    }
}
