package org.linli.kiosk.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.qr.QrCodes;

public class ScanLoopTest {
    @TempDir
    Path dir;

    /** A 640×480 camera-like frame: grey background, the code somewhere off centre. */
    public static BufferedImage cameraFrame(String text) {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = frame.createGraphics();
        g.setColor(new java.awt.Color(150, 150, 150));
        g.fillRect(0, 0, 640, 480);
        g.drawImage(QrCodes.image(text, 5), 170, 60, null);
        g.dispose();
        return frame;
    }

    @Test
    void findsACodeDroppedIntoTheFrameDirectoryWhileRunning() throws Exception {
        CountDownLatch found = new CountDownLatch(1);
        AtomicReference<String> code = new AtomicReference<>();
        CountDownLatch frames = new CountDownLatch(3);
        ScanLoop loop = new ScanLoop(() -> new DirectoryFrameSource(dir), Duration.ofMillis(20), text -> {
            code.set(text);
            found.countDown();
        }, frame -> frames.countDown());
        loop.start();
        try {
            assertTrue(frames.await(10, TimeUnit.SECONDS), "the empty directory still gives preview frames");
            ImageIO.write(cameraFrame("LL1:HELLO-KIOSK"), "png", dir.resolve("frame-001.png").toFile());
            assertTrue(found.await(10, TimeUnit.SECONDS));
            assertEquals("LL1:HELLO-KIOSK", code.get());
        } finally {
            loop.stop();
        }
    }

    @Test
    void aFileIsReadAsBt601Luma() throws Exception {
        Path file = dir.resolve("one.png");
        BufferedImage white = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        white.setRGB(0, 0, 0xFFFFFF);
        ImageIO.write(white, "png", file.toFile());
        try (DirectoryFrameSource source = new DirectoryFrameSource(file)) {
            Frame frame = source.next();
            assertEquals(20, frame.width());
            assertEquals((byte) 255, frame.luma()[0]);
            assertEquals(0, frame.luma()[1]);
        }
    }

    @Test
    void aCameraCommandGivesTheYPlaneOfEachYuv420Frame() throws Exception {
        // two 4x2 frames: 8 bytes of Y (value 7, then 9) and 4 bytes of chroma each
        Path raw = dir.resolve("camera.yuv");
        byte[] bytes = new byte[24];
        java.util.Arrays.fill(bytes, 0, 8, (byte) 7);
        java.util.Arrays.fill(bytes, 8, 12, (byte) 128);
        java.util.Arrays.fill(bytes, 12, 20, (byte) 9);
        java.util.Arrays.fill(bytes, 20, 24, (byte) 128);
        Files.write(raw, bytes);
        try (CommandFrameSource source = new CommandFrameSource("cat " + raw, 4, 2)) {
            assertEquals(7, source.next().luma()[0]);
            assertEquals(9, source.next().luma()[7]);
            assertEquals(null, source.next());
        }
    }
}
