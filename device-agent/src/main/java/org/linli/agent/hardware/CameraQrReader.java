package org.linli.agent.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.linli.protocol.qr.QrFrameDecoder;

/**
 * A camera reader: runs a command that writes raw YUV420 frames of {@code width}×{@code height} to its standard output
 * (e.g. {@code rpicam-vid -t 0 -n --codec yuv420 --width 640 --height 480 --framerate 10 -o -}) and decodes the luma
 * plane of each with ZXing. A code held in front of the camera is reported once, not once per frame.
 */
public final class CameraQrReader implements QrReader {
    private static final System.Logger LOG = System.getLogger(CameraQrReader.class.getName());
    private static final long REPEAT_AFTER_MS = 3000;
    private static final long FIRST_RETRY_MS = 2000;
    private static final long MAX_RETRY_MS = 60_000;

    private final String name;
    private final String command;
    private final int width;
    private final int height;
    private volatile boolean running = true;
    private volatile Process process;
    private Thread thread;

    public CameraQrReader(String name, String command, int width, int height) {
        this.name = name;
        this.command = command;
        this.width = width;
        this.height = height;
    }

    @Override
    public void start(Consumer<String> onText) {
        thread = new Thread(() -> run(onText), "camera-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<String> onText) {
        QrFrameDecoder decoder = new QrFrameDecoder();
        int lumaBytes = width * height;
        // only the luma plane is kept; the chroma planes after it are read through a small buffer (-150 kB at VGA)
        byte[] frame = new byte[lumaBytes];
        byte[] chroma = new byte[8192];
        long retryMs = FIRST_RETRY_MS;
        while (running) {
            long frames = 0;
            process = null;
            try {
                process = new ProcessBuilder(List.of("sh", "-c", command))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try (InputStream in = process.getInputStream()) {
                    String last = null;
                    long lastAt = 0;
                    while (running && in.readNBytes(frame, 0, lumaBytes) == lumaBytes
                            && skip(in, chroma, lumaBytes / 2)) {
                        frames++;
                        Optional<String> text = decoder.decode(frame, width, height);
                        long now = System.currentTimeMillis();
                        if (text.isPresent() && (!text.get().equals(last) || now - lastAt > REPEAT_AFTER_MS)) {
                            onText.accept(text.get());
                            last = text.get();
                            lastAt = now;
                        }
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "camera {0}: {1}", name, e.getMessage());
            }
            if (running) {
                // a command that keeps ending without a frame (not installed, no camera) is tried less and less
                // often, up to once a minute; one that gave frames is restarted after the first pause again
                if (frames > 0) {
                    retryMs = FIRST_RETRY_MS;
                }
                LOG.log(System.Logger.Level.WARNING, "camera command for {0} ended after {1} frames ({2}): {3};"
                        + " restarting it in {4} s", name, frames, ended(process), command, retryMs / 1000);
                try {
                    Thread.sleep(retryMs);
                } catch (InterruptedException e) {
                    return;
                }
                retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
            }
        }
    }

    /** Why the command stopped, as far as its exit status tells (127 is the shell's "command not found"). */
    static String ended(Process process) {
        if (process == null) {
            return "it did not start";
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroy();
                return "its output ended, so it was stopped";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return switch (process.exitValue()) {
            case 127 -> "exit status 127: the command was not found";
            case 126 -> "exit status 126: the command cannot be run";
            case 0 -> "exit status 0";
            default -> "exit status " + process.exitValue() + "; is the camera connected and enabled?";
        };
    }

    /** Reads and drops {@code count} bytes (a pipe cannot seek); false at the end of the stream. */
    private static boolean skip(InputStream in, byte[] buffer, int count) throws IOException {
        for (int left = count; left > 0; ) {
            int n = in.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            left -= n;
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        Process p = process;
        if (p != null) {
            p.destroy();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
