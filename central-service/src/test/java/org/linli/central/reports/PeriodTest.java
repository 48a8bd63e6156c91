package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {
    static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

    @Test
    void quickChoicesAreCountedFromTheHubsToday() {
        assertEquals(new Period(LocalDate.of(2026, 3, 2), WEDNESDAY), Period.preset("this-week", WEDNESDAY));
        assertEquals(new Period(LocalDate.of(2026, 2, 23), LocalDate.of(2026, 3, 1)),
                Period.preset("last-week", WEDNESDAY));
        assertEquals(new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)),
                Period.preset("last-month", WEDNESDAY));
        assertEquals(new Period(LocalDate.of(2026, 1, 1), WEDNESDAY), Period.preset("this-year", WEDNESDAY));
        assertThrows(IllegalArgumentException.class, () -> Period.preset("fortnight", WEDNESDAY));
    }

    @Test
    void aMonthIsComparedWithTheMonthBeforeWhateverItsLength() {
        Period march = new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertEquals(new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), march.previous());
        Period q1 = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));
        assertEquals(new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31)), q1.previous(),
                "from 1 January: the same days a year before");
        Period aprilToJune = new Period(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30));
        assertEquals(new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)), aprilToJune.previous());
    }

    @Test
    void monthSoFarYearSoFarAndAnyDaysHaveTheirOwnPrevious() {
        Period march31 = new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 30));
        assertEquals(new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), march31.previous(),
                "30 days of March against February, cut at its end");
        assertEquals(new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 4)),
                Period.preset("this-year", WEDNESDAY).previous());
        Period days = new Period(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 9));
        assertEquals(new Period(LocalDate.of(2026, 2, 24), LocalDate.of(2026, 3, 2)), days.previous());
        assertThrows(IllegalArgumentException.class, () -> new Period(WEDNESDAY, WEDNESDAY.minusDays(1)));
    }
}
