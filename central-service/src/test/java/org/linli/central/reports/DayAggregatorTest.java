package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;

class DayAggregatorTest {
    static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    @Test
    void aDayWhenTheClocksGoBackHasTwentyFiveHoursAndItsHoursStillAddUp() {
        // New Zealand leaves daylight saving at 03:00 on 5 April 2026: 02:00-03:00 happens twice
        long[] hours = DayAggregator.hourStarts(LocalDate.of(2026, 4, 5), AUCKLAND);
        assertEquals(25 * 3_600_000L, hours[24] - hours[0]);
        assertEquals(2 * 3_600_000L, hours[3] - hours[2], "the hour from 02:00 lasts two");
    }

    @Test
    void aDayWhenTheClocksGoForwardHasAnEmptyHour() {
        // and enters it at 02:00 on 27 September 2026: 02:00-03:00 does not happen
        long[] hours = DayAggregator.hourStarts(LocalDate.of(2026, 9, 27), AUCKLAND);
        assertEquals(23 * 3_600_000L, hours[24] - hours[0]);
        assertEquals(0, hours[3] - hours[2]);
    }

    @Test
    void openingHoursThatEndAtMidnightRunToTheNextDay() {
        Hub late = new Hub("late", "street", null, new Name("夜", "Late"), AUCKLAND, LocalTime.of(18, 0),
                LocalTime.MIDNIGHT);
        long[] open = DayAggregator.openWindow(late, LocalDate.of(2026, 3, 2));
        assertEquals(6 * 3_600_000L, open[1] - open[0]);
    }
}
