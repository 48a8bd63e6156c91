package org.linli.central.queue;

/**
 * A ticket as the API shows it, with its place in the queue, and the hub it was drawn at. {@code queued} (when it
 * joined the queue; a transferred ticket keeps its first place) and {@code called} are ISO times in the hub's zone,
 * so that a counter can show how long someone waited and has been at the counter. {@code countersOpen}: while it
 * waits, how many open counters serve its service (0: none is open now, and the estimate is what one counter would
 * take once it opens); null once it is called.
 */
public record TicketView(String id, String number, String hub, String service, String state, String counter,
        Integer peopleAhead, Integer estimatedWaitMinutes, String transferredTo, boolean priority, String queued,
        String called, Integer countersOpen) {
}
