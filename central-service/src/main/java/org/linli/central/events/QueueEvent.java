package org.linli.central.events;

/**
 * {@code queue}: how many wait for a service, how long a new ticket would wait (minutes) and how many open counters
 * serve it (0: none is open now; the estimate is then what one counter would take once it opens).
 */
public record QueueEvent(String hub, String service, int waiting, int estimatedWaitMinutes, int countersOpen)
        implements Event {

    @Override
    public String eventName() {
        return "queue";
    }
}
