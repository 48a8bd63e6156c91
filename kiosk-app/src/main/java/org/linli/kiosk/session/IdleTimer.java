package org.linli.kiosk.session;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Idle reset: after {@code after} without a touch the kiosk goes back to the attract screen and forgets what was
 * entered; during the last {@code warning} it asks "need more time?". Driven by {@link #tick()} from a screen timer,
 * and by an {@link InstantSource} so that tests move time instead of waiting for it.
 */
public final class IdleTimer {
    private final Duration after;
    private final Duration warning;
    private final InstantSource clock;
    private final Runnable onTimeout;
    private final ReadOnlyBooleanWrapper warningShown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(0);
    private Instant lastTouch;
    private boolean armed;

    public IdleTimer(Duration after, Duration warning, InstantSource clock, Runnable onTimeout) {
        this.after = after;
        this.warning = warning;
        this.clock = clock;
        this.onTimeout = onTimeout;
        this.lastTouch = clock.instant();
    }

    public ReadOnlyBooleanProperty warningProperty() {
        return warningShown.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    /**
     * Armed away from the attract screen, and on it while there is something of a resident's to reset (who they are,
     * the language they chose): {@link ShellViewModel} decides.
     */
    public void setArmed(boolean armed) {
        this.armed = armed;
        touch();
    }

    /** Any touch, key or scan: the resident is still here. */
    public void touch() {
        lastTouch = clock.instant();
        warningShown.set(false);
    }

    public void tick() {
        if (!armed) {
            return;
        }
        Duration idle = Duration.between(lastTouch, clock.instant());
        if (idle.compareTo(after) >= 0) {
            armed = false;
            warningShown.set(false);
            onTimeout.run();
        } else if (idle.compareTo(after.minus(warning)) >= 0) {
            long millisLeft = after.minus(idle).toMillis();
            secondsLeft.set((int) ((millisLeft + 999) / 1000));
            warningShown.set(true);
        }
    }
}
