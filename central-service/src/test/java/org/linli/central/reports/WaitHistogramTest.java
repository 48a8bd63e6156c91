package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WaitHistogramTest {
    @Test
    void quantilesOfDaysKeptApartAreThoseOfAllTheirWaits() {
        WaitHistogram monday = new WaitHistogram();
        for (long seconds : new long[] {30, 300, 1199}) {
            monday.add(seconds);
        }
        WaitHistogram kept = new WaitHistogram();
        kept.add(2400);
        kept.add(0);
        WaitHistogram tuesday = new WaitHistogram();
        tuesday.addText(kept.text());
        WaitHistogram period = new WaitHistogram();
        period.addText(monday.text());
        period.addAll(tuesday);
        // waits in whole minutes: 0, 0, 5, 19, 40
        assertEquals("0:2,5:1,19:1,40:1", period.text());
        assertEquals(5, period.quantile(0.5));
        assertEquals(40, period.quantile(0.9));
        assertEquals(2, period.atLeast(15), "19 and 40");
        assertEquals(0, period.atLeast(41));
    }

    @Test
    void anEmptyHistogramHasNoMedian() {
        WaitHistogram empty = new WaitHistogram();
        empty.addText("");
        assertNull(empty.quantile(0.5));
        assertEquals("", empty.text());
    }
}
