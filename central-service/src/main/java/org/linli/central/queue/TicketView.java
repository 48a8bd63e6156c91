package org.linli.central.queue;

/** A ticket as the API shows it, with its place in the queue. */
public record TicketView(String id, String number, String service, String state, String counter,
        Integer peopleAhead, Integer estimatedWaitMinutes, String transferredTo) {
}
