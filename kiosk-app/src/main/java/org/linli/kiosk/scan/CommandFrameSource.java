package org.linli.kiosk.scan;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * Frames from a camera command that writes raw YUV420 to its standard output, e.g.
 * {@code rpicam-vid -t 0 -n --codec yuv420 --width 640 --height 480 -o -} on a Pi or
 * {@code ffmpeg -f v4l2 -i /dev/video0 -s 640x480 -pix_fmt yuv420p -f rawvideo -}. Only the Y plane is kept: QR
 * decoding needs luma alone.
 */
public final class CommandFrameSource implements FrameSource {
    private static final System.Logger LOG = System.getLogger(CommandFrameSource.class.getName());

    private final Process process;
    private final DataInputStream in;
    private final int width;
    private final int height;
    private final byte[] chroma;

    public CommandFrameSource(String command, int width, int height) throws IOException {
        this.width = width;
        this.height = height;
        this.chroma = new byte[width * height / 2];
        this.process = new ProcessBuilder(List.of("sh", "-c", command))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        this.in = new DataInputStream(new java.io.BufferedInputStream(process.getInputStream(), width * height * 2));
    }

    @Override
    public Frame next() throws IOException {
        byte[] luma = new byte[width * height];
        try {
            in.readFully(luma);
            in.readFully(chroma);
        } catch (EOFException e) {
            LOG.log(System.Logger.Level.WARNING, "camera command ended (exit {0})",
                    process.isAlive() ? "running" : process.exitValue());
            return null;
        }
        return new Frame(luma, width, height);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
