package org.linli.kiosk.session;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The only way out of the locked-down kiosk: five quick taps on the hub logo open a PIN pad, and the staff PIN
 * closes the app. Residents never find it by accident, and without a configured PIN there is no way out at all.
 */
public final class StaffExit {
    static final int TAPS = 5;
    static final Duration WITHIN = Duration.ofSeconds(3);

    private final String pin;
    private final InstantSource clock;
    private final Runnable exit;
    private final Deque<Instant> taps = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper asking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper wrong = new ReadOnlyBooleanWrapper(false);
    private final PhoneEntry entry = new PhoneEntry();

    public StaffExit(String pin, InstantSource clock, Runnable exit) {
        this.pin = pin;
        this.clock = clock;
        this.exit = exit;
        entry.digitsProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                wrong.set(false);
            }
        });
    }

    public ReadOnlyBooleanProperty askingProperty() {
        return asking.getReadOnlyProperty();
    }

    public PhoneEntry entry() {
        return entry;
    }

    /** The PIN last tried was wrong: the pad says so until the next digit (it cleared itself, and looked unmoved). */
    public ReadOnlyBooleanProperty wrongProperty() {
        return wrong.getReadOnlyProperty();
    }

    public void logoTapped() {
        Instant now = clock.instant();
        taps.addLast(now);
        while (!taps.isEmpty() && taps.peekFirst().isBefore(now.minus(WITHIN))) {
            taps.removeFirst();
        }
        if (taps.size() >= TAPS && pin != null) {
            taps.clear();
            entry.reset();
            wrong.set(false);
            asking.set(true);
        }
    }

    /** @return false when the PIN was wrong (the pad clears and stays open) */
    public boolean submit() {
        boolean right = pin != null && pin.equals(entry.digits());
        entry.reset();
        wrong.set(!right);
        if (right) {
            asking.set(false);
            exit.run();
        }
        return right;
    }

    public void cancel() {
        entry.reset();
        wrong.set(false);
        asking.set(false);
    }
}
