package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Shows that the screen thread still answers. Every period it asks the screen thread to note that it ran, and when
 * the last request was answered it touches a file; {@code linli-run} feeds systemd's watchdog only while that file is
 * fresh ({@code LINLI_HEALTH_FILE}, the same variable for both). A living JVM with a hung screen thread, which the
 * watchdog's check of the process alone took for healthy, thus gets the kiosk restarted. The file is written on this
 * class's own thread, never on the screen thread, and a screen thread that is behind is not sent more requests.
 */
final class ScreenHeartbeat {
    private static final System.Logger LOG = System.getLogger(ScreenHeartbeat.class.getName());

    private final Path file;
    private final Consumer<Runnable> onScreenThread;
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private volatile boolean warned;

    ScreenHeartbeat(Path file, Consumer<Runnable> onScreenThread) {
        this.file = file;
        this.onScreenThread = onScreenThread;
    }

    /** Beats every {@code period} on a daemon thread of its own, for as long as the program runs. */
    static void start(Path file, Duration period, Consumer<Runnable> onScreenThread) {
        ScreenHeartbeat heartbeat = new ScreenHeartbeat(file, onScreenThread);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("screen-heartbeat").factory());
        timer.scheduleWithFixedDelay(heartbeat::beat, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One beat: the file is touched only if the screen thread ran what the previous beat asked of it. */
    void beat() {
        long last = asked.get();
        if (answered.get() != last) {
            return; // still waiting for the screen thread: the file grows stale
        }
        touch();
        long next = asked.incrementAndGet();
        onScreenThread.accept(() -> answered.set(next));
    }

    private void touch() {
        try {
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } else {
                Files.createFile(file);
            }
            warned = false;
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "cannot touch the health file " + file + ": " + e.getMessage()
                        + "; the watchdog will restart the kiosk");
            }
        }
    }
}
