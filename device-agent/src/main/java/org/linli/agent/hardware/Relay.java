package org.linli.agent.hardware;

/** A door's lock relay, in terms of the door: locked or unlocked, whatever level that takes on the pin. */
public interface Relay {
    void lock();

    void unlock();

    boolean unlocked();
}
