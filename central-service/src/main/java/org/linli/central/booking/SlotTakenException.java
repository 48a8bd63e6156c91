package org.linli.central.booking;

import org.linli.central.errors.Conflict;

/** Someone else booked the room at that time first: the overlap check or, at the last moment, the trigger said so. */
public final class SlotTakenException extends Conflict {
    public SlotTakenException() {
        super("slot-taken", "The slot is taken", "someone else booked this room at that time; pick another slot");
    }
}
