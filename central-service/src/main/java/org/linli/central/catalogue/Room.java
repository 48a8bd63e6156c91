package org.linli.central.catalogue;

import java.util.List;

/**
 * A bookable room with its own booking rules.
 *
 * @param retired taken out of use by an admin: offered nowhere, kept for what refers to it ({@link Retiring})
 */
public record Room(String id, String hubId, Name name, int capacity, List<String> facilities, Rules rules,
        boolean retired) implements Retiring.Retirable {

    /** A room in use. */
    public Room(String id, String hubId, Name name, int capacity, List<String> facilities, Rules rules) {
        this(id, hubId, name, capacity, facilities, rules, false);
    }

    /**
     * @param slotMinutes bookings start and end on this grid
     * @param leadMinutes how long before its start a booking must be made at the latest
     * @param maxActivePerResident bookings one resident may hold that have not ended yet
     */
    public record Rules(int slotMinutes, int minMinutes, int maxMinutes, int leadMinutes, int maxDaysAhead,
            int maxActivePerResident) {
    }
}
