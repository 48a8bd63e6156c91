package org.linli.central.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.linli.protocol.payload.OccupancyPayload;

class RoomStatesTest {
    private static final long T = 1_800_000_000_000L;

    @Test
    void keepsTheTimeOccupancyLastChangedAndIgnoresLateSamples() {
        RoomStates states = new RoomStates();
        assertTrue(states.apply("d", new OccupancyPayload(T, 1, "studio", true, 2, "beam")).isPresent());
        assertTrue(states.apply("d", new OccupancyPayload(T + 1000, 2, "studio", true, 3, "beam")).isPresent());
        assertEquals(T, states.get("studio").orElseThrow().sinceTs());
        // an outbox replay of an older sample does not turn the room back
        assertTrue(states.apply("d", new OccupancyPayload(T - 5000, 3, "studio", false, 0, "beam")).isEmpty());
        assertEquals(3, states.get("studio").orElseThrow().count());
        // the same picture again is no change for the screens
        assertTrue(states.apply("d", new OccupancyPayload(T + 2000, 4, "studio", true, 3, "beam")).isEmpty());
        RoomStates.Sensed empty = states.apply("d", new OccupancyPayload(T + 3000, 5, "studio", false, 0, "beam"))
                .orElseThrow();
        assertEquals(T + 3000, empty.sinceTs());
    }
}
