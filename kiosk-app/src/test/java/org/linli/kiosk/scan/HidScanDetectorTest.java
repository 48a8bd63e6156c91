package org.linli.kiosk.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HidScanDetectorTest {
    private static Optional<String> type(HidScanDetector detector, String text, long gapMillis) {
        long t = 1_000_000_000L;
        Optional<String> result = Optional.empty();
        for (char c : (text + "\r").toCharArray()) {
            t += gapMillis * 1_000_000L;
            result = detector.accept(c, t);
        }
        return result;
    }

    @Test
    void aFastBurstEndingInEnterIsAScan() {
        assertEquals(Optional.of("LL1:ABCDEF123"), type(new HidScanDetector(), "LL1:ABCDEF123", 8));
    }

    @Test
    void aPersonTypingIsNotAScan() {
        assertTrue(type(new HidScanDetector(), "LL1:ABCDEF123", 180).isEmpty());
    }

    @Test
    void aShortFastBurstIsNotAScan() {
        assertTrue(type(new HidScanDetector(), "ok", 5).isEmpty());
    }

    @Test
    void aPauseStartsANewBurst() {
        HidScanDetector detector = new HidScanDetector();
        detector.accept('x', 0);
        detector.accept('y', 10_000_000L);
        // two seconds later a scanner burst begins: the stray keys before it are not part of the code
        long t = 2_000_000_000L;
        Optional<String> result = Optional.empty();
        for (char c : "CODE12345\r".toCharArray()) {
            t += 5_000_000L;
            result = detector.accept(c, t);
        }
        assertEquals(Optional.of("CODE12345"), result);
    }
}
