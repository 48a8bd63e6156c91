package org.linli.central.catalogue;

import java.time.LocalTime;
import java.util.Optional;

/**
 * Where a room's slots fall. Availability offers slots from the hub's opening time in steps of the room's slot
 * length, and a booking must start on that length's grid counted from midnight, in whole minutes. Opening hours
 * with seconds ("08:00:03"), or an opening time off a room's grid (08:15 with 30-minute slots), would offer slots
 * that every booking of them is refused for: the seed and the staff edits refuse such hours and rooms instead.
 */
public final class SlotGrid {
    private SlotGrid() {
    }

    /** Why an opening or closing time is not a time of day in whole minutes, if it is not. */
    public static Optional<String> notWholeMinutes(LocalTime time) {
        return time.getSecond() == 0 && time.getNano() == 0 ? Optional.empty()
                : Optional.of(time + " has seconds; opening hours are hours and minutes only, like 08:00");
    }

    /** Why the hub's hours and this slot length would put the room's slots off the grid, if they would. */
    public static Optional<String> offTheGrid(Hub hub, int slotMinutes) {
        Optional<String> seconds = notWholeMinutes(hub.opens()).or(() -> notWholeMinutes(hub.closes()));
        if (seconds.isPresent()) {
            return Optional.of("hub " + hub.id() + " opens at " + hub.opens() + " and closes at " + hub.closes()
                    + ": " + seconds.get());
        }
        int opens = hub.opens().getHour() * 60 + hub.opens().getMinute();
        if (opens % slotMinutes != 0) {
            return Optional.of("hub " + hub.id() + " opens at " + hub.opens() + ", which is not on a " + slotMinutes
                    + "-minute grid from midnight: slots would start off the grid that bookings must keep; choose a"
                    + " slot length that divides " + opens + " minutes, or other opening hours");
        }
        return Optional.empty();
    }

    /** As {@link #offTheGrid(Hub, int)}, for every open weekday of the hub's week. */
    public static Optional<String> offTheGrid(Hub hub, OpeningHours hours, int slotMinutes) {
        for (OpeningHours.Day day : hours.week().values()) {
            Optional<String> problem = offTheGrid(hub.withHours(day.open(), day.close()), slotMinutes);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
