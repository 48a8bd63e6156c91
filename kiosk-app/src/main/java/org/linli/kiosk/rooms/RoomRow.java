package org.linli.kiosk.rooms;

import java.time.Instant;
import java.util.List;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.RoomState;
import org.linli.kiosk.central.Model.Slot;

/**
 * A room in the list with its live state (null when not known) and today's slots (null when they could not be
 * loaded): the tile draws the day as a bar and says how much of it is still free.
 */
public record RoomRow(Room room, RoomState live, List<Slot> today) {
    public RoomRow {
        today = today == null ? null : List.copyOf(today);
    }

    /** Slots still to come today that nobody has booked. */
    public long freeLeft(Instant now) {
        return today == null ? 0 : today.stream().filter(s -> s.free() && s.start().toInstant().isAfter(now)).count();
    }

    /** Whether any slot of today has not begun yet. */
    public boolean dayLeft(Instant now) {
        return today != null && today.stream().anyMatch(s -> s.start().toInstant().isAfter(now));
    }

    public boolean inUse() {
        return live != null && live.occupied();
    }

    /** More people in the room than it is made for: the list says so, staff see an alert. */
    public boolean overCapacity() {
        return live != null && "over_capacity".equals(live.status());
    }
}
