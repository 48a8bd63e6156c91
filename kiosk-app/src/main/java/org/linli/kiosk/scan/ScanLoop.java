package org.linli.kiosk.scan;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.linli.protocol.qr.QrFrameDecoder;

/**
 * Reads camera frames on its own thread, decodes QR codes in them with hub-protocol's {@link QrFrameDecoder}, and
 * reports each code once (a code held in front of the camera is seen in many frames). Every frame also goes to the
 * preview, which takes the latest one and drops the rest.
 */
public final class ScanLoop {
    private static final System.Logger LOG = System.getLogger(ScanLoop.class.getName());
    private static final Duration SAME_CODE_QUIET = Duration.ofSeconds(5);

    private final Supplier<FrameSource> sources;
    private final Consumer<String> onCode;
    private final Consumer<Frame> onFrame;
    private final Duration framePause;
    private volatile Thread thread;
    private volatile FrameSource source;

    /**
     * @param framePause pause between frames for sources that are not paced by a camera (files); zero for cameras
     */
    public ScanLoop(Supplier<FrameSource> sources, Duration framePause, Consumer<String> onCode,
            Consumer<Frame> onFrame) {
        this.sources = sources;
        this.framePause = framePause;
        this.onCode = onCode;
        this.onFrame = onFrame;
    }

    public synchronized void start() {
        if (thread == null) {
            // assigned before it starts: the loop runs while it is the current thread
            thread = Thread.ofPlatform().daemon().name("camera-scan").unstarted(this::run);
            thread.start();
        }
    }

    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            FrameSource open = source;
            if (open != null) {
                open.close();
            }
        }
    }

    private void run() {
        QrFrameDecoder decoder = new QrFrameDecoder();
        String lastCode = null;
        long lastSeen = 0;
        try (FrameSource frames = sources.get()) {
            source = frames;
            while (thread == Thread.currentThread()) {
                Frame frame = frames.next();
                if (frame == null) {
                    return;
                }
                onFrame.accept(frame);
                var code = decoder.decode(frame.luma(), frame.width(), frame.height());
                long now = System.nanoTime();
                if (code.isPresent() && (!code.get().equals(lastCode) || now - lastSeen > SAME_CODE_QUIET.toNanos())) {
                    lastCode = code.get();
                    lastSeen = now;
                    onCode.accept(code.get());
                } else if (code.isPresent()) {
                    lastSeen = now;
                }
                if (!framePause.isZero()) {
                    // pacing for file sources, which would otherwise spin a core; a camera paces itself
                    Thread.sleep(framePause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "camera stopped: " + e.getMessage());
        }
    }
}
