package org.linli.central.events;

/** {@code counter}: a clerk opened or closed a counter; boards leave a closed one out of "now serving". */
public record CounterEvent(String hub, String counter, boolean open) implements Event {

    @Override
    public String eventName() {
        return "counter";
    }
}
