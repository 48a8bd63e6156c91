package org.linli.central.catalogue;

import java.util.List;

/** A bookable room with its own booking rules. */
public record Room(String id, String hubId, Name name, int capacity, List<String> facilities, Rules rules) {

    /**
     * @param slotMinutes bookings start and end on this grid
     * @param leadMinutes how long before its start a booking must be made at the latest
     * @param maxActivePerResident bookings one resident may hold that have not ended yet
     */
    public record Rules(int slotMinutes, int minMinutes, int maxMinutes, int leadMinutes, int maxDaysAhead,
            int maxActivePerResident) {
    }
}
