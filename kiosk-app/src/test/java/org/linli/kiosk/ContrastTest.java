package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** The WCAG 2.1 formula {@link Contrast} uses, against ratios the review measured and the WCAG's own extremes. */
class ContrastTest {
    @Test
    void blackOnWhiteIsTwentyOneToOne() {
        assertEquals(21.0, Contrast.ratio(Color.BLACK, Color.WHITE), 0.01);
        assertEquals(1.0, Contrast.ratio(Color.web("#F18700"), Color.web("#F18700")), 0.001);
    }

    @Test
    void whiteOnTheBrandOrangeFailsAndInkPasses() {
        assertEquals(2.56, Contrast.ratio(Color.WHITE, Color.web("#F18700")), 0.02);
        assertEquals(4.9, Contrast.ratio(Color.web("#333333"), Color.web("#F18700")), 0.1);
        assertEquals(6.8, Contrast.ratio(Color.web("#1A1A1A"), Color.web("#F18700")), 0.05);
    }

    @Test
    void theOldBookedSlotDifferedFromAFreeOneByOneAndAHalf() {
        assertEquals(1.5, Contrast.ratio(Color.web("#D9D4CD"), Color.WHITE), 0.05);
    }

    @Test
    void halfTransparentInkOnWhiteIsAMidGrey() {
        Color grey = Contrast.blend(Color.BLACK, Color.WHITE, 0.5);
        assertEquals(0.5, grey.getRed(), 0.001);
    }
}
