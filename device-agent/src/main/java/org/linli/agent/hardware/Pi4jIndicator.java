package org.linli.agent.hardware;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * An indicator on a GPIO output. {@link Pi4jBoard} creates the pin off and sets its shutdown state to off, so a
 * stopped or crashed agent does not leave a LED lit or a buzzer sounding.
 */
public final class Pi4jIndicator implements Indicator {
    private final DigitalOutput output;
    private final DigitalState onLevel;
    private final DigitalState offLevel;

    public Pi4jIndicator(DigitalOutput output, boolean activeHigh) {
        this.output = output;
        this.onLevel = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.offLevel = offLevel(activeHigh);
    }

    /** The pin level that means "off" for this wiring. */
    public static DigitalState offLevel(boolean activeHigh) {
        return activeHigh ? DigitalState.LOW : DigitalState.HIGH;
    }

    @Override
    public void on() {
        output.state(onLevel);
    }

    @Override
    public void off() {
        output.state(offLevel);
    }

    @Override
    public boolean lit() {
        return output.state() == onLevel;
    }
}
