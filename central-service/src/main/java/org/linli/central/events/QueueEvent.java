package org.linli.central.events;

/** {@code queue}: how many wait for a service and how long a new ticket would wait (minutes). */
public record QueueEvent(String hub, String service, int waiting, int estimatedWaitMinutes) implements Event {

    @Override
    public String eventName() {
        return "queue";
    }
}
