package org.linli.agent.hardware;

import java.util.function.Consumer;

/** A reed contact on a door: whether the door is open now, and when that changes. */
public interface DoorContact {
    boolean open();

    void onChange(Consumer<Boolean> openListener);
}
