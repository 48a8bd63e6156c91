package org.linli.agent.hardware;

/** A LED or buzzer that shows which device this is: on or off, whatever level that takes on the pin. */
public interface Indicator {
    void on();

    void off();

    boolean lit();
}
