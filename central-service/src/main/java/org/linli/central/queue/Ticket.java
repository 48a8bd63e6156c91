package org.linli.central.queue;

/** A queue ticket as stored. */
public record Ticket(String id, String hubId, String serviceId, String day, String number, boolean priority,
        TicketState state, String counterId, long queuedTs, Long calledTs, Long doneTs, String transferredTo,
        Long residentId) {
}
