package org.linli.kiosk.scan;

/** One camera frame as luma (grayscale), one byte per pixel, rows {@code width} bytes apart. */
public record Frame(byte[] luma, int width, int height) {
    public Frame {
        if (luma.length < width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame needs " + width * height
                    + " bytes, got " + luma.length);
        }
    }
}
