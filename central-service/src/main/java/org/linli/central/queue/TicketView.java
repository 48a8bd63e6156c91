package org.linli.central.queue;

/** A ticket as the API shows it, with its place in the queue, and the hub it was drawn at. */
public record TicketView(String id, String number, String hub, String service, String state, String counter,
        Integer peopleAhead, Integer estimatedWaitMinutes, String transferredTo) {
}
