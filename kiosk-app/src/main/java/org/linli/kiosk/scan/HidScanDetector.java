package org.linli.kiosk.scan;

import java.util.Optional;

/**
 * Tells a USB HID barcode scanner from a person at a keyboard. A scanner "types" a whole code in a burst (a few
 * milliseconds per character) and ends it with Enter; people type far slower and rarely 20 characters at once. Feed
 * every typed character with the time it arrived; Enter after a fast enough burst yields the scanned text.
 */
public final class HidScanDetector {
    /** Slowest gap between two characters of one scan; scanners manage 1–20 ms, a quick typist 80+ ms. */
    static final long MAX_GAP_NANOS = 50_000_000L;
    static final int MIN_LENGTH = 8;

    private final StringBuilder burst = new StringBuilder();
    private long lastNanos;

    /** @return the scanned text when this Enter closes a scanner burst */
    public Optional<String> accept(char c, long nanos) {
        boolean continues = burst.length() > 0 && nanos - lastNanos <= MAX_GAP_NANOS;
        lastNanos = nanos;
        if (c == '\r' || c == '\n') {
            String text = continues ? burst.toString() : "";
            burst.setLength(0);
            return text.length() >= MIN_LENGTH ? Optional.of(text) : Optional.empty();
        }
        if (!continues) {
            burst.setLength(0);
        }
        if (c >= ' ' && c != 127) {
            burst.append(c);
        }
        return Optional.empty();
    }
}
