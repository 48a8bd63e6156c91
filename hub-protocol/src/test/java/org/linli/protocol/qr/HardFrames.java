package org.linli.protocol.qr;

import com.google.zxing.common.BitMatrix;
import java.util.List;
import java.util.Random;

/**
 * Grayscale frames (one byte of luma per pixel) as a door or kiosk camera sees a phone held up to it: the code tilted
 * by up to ±15°, out of focus (a Gaussian blur of σ 0.8 to 1.5 px), with sensor noise, and the picture's range
 * squeezed to 15–85 % of full scale, as a cheap sensor in a dim hall delivers it. Harder than {@link SyntheticFrames}:
 * the blur is a true Gaussian, the code is rendered with anti-aliased edges at a few pixels a module, and every frame
 * draws its own angle, blur, noise and place from one seeded generator, so a run is reproducible.
 */
public final class HardFrames {
    /** A camera and how large the code appears in it. */
    public record Group(String name, int width, int height, double codeHeight) {
    }

    /**
     * What one frame draws.
     *
     * @param rotationDeg tilt of the code in the image plane
     * @param blurSigma standard deviation of the Gaussian blur, in pixels
     * @param noiseSigma standard deviation of the sensor noise, in grey levels
     * @param centreX centre of the code as a fraction of the frame's width
     * @param centreY centre of the code as a fraction of the frame's height
     */
    public record Shot(double rotationDeg, double blurSigma, double noiseSigma, double centreX, double centreY) {
    }

    /** The code with its quiet zone as 45 % of a 640×480 frame's height, and as 25 % of a 1280×720 one's. */
    public static final List<Group> GROUPS = List.of(
            new Group("640x480, code 45 %", 640, 480, 0.45),
            new Group("1280x720, code 25 %", 1280, 720, 0.25));

    static final double LOW = 0.15 * 255;
    static final double HIGH = 0.85 * 255;

    private final Random random;

    public HardFrames(long seed) {
        this.random = new Random(seed);
    }

    /** The next shot's parameters. */
    public Shot shot() {
        return new Shot(random.nextDouble(-15, 15), random.nextDouble(0.8, 1.5), random.nextDouble(4, 9),
                random.nextDouble(0.35, 0.65), random.nextDouble(0.4, 0.6));
    }

    /** A sharp shot, square to the camera, with a little noise: what every decoder reads. */
    public Shot sharpShot() {
        return new Shot(0, 0, 2, random.nextDouble(0.35, 0.65), random.nextDouble(0.4, 0.6));
    }

    /** A frame showing {@code text} as the camera of {@code group} sees it in the next shot. */
    public byte[] frame(String text, Group group) {
        return frame(text, group, shot());
    }

    /** A frame of the same kind with no code in it: the wall behind the resident. */
    public byte[] empty(Group group) {
        return frame(null, group, shot());
    }

    /** A frame showing {@code text} (nothing when null) as {@code shot} says. */
    public byte[] frame(String text, Group group, Shot shot) {
        int width = group.width();
        int height = group.height();
        double[] scene = background(width, height);
        if (text != null) {
            draw(QrCodes.matrix(text, 1), group, shot, scene);
        }
        double[] blurred = shot.blurSigma() > 0 ? blur(scene, width, height, shot.blurSigma()) : scene;
        byte[] frame = new byte[width * height];
        for (int i = 0; i < frame.length; i++) {
            double value = LOW + blurred[i] / 255 * (HIGH - LOW) + random.nextGaussian() * shot.noiseSigma();
            frame[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(value)));
        }
        return frame;
    }

    /** A wall under uneven light, with the darker edge of a door frame somewhere. */
    private double[] background(int width, int height) {
        double[] pixels = new double[width * height];
        double base = random.nextDouble(90, 150);
        double tiltX = random.nextDouble(-50, 50);
        double tiltY = random.nextDouble(-30, 30);
        int edge = (int) (width * random.nextDouble(0.05, 0.2));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double light = base + tiltX * x / width + tiltY * y / height;
                pixels[y * width + x] = x < edge ? light * 0.45 : light;
            }
        }
        return pixels;
    }

    /** Draws the code (white with black modules) with each pixel the average of 4×4 samples of it. */
    private static void draw(BitMatrix code, Group group, Shot shot, double[] scene) {
        int width = group.width();
        int height = group.height();
        int modules = code.getWidth();
        double modulePx = group.codeHeight() * height / modules;
        double angle = Math.toRadians(shot.rotationDeg());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = shot.centreX() * width;
        double cy = shot.centreY() * height;
        int reach = (int) Math.ceil(modules * modulePx * 0.75) + 2;
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(height, (int) cy + reach); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(width, (int) cx + reach); x++) {
                int inside = 0;
                int dark = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        double dx = x + (sx + 0.5) / 4 - cx;
                        double dy = y + (sy + 0.5) / 4 - cy;
                        double u = (cos * dx + sin * dy) / modulePx + modules / 2.0;
                        double v = (-sin * dx + cos * dy) / modulePx + modules / 2.0;
                        if (u >= 0 && v >= 0 && u < modules && v < modules) {
                            inside++;
                            dark += code.get((int) u, (int) v) ? 1 : 0;
                        }
                    }
                }
                if (inside > 0) {
                    double code16 = 255.0 * (inside - dark);
                    scene[y * width + x] = (code16 + scene[y * width + x] * (16 - inside)) / 16;
                }
            }
        }
    }

    private static double[] blur(double[] in, int width, int height, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        double[] horizontal = new double[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.max(0, Math.min(width - 1, x + k));
                    value += kernel[k + radius] * in[y * width + xx];
                }
                horizontal[y * width + x] = value;
            }
        }
        double[] out = new double[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.max(0, Math.min(height - 1, y + k));
                    value += kernel[k + radius] * horizontal[yy * width + x];
                }
                out[y * width + x] = value;
            }
        }
        return out;
    }
}
