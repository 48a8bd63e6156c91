package org.linli.central.queue;

/** A queue ticket; {@code state} is waiting, called, done, no_show or transferred. */
public record Ticket(String id, String hubId, String serviceId, String day, String number, boolean priority,
        String state, String counterId, long queuedTs, Long calledTs, Long doneTs, String transferredTo) {
}
