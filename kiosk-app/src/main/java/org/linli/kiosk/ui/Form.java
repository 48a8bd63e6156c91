package org.linli.kiosk.ui;

import java.util.Locale;

/**
 * The panel the kiosk runs on, from the scene's size: the 1920×1080 landscape screen the screens were first drawn
 * for, a 1080×1920 portrait screen (parts stacked, the height used), or a small 800×480 touchscreen (smaller type,
 * tighter spacing, nothing that is not needed). Sizes are in pixels; touch targets are sized for ~96 dpi on the small
 * panel and ~100 dpi on the large ones, the densities of common 7-inch and 21.5-inch kiosk panels.
 */
public enum Form {
    LANDSCAPE, PORTRAIT, COMPACT;

    /** Below this many pixels on the short side the large layouts do not fit. */
    static final double COMPACT_BELOW = 720;

    public static Form of(double width, double height) {
        if (Math.min(width, height) < COMPACT_BELOW) {
            return COMPACT;
        }
        return height > width ? PORTRAIT : LANDSCAPE;
    }

    /** The style class on the scene's root: kiosk.css sizes type and targets for the panel with it. */
    public String styleClass() {
        return "form-" + name().toLowerCase(Locale.ROOT);
    }

    public boolean compact() {
        return this == COMPACT;
    }

    public boolean portrait() {
        return this == PORTRAIT;
    }

    /** A gap between parts, given as it is on the large panels; the small panel gets about 40 % of it. */
    public double gap(double large) {
        return this == COMPACT ? Math.round(large * 0.4) : large;
    }
}
