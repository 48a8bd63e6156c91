package org.linli.kiosk.scan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Frames from image files (PNG, JPEG): one file, or every image in a directory in name order. The directory is
 * listed again after each pass, so a demo or a test can drop a new frame in while the kiosk runs.
 */
public final class DirectoryFrameSource implements FrameSource {
    private final Path path;
    private final Deque<Path> queue = new ArrayDeque<>();
    private volatile boolean closed;

    public DirectoryFrameSource(Path path) {
        this.path = path;
    }

    @Override
    public Frame next() throws IOException {
        while (!closed) {
            if (queue.isEmpty()) {
                refill();
                if (queue.isEmpty()) {
                    return new Frame(new byte[16 * 16], 16, 16); // nothing to show yet: an empty frame, not an end
                }
            }
            Path file = queue.poll();
            BufferedImage image;
            try {
                image = ImageIO.read(file.toFile());
            } catch (IOException e) {
                continue; // a file still being written; it is read again next pass
            }
            if (image != null) {
                return toLuma(image);
            }
        }
        return null;
    }

    private void refill() throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                files.filter(f -> f.getFileName().toString().matches("(?i).*\\.(png|jpe?g)")).sorted()
                        .forEach(queue::add);
            }
        } else if (Files.exists(path)) {
            queue.add(path);
        }
    }

    /** Converts any image to luma with the BT.601 weights cameras use for Y. */
    static Frame toLuma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] luma = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                luma[y * w + x] = (byte) ((299 * r + 587 * g + 114 * b) / 1000);
            }
        }
        return new Frame(luma, w, h);
    }

    @Override
    public void close() {
        closed = true;
    }
}
