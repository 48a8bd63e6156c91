package org.linli.kiosk.session;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs slow work (network, printer) off the screen thread and hands the result back to it. Tests pass
 * {@code Runnable::run} for both executors and get plain synchronous ViewModels.
 */
public final class Async {
    private static final System.Logger LOG = System.getLogger(Async.class.getName());

    private final Executor background;
    private final Executor ui;

    public Async(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        background.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                if (e instanceof RuntimeException) {
                    LOG.log(System.Logger.Level.ERROR, "background work failed", e);
                }
                ui.execute(() -> failed.accept(e));
                return;
            }
            ui.execute(() -> done.accept(result));
        });
    }

    /** Fire and forget (printing): failures are logged once, the screen already shows everything. */
    public void runQuietly(String what, Callable<?> work) {
        background.execute(() -> {
            try {
                work.call();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, what + " failed: " + e.getMessage());
            }
        });
    }
}
