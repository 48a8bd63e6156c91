package org.linli.kiosk.rooms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.RoomState;
import org.linli.kiosk.central.Model.Slot;

/**
 * A room in the list with its live state (null when not known) and today's slots (null when they could not be
 * loaded): the tile draws the day as a bar and says how much of it is still free, and when staff closed it for repairs.
 */
public record RoomRow(Room room, RoomState live, List<Slot> today) {
    public RoomRow {
        today = today == null ? null : List.copyOf(today);
    }

    /** How a slot of the day is drawn on the tile's bar: an hour gone is past whatever it was. */
    public enum Segment { PAST, FREE, BOOKED, REPAIRS }

    /** A stretch of today that staff closed for repairs, from the start of its first slot to the end of its last. */
    public record Repairs(OffsetDateTime start, OffsetDateTime end) {
    }

    public static Segment segment(Slot slot, Instant now) {
        return !slot.end().toInstant().isAfter(now) ? Segment.PAST : slot.free() ? Segment.FREE
                : slot.maintenance() ? Segment.REPAIRS : Segment.BOOKED;
    }

    /** Today's stretches closed for repairs that have not ended yet, slots next to each other joined into one. */
    public List<Repairs> repairsLeft(Instant now) {
        List<Repairs> stretches = new ArrayList<>();
        if (today == null) {
            return stretches;
        }
        for (Slot slot : today) {
            if (segment(slot, now) != Segment.REPAIRS) {
                continue;
            }
            int last = stretches.size() - 1;
            if (last >= 0 && !stretches.get(last).end().isBefore(slot.start())) {
                stretches.set(last, new Repairs(stretches.get(last).start(), slot.end()));
            } else {
                stretches.add(new Repairs(slot.start(), slot.end()));
            }
        }
        return List.copyOf(stretches);
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
