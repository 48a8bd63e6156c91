package org.linli.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/**
 * What a door camera sees when a resident holds up a phone showing the kiosk's QR: the picture of the QR, scaled
 * into a 640×480 frame, written as raw YUV420 the way {@code rpicam-vid --codec yuv420} writes it.
 */
final class CameraFrames {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private CameraFrames() {
    }

    /** The luma of a frame with the image centred at {@code side} pixels on a grey wall. */
    static byte[] frame(Image image, int side) {
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, (byte) 150);
        PixelReader pixels = image.getPixelReader();
        int left = (WIDTH - side) / 2;
        int top = (HEIGHT - side) / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int argb = pixels.getArgb((int) (x * image.getWidth() / side), (int) (y * image.getHeight() / side));
                int grey = (((argb >> 16) & 0xff) * 299 + ((argb >> 8) & 0xff) * 587 + (argb & 0xff) * 114) / 1000;
                luma[(top + y) * WIDTH + left + x] = (byte) grey;
            }
        }
        return luma;
    }

    /** Writes one YUV420 frame: the luma plane, then neutral chroma. */
    static void write(OutputStream out, byte[] luma) throws IOException {
        out.write(luma);
        byte[] chroma = new byte[WIDTH * HEIGHT / 2];
        Arrays.fill(chroma, (byte) 128);
        out.write(chroma);
        out.flush();
    }
}
