package org.linli.central.queue;

import java.util.Locale;
import java.util.Set;

/**
 * Where a queue ticket is in its life:
 *
 * <pre>
 *   WAITING → CALLED → DONE
 *                   ↘ NO_SHOW → WAITING   (put back by staff within the no-show window)
 *                   ↘ TRANSFERRED         (a new WAITING ticket in the other service keeps the original place)
 * </pre>
 *
 * Stored and shown by its {@link #wire()} name ({@code no_show}, …).
 */
public enum TicketState {
    WAITING, CALLED, DONE, NO_SHOW, TRANSFERRED;

    /** The states a ticket in this state may move to. */
    public Set<TicketState> next() {
        return switch (this) {
            case WAITING -> Set.of(CALLED);
            case CALLED -> Set.of(DONE, NO_SHOW, TRANSFERRED);
            case NO_SHOW -> Set.of(WAITING);
            case DONE, TRANSFERRED -> Set.of();
        };
    }

    public boolean canMoveTo(TicketState state) {
        return next().contains(state);
    }

    /** The name in the database and the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketState fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
