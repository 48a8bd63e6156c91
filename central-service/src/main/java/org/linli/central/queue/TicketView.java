package org.linli.central.queue;

/**
 * A ticket as the API shows it, with its place in the queue, and the hub it was drawn at. {@code queued} (when it
 * joined the queue; a transferred ticket keeps its first place) and {@code called} are ISO times in the hub's zone,
 * so that a counter can show how long someone waited and has been at the counter.
 */
public record TicketView(String id, String number, String hub, String service, String state, String counter,
        Integer peopleAhead, Integer estimatedWaitMinutes, String transferredTo, boolean priority, String queued,
        String called) {
}
