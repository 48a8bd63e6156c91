package org.linli.central.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Five refusals within a minute are a burst, whichever of them is judged last: replicas commit a door's refusals in
 * any order, and only the one that commits last sees them all.
 */
class DeniedBurstTest {
    private static final long MINUTE = 60_000;

    @Test
    void aRefusalCommittedAfterALaterOneStillCompletesTheBurst() {
        List<Long> five = List.of(1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
        // the fourth in time is the last committed: the window ending with it holds four, the burst is 1..5 s
        assertTrue(AlertRules.burstAround(five, 4_000, MINUTE, 5));
        assertTrue(AlertRules.burstAround(five, 1_000, MINUTE, 5), "the first in time, committed last");
        assertTrue(AlertRules.burstAround(five, 5_000, MINUTE, 5));
    }

    @Test
    void refusalsSpreadOverMoreThanTheWindowAreNoBurst() {
        List<Long> spread = List.of(0L, 20_000L, 40_000L, 60_000L, 80_000L);
        for (long ts : spread) {
            assertFalse(AlertRules.burstAround(spread, ts, MINUTE, 5), "at " + ts);
        }
        assertFalse(AlertRules.burstAround(List.of(1_000L, 2_000L, 3_000L, 4_000L), 4_000, MINUTE, 5), "four");
    }

    @Test
    void aBurstThatDoesNotHoldThisRefusalIsNotItsToRaise() {
        // five within a minute long before, then this one two minutes later: not this refusal's burst
        List<Long> times = List.of(0L, 1_000L, 2_000L, 3_000L, 4_000L, 124_000L);
        assertFalse(AlertRules.burstAround(times, 124_000, MINUTE, 5));
        assertTrue(AlertRules.burstAround(times, 4_000, MINUTE, 5));
    }
}
