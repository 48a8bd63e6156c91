package org.linli.central.live;

import java.util.Collection;

/**
 * People in a hub's rooms as the door counters say, against what its fire certificate allows. Only rooms with a door
 * counter count people; a room in use with no count (a motion sensor alone, or a counter at 0 while the motion sensor
 * sees someone) makes the count a lower bound. Nothing counts the lobby or the corridors.
 *
 * @param counted the sum of the rooms' counts
 * @param uncountedOccupied rooms in use whose people are not counted
 * @param capacity the hub's capacity, null when not set
 */
public record HubPeople(int counted, int uncountedOccupied, Integer capacity) {

    static HubPeople of(Collection<RoomStates.Sensed> rooms, Integer capacity) {
        int counted = 0;
        int uncounted = 0;
        for (RoomStates.Sensed room : rooms) {
            counted += room.count() == null ? 0 : room.count();
            uncounted += uncounted(room) ? 1 : 0;
        }
        return new HubPeople(counted, uncounted, capacity);
    }

    /**
     * In use, and no count to say how many: no counter, or a counter at 0 while the motion sensor sees someone (it
     * missed one coming in). Either way the hub's total is only a lower bound and the room must be checked.
     */
    static boolean uncounted(RoomStates.Sensed room) {
        return room != null && room.occupied() && (room.count() == null || room.count() == 0);
    }

    /** Whether there may be more people than counted. */
    public boolean lowerBound() {
        return uncountedOccupied > 0;
    }

    /** More counted than allowed; with uncounted rooms the lower bound alone is over. */
    public boolean over() {
        return capacity != null && counted > capacity;
    }
}
