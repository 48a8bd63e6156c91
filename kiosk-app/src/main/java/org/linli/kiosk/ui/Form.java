package org.linli.kiosk.ui;

import java.util.Locale;

/**
 * The panel the kiosk runs on, from the scene's size: the 1920×1080 landscape screen the screens were first drawn
 * for, a 1080×1920 portrait screen (parts stacked, the height used), or a small 800×480 touchscreen (smaller type,
 * tighter spacing, nothing that is not needed), which every screen smaller than the large ones gets too. Sizes are in pixels. A touch target is at least 15 mm on the panel
 * ({@link #targetPx}): kiosk.css sizes them for the large panels, and on a denser panel (the 7-inch 800×480 one is
 * ~133 dpi, so 60 px would be 11.5 mm) {@link Theme} raises them to what 15 mm takes at the panel's dpi.
 */
public enum Form {
    LANDSCAPE, PORTRAIT, COMPACT;

    /** Below this many pixels on the short side the large layouts do not fit. */
    static final double COMPACT_BELOW = 720;

    /** The shortest side of a touch target, in millimetres (ISO 9241-9 and the usual kiosk guidance). */
    public static final double TARGET_MM = 15;

    /**
     * The large layouts are drawn for 1920 px on the long side and 1080 on the short one; narrower, their columns
     * wrap the words into tiles taller than the screen (on 1680×1050, 1600×900, 1280×1024 and 1280×800 the header
     * and the bottom were cut off). A screen smaller than this gets the small layout, which fits and keeps its type.
     */
    static final double LARGE_LONG_SIDE = 1800;
    /** 1920×1080 less a desktop's task bar (1920×1040) still takes the large layout. */
    static final double LARGE_SHORT_SIDE = 1000;

    public static Form of(double width, double height) {
        if (Math.min(width, height) < COMPACT_BELOW) {
            return COMPACT;
        }
        if (Math.max(width, height) < LARGE_LONG_SIDE || Math.min(width, height) < LARGE_SHORT_SIDE) {
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

    /**
     * The panel's density when the configuration does not say: the 7-inch 800×480 panel (the Raspberry Pi's own
     * display and the common HDMI ones: 933 px across a 7-inch diagonal) for the small form, a 21.5-inch full-HD
     * panel for the large ones.
     */
    public double usualDpi() {
        return this == COMPACT ? 133 : 102;
    }

    /** The pixels 15 mm takes at this density, rounded up. */
    public static int targetPx(double dpi) {
        return (int) Math.ceil(TARGET_MM / 25.4 * dpi);
    }

    /** The smallest touch target kiosk.css gives on this form (a button's height); below it nothing needs raising. */
    int cssTarget() {
        return this == COMPACT ? 60 : 88;
    }

    /** A gap between parts, given as it is on the large panels; the small panel gets about 40 % of it. */
    public double gap(double large) {
        return this == COMPACT ? Math.round(large * 0.4) : large;
    }
}
