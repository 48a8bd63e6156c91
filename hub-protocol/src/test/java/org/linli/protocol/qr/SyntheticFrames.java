package org.linli.protocol.qr;

import com.google.zxing.common.BitMatrix;
import java.util.List;
import java.util.Random;

/**
 * Camera-like grayscale frames (one byte of luma per pixel) showing a QR code under uneven light, tilted, blurred,
 * at low contrast and with sensor noise: for decoder tests, the QR benchmark and other modules' camera tests.
 */
public final class SyntheticFrames {
    /**
     * How the camera sees the code.
     *
     * @param rotationDeg tilt of the code in the image plane
     * @param blurRadius box-blur radius in pixels (out of focus, motion)
     * @param contrast 0..1, difference between dark and light modules as a fraction of the full range
     * @param noiseSigma standard deviation of the sensor noise in grey levels
     * @param size the code's side as a fraction of the frame's height
     */
    public record Look(String name, double rotationDeg, int blurRadius, double contrast, double noiseSigma,
            double size) {
    }

    /** The looks the benchmark and tests go through. */
    public static final List<Look> LOOKS = List.of(
            new Look("sharp", 0, 0, 0.9, 2, 0.6),
            new Look("rotated 30°", 30, 0, 0.9, 2, 0.6),
            new Look("upside down", 180, 0, 0.9, 2, 0.6),
            new Look("blurred", 0, 2, 0.9, 2, 0.6),
            new Look("low contrast", 0, 0, 0.25, 2, 0.6),
            new Look("noisy", 0, 0, 0.9, 20, 0.6),
            new Look("small", 0, 0, 0.9, 2, 0.42),
            new Look("tilted, soft and noisy", 12, 1, 0.5, 10, 0.55));

    private final int width;
    private final int height;
    private final Random random;

    public SyntheticFrames(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.random = new Random(seed);
    }

    /** A frame with nothing but a wall under uneven light and noise. */
    public byte[] empty() {
        int[] pixels = background();
        return finish(pixels, 0, 3);
    }

    /** A frame showing {@code text} as a QR code the way {@code look} says. */
    public byte[] frame(String text, Look look) {
        BitMatrix code = QrCodes.matrix(text, 1);
        int modules = code.getWidth();
        double side = look.size() * height;
        double modulePx = side / modules;
        double angle = Math.toRadians(look.rotationDeg());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = width / 2.0 + (random.nextDouble() - 0.5) * (width - side) * 0.3;
        double cy = height / 2.0;
        int dark = (int) Math.round(128 - 127 * look.contrast());
        int light = (int) Math.round(128 + 127 * look.contrast());
        int[] pixels = background();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double u = (cos * dx + sin * dy) / modulePx + modules / 2.0;
                double v = (-sin * dx + cos * dy) / modulePx + modules / 2.0;
                if (u >= 0 && v >= 0 && u < modules && v < modules) {
                    pixels[y * width + x] = code.get((int) u, (int) v) ? dark : light;
                }
            }
        }
        return finish(pixels, look.blurRadius(), look.noiseSigma());
    }

    private int[] background() {
        int[] pixels = new int[width * height];
        double tiltX = 40 + random.nextDouble() * 40;
        double tiltY = random.nextDouble() * 30;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (int) (110 + tiltX * x / width + tiltY * y / height);
            }
        }
        return pixels;
    }

    private byte[] finish(int[] pixels, int blurRadius, double noiseSigma) {
        int[] blurred = blurRadius > 0 ? boxBlur(pixels, blurRadius) : pixels;
        byte[] frame = new byte[width * height];
        for (int i = 0; i < frame.length; i++) {
            int value = (int) Math.round(blurred[i] + random.nextGaussian() * noiseSigma);
            frame[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return frame;
    }

    private int[] boxBlur(int[] in, int radius) {
        int[] horizontal = new int[in.length];
        int[] out = new int[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int n = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = x + k;
                    if (xx >= 0 && xx < width) {
                        sum += in[y * width + xx];
                        n++;
                    }
                }
                horizontal[y * width + x] = sum / n;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int n = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = y + k;
                    if (yy >= 0 && yy < height) {
                        sum += horizontal[yy * width + x];
                        n++;
                    }
                }
                out[y * width + x] = sum / n;
            }
        }
        return out;
    }
}
