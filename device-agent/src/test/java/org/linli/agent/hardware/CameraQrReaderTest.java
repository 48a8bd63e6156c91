package org.linli.agent.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.qr.SyntheticFrames;

/** A real child process ({@code cat} of a file of raw YUV420 frames) as the camera command. */
class CameraQrReaderTest {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    @TempDir
    Path dir;

    @Test
    void decodesFramesFromTheCommandAndReportsACodeHeldStillOnce() throws Exception {
        SyntheticFrames frames = new SyntheticFrames(WIDTH, HEIGHT, 7);
        SyntheticFrames.Look sharp = SyntheticFrames.LOOKS.getFirst();
        String first = "LL1:FIRST-BOOKING-0001";
        String second = "LL1:SECOND-BOOKING-0002";
        ByteArrayOutputStream video = new ByteArrayOutputStream();
        yuv420(video, frames.empty());
        // the same code in three frames in a row is one scan; then a different code is another
        yuv420(video, frames.frame(first, sharp));
        yuv420(video, frames.frame(first, SyntheticFrames.LOOKS.get(1)));
        yuv420(video, frames.frame(first, sharp));
        yuv420(video, frames.frame(second, sharp));
        Path file = dir.resolve("frames.yuv");
        Files.write(file, video.toByteArray());

        BlockingQueue<String> scans = new LinkedBlockingQueue<>();
        CameraQrReader reader = new CameraQrReader("room-101", "cat '" + file + "'", WIDTH, HEIGHT);
        try {
            reader.start(scans::add);
            assertEquals(first, scans.poll(30, TimeUnit.SECONDS));
            assertEquals(second, scans.poll(30, TimeUnit.SECONDS), "the repeated frames were reported once");
        } finally {
            reader.close();
        }
    }

    @Test
    void aCommandThatIsNotThereIsSaidSoAndTriedLessAndLessOften() throws Exception {
        // on a Pi without the camera tools this was "camera command for room-101 ended; restarting it" every 2 s
        Logger logger = Logger.getLogger(CameraQrReader.class.getName());
        BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(formatter.formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        CameraQrReader reader = new CameraQrReader("room-101", "linli-no-such-camera-tool --width 640", WIDTH, HEIGHT);
        try {
            reader.start(text -> { });
            String first = warnings.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "the reader said nothing about its command ending");
            assertEquals("camera command for room-101 ended after 0 frames (exit status 127: the command was not"
                    + " found): linli-no-such-camera-tool --width 640; restarting it in 2 s", first);
            String second = warnings.poll(30, TimeUnit.SECONDS);
            assertNotNull(second, "the command was not tried again");
            assertTrue(second.endsWith("restarting it in 4 s"), second);
        } finally {
            reader.close();
            logger.removeHandler(handler);
        }
    }

    /** A luma plane followed by the two quarter-size chroma planes a camera's YUV420 output carries (grey here). */
    private static void yuv420(ByteArrayOutputStream out, byte[] luma) {
        out.writeBytes(luma);
        byte[] chroma = new byte[WIDTH * HEIGHT / 2];
        Arrays.fill(chroma, (byte) 128);
        out.writeBytes(chroma);
    }
}
