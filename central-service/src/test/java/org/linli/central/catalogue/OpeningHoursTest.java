package org.linli.central.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
    static final LocalTime EIGHT = LocalTime.of(8, 0);
    static final LocalTime NINE_PM = LocalTime.of(21, 0);

    @Test
    void aHubWhoseWeekWasNeverSetIsOpenEveryDayWithoutClosures() {
        OpeningHours hours = OpeningHours.everyDay(EIGHT, NINE_PM);
        for (int day = 0; day < 7; day++) {
            assertEquals(new OpeningHours.Day(EIGHT, NINE_PM), hours.on(LocalDate.of(2027, 1, 4).plusDays(day))
                    .orElseThrow());
        }
    }

    @Test
    void aClosureOutranksItsWeekdayAndAClosedWeekdayHasNoHours() {
        Map<DayOfWeek, OpeningHours.Day> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.FRIDAY, new OpeningHours.Day(EIGHT, NINE_PM));
        week.put(DayOfWeek.SATURDAY, new OpeningHours.Day(LocalTime.of(9, 30), LocalTime.of(17, 0)));
        TreeMap<LocalDate, String> closures = new TreeMap<>(Map.of(LocalDate.of(2027, 1, 1), "元旦"));
        OpeningHours hours = new OpeningHours(week, closures);

        assertTrue(hours.on(LocalDate.of(2027, 1, 1)).isEmpty(), "a Friday, but closed");
        assertEquals("the hub is closed on 2027-01-01 (元旦)", hours.whyClosed(LocalDate.of(2027, 1, 1)));
        assertEquals(LocalTime.of(9, 30), hours.on(LocalDate.of(2027, 1, 2)).orElseThrow().open());
        assertTrue(hours.on(LocalDate.of(2027, 1, 3)).isEmpty(), "Sunday has no hours");
        assertEquals("the hub is closed on sundays", hours.whyClosed(LocalDate.of(2027, 1, 3)));
        assertEquals(new OpeningHours.Day(EIGHT, NINE_PM), hours.span().orElseThrow(), "earliest and latest");
    }
}
