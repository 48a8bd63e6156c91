package org.linli.kiosk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The kiosk on a screen, as the window tests, the screenshot tour, e2e's story and its soak kiosk put it there:
 * built for a panel's size in a window of that size and started; and steps run on the screen thread, waited for.
 * kiosk-app's test jar carries this class alone.
 */
public final class OnScreen {
    /** How long one step may keep the screen thread: generous for a busy machine, a stuck thread still says so. */
    private static final long STEP_SECONDS = 30;

    private OnScreen() {
    }

    /**
     * Builds the kiosk for a panel of {@code width}×{@code height}, shows it in {@code stage} at that size and starts
     * it. Call on the screen thread.
     */
    public static Kiosk show(Stage stage, KioskConfig config, InstantSource clock, Runnable exit, int width, int height,
            ZoneId zone) {
        Kiosk kiosk;
        try {
            kiosk = new Kiosk(config, clock, exit, width, height, zone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stage.setScene(kiosk.scene());
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        kiosk.start(System::nanoTime);
        return kiosk;
    }

    /** Runs {@code step} on the screen thread and waits for it; what it throws comes out here. */
    public static void fx(Runnable step) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                step.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(STEP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the screen thread did not answer");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a step on the screen thread failed", failure.get());
        }
    }
}
