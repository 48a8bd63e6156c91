package org.linli.agent.hardware;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * A lock relay on a GPIO output. Fail-secure: the lock holds when the relay is not energised, so a crash or a power
 * cut leaves the door locked; fail-safe (fire exits) is the reverse. The pin's initial and shutdown states are set
 * to "locked" by {@link Pi4jBoard} when it creates the output.
 */
public final class Pi4jRelay implements Relay {
    private final DigitalOutput output;
    private final DigitalState lockedLevel;
    private final DigitalState unlockedLevel;

    public Pi4jRelay(DigitalOutput output, DigitalState lockedLevel) {
        this.output = output;
        this.lockedLevel = lockedLevel;
        this.unlockedLevel = lockedLevel == DigitalState.HIGH ? DigitalState.LOW : DigitalState.HIGH;
    }

    /** The pin level that means "locked" for this wiring. */
    public static DigitalState lockedLevel(boolean activeHigh, boolean failSecure) {
        boolean energisedLocked = !failSecure;
        boolean high = activeHigh == energisedLocked;
        return high ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public void lock() {
        output.state(lockedLevel);
    }

    @Override
    public void unlock() {
        output.state(unlockedLevel);
    }

    @Override
    public boolean unlocked() {
        return output.state() == unlockedLevel;
    }
}
