package org.linli.kiosk.session;

import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Which screen is shown, and the idle reset. Leaving a screen for home forgets what was typed on every screen, so
 * the next resident never sees the last one's phone number.
 */
public final class ShellViewModel {
    private static final System.Logger LOG = System.getLogger(ShellViewModel.class.getName());

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.HOME);
    private final List<Resettable> resettables;
    private final ResidentSession resident;
    private final IdleTimer idle;
    private final Map<Screen, Runnable> onShow = new EnumMap<>(Screen.class);
    private final List<Runnable> onFinish = new java.util.ArrayList<>();
    private final List<ObservableBooleanValue> leftBehind = new java.util.ArrayList<>();

    /** @param resident who is at the kiosk: kept when going home, forgotten by {@link #finish()} and the idle reset */
    public ShellViewModel(List<Resettable> resettables, ResidentSession resident, Duration idleAfter,
            Duration idleWarning, InstantSource clock) {
        this.resettables = List.copyOf(resettables);
        this.resident = resident;
        this.idle = new IdleTimer(idleAfter, idleWarning, clock, this::idleTimeout);
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public Screen screen() {
        return screen.get();
    }

    public IdleTimer idle() {
        return idle;
    }

    /** What to do each time a screen is entered (load fresh data). */
    public void whenShown(Screen which, Runnable action) {
        onShow.put(which, action);
    }

    /** What to do when a resident is done (the language back to the kiosk's own, for the next one). */
    public void whenFinished(Runnable action) {
        onFinish.add(action);
    }

    /**
     * The idle reset runs on the attract screen too while {@code left} holds: something one resident changed there or
     * kept by going "home", such as the language, that the next one should not find. It times out as a known resident
     * does.
     */
    public void keepArmedOnHomeWhile(ObservableBooleanValue left) {
        leftBehind.add(left);
        left.addListener((o, was, now) -> {
            if (screen.get() == Screen.HOME) {
                arm();
            }
        });
    }

    public void go(Screen next) {
        if (next == Screen.HOME) {
            forget();
        }
        screen.set(next);
        arm();
        Runnable action = onShow.get(next);
        if (action != null) {
            action.run();
        }
    }

    /** Back to the attract screen, still knowing the resident: "home" between two things one resident does. */
    public void home() {
        go(Screen.HOME);
    }

    /** The resident is done ("done", or the idle reset): forget who they were, and go home. */
    public void finish() {
        resident.reset();
        onFinish.forEach(Runnable::run);
        home();
    }

    /**
     * Away from the attract screen the idle reset always runs; on it, only while a resident is known or has left
     * something changed: a resident who tapped "English" there, or took a ticket and went "home" instead of "done",
     * must not leave the kiosk in English for the next one.
     */
    private void arm() {
        idle.setArmed(screen.get() != Screen.HOME || resident.known()
                || leftBehind.stream().anyMatch(ObservableBooleanValue::get));
    }

    private void idleTimeout() {
        LOG.log(System.Logger.Level.DEBUG, "idle on {0}: back to the attract screen", screen.get());
        finish();
    }

    private void forget() {
        resettables.forEach(Resettable::reset);
    }
}
