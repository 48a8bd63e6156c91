package org.linli.central.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spans of a room's use on the dashboard's day strip, from its samples. */
class DaySoFarTest {
    private static final long MINUTE = 60_000;
    private static final long TEN = 10 * 60 * MINUTE;

    private static long[] sample(long ts, boolean occupied) {
        return new long[] {ts, occupied ? 1 : 0};
    }

    private static String spans(List<long[]> spans) {
        return spans.stream().map(s -> "[" + (s[0] - TEN) / 1000 + "s, " + (s[1] - TEN) / 1000 + "s]").toList()
                .toString();
    }

    @Test
    void aFlickeringSensorMakesOneSpanNotOneAMinute() {
        List<long[]> samples = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            samples.add(sample(TEN + m * MINUTE, true));
            samples.add(sample(TEN + m * MINUTE + 30_000, false));
        }
        assertEquals("[[0s, 3570s]]", spans(DaySoFar.used(false, samples, TEN - 60 * MINUTE, TEN + 70 * MINUTE)));
    }

    @Test
    void aPauseOfFiveMinutesOrMoreSeparatesTwoUses() {
        List<long[]> samples = List.of(sample(TEN, true), sample(TEN + 10 * MINUTE, false),
                sample(TEN + 15 * MINUTE, true), sample(TEN + 20 * MINUTE, false),
                sample(TEN + 24 * MINUTE + 59_000, true), sample(TEN + 30 * MINUTE, false));
        // 5 minutes free: two uses; 4:59 free: one
        assertEquals("[[0s, 600s], [900s, 1800s]]", spans(DaySoFar.used(false, samples, TEN, TEN + 60 * MINUTE)));
    }

    @Test
    void repeatedSamplesOfTheSameStateChangeNothing() {
        List<long[]> samples = List.of(sample(TEN, true), sample(TEN + MINUTE, true), sample(TEN + 2 * MINUTE, false),
                sample(TEN + 20 * MINUTE, false));
        assertEquals("[[0s, 120s]]", spans(DaySoFar.used(false, samples, TEN, TEN + 60 * MINUTE)));
    }

    @Test
    void aUseStillGoingOnRunsUntilNowAndTakesInAShortPauseBeforeIt() {
        List<long[]> samples = List.of(sample(TEN + MINUTE, false), sample(TEN + 3 * MINUTE, true));
        // in use when the strip starts, free for two minutes, in use again: one span, still open
        assertEquals("[[-600s, 900s]]", spans(DaySoFar.used(true, samples, TEN - 10 * MINUTE, TEN + 15 * MINUTE)));
    }

    @Test
    void beforeTheStripBeginsNoSpanIsLeftOpen() {
        List<long[]> samples = List.of(sample(TEN, true));
        assertEquals("[]", spans(DaySoFar.used(false, samples, TEN, null)));
    }
}
