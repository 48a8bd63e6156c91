package org.linli.agent.hardware;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.function.Consumer;

/** One GPIO input read as active/inactive; serves as a PIR, a door contact or one beam of a pair. */
public final class Pi4jInput implements MotionSensor, DoorContact {
    private final DigitalInput input;
    private final boolean activeHigh;

    public Pi4jInput(DigitalInput input, boolean activeHigh) {
        this.input = input;
        this.activeHigh = activeHigh;
    }

    public boolean active() {
        return input.state() == (activeHigh ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Calls {@code listener} on the Pi4J thread with the new active state; listeners must hand work on. */
    public void onActive(Consumer<Boolean> listener) {
        input.addListener(event -> {
            if (event.state() != DigitalState.UNKNOWN) {
                listener.accept(event.state() == (activeHigh ? DigitalState.HIGH : DigitalState.LOW));
            }
        });
    }

    @Override
    public void onMotion(Consumer<Boolean> listener) {
        onActive(listener);
    }

    @Override
    public boolean open() {
        return active();
    }

    @Override
    public void onChange(Consumer<Boolean> openListener) {
        onActive(openListener);
    }
}
