package org.linli.agent.hardware;

import java.util.function.Consumer;

/** A PIR: reports that motion started ({@code true}) or its output fell back ({@code false}). */
public interface MotionSensor {
    void onMotion(Consumer<Boolean> listener);
}
