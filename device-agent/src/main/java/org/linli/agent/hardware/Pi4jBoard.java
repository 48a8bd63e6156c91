package org.linli.agent.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.function.Consumer;
import org.linli.agent.config.AgentConfig;

/**
 * The GPIO board: a Pi4J context with exactly the providers configuration asks for (no auto-detection, so a laptop
 * never tries to open /dev/gpiochip0), and factories for our hardware interfaces on its pins.
 */
public final class Pi4jBoard implements AutoCloseable {
    private final Context context;
    private final String inputProvider;
    private final String outputProvider;

    public Pi4jBoard(AgentConfig.Hardware hardware) {
        // Pi4J's own shutdown hook would race the agent's, which locks every door first and then closes this board
        // (applying the pins' shutdown states); a door must not be left to whichever hook runs first
        var builder = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook();
        switch (hardware.provider()) {
            case AgentConfig.Hardware.GPIOD -> {
                builder.add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                        .setGpioChipName(hardware.gpioChip());
                inputProvider = GpioDDigitalInputProvider.ID;
                outputProvider = GpioDDigitalOutputProvider.ID;
            }
            case AgentConfig.Hardware.LINUXFS -> {
                builder.add(LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance());
                inputProvider = LinuxFsDigitalInputProvider.ID;
                outputProvider = LinuxFsDigitalOutputProvider.ID;
            }
            default -> {
                builder.add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance());
                inputProvider = MockDigitalInputProvider.ID;
                outputProvider = MockDigitalOutputProvider.ID;
            }
        }
        this.context = builder.build();
    }

    public static Pi4jBoard mock() {
        return new Pi4jBoard(new AgentConfig.Hardware(AgentConfig.Hardware.MOCK, "gpiochip0"));
    }

    public static String pinId(int pin) {
        return "gpio-" + pin;
    }

    public Pi4jInput input(int pin, boolean activeHigh) {
        DigitalInput input = context.create(DigitalInput.newConfigBuilder(context)
                .id(pinId(pin)).name("GPIO " + pin).address(pin)
                // pull towards "inactive", so a cut wire reads as no motion, beam intact, door closed
                .pull(activeHigh ? PullResistance.PULL_DOWN : PullResistance.PULL_UP)
                .debounce(3000L)
                .provider(inputProvider));
        return new Pi4jInput(input, activeHigh);
    }

    public Pi4jRelay relay(int pin, boolean activeHigh, boolean failSecure) {
        DigitalState locked = Pi4jRelay.lockedLevel(activeHigh, failSecure);
        DigitalOutput output = context.create(DigitalOutput.newConfigBuilder(context)
                .id(pinId(pin)).name("relay GPIO " + pin).address(pin)
                .initial(locked).shutdown(locked)
                .provider(outputProvider));
        Pi4jRelay relay = new Pi4jRelay(output, locked);
        relay.lock();
        return relay;
    }

    /** A LED or buzzer on an output, off from the start and again when the board closes. */
    public Pi4jIndicator indicator(int pin, boolean activeHigh) {
        DigitalState off = Pi4jIndicator.offLevel(activeHigh);
        DigitalOutput output = context.create(DigitalOutput.newConfigBuilder(context)
                .id(pinId(pin)).name("indicator GPIO " + pin).address(pin)
                .initial(off).shutdown(off)
                .provider(outputProvider));
        Pi4jIndicator indicator = new Pi4jIndicator(output, activeHigh);
        indicator.off();
        return indicator;
    }

    /** Drives a mock input pin to a level (the simulation); only on the mock board. */
    public void mockInput(int pin, boolean high) {
        context.registry().get(pinId(pin), MockDigitalInput.class)
                .mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    /**
     * Calls {@code onChange} with {@code true} when a relay output moves to "unlocked" and {@code false} when it moves
     * to "locked", from Pi4J's listener on the pin itself (on the thread that wrote it).
     */
    public void onRelayChange(int pin, boolean activeHigh, boolean failSecure, Consumer<Boolean> onChange) {
        DigitalState locked = Pi4jRelay.lockedLevel(activeHigh, failSecure);
        context.registry().get(pinId(pin), DigitalOutput.class)
                .addListener(e -> onChange.accept(e.state() != locked));
    }

    /** The Pi4J context, for the simulation and tests that drive mock pins. */
    public Context context() {
        return context;
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
