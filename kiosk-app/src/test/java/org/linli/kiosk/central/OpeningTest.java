package org.linli.kiosk.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.central.Model.OpeningHours;

/** The hub's hours read in its own zone, here New York: 13 hours from Shanghai, so Shanghai's day would not do. */
class OpeningTest {
    static final ZoneId HUB = ZoneId.of("America/New_York");
    static final OpeningHours HOURS = new OpeningHours("09:00", "17:00");
    static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    static Instant at(String time) {
        return LocalDateTime.of(DAY, java.time.LocalTime.parse(time)).atZone(HUB).toInstant();
    }

    static Optional<ZonedDateTime> opensAt(String time) {
        return Optional.of(LocalDateTime.of(DAY, java.time.LocalTime.parse(time)).atZone(HUB));
    }

    @Test
    void atThreeThirtyThreeItIsClosedUntilNineThatMorning() {
        assertEquals(opensAt("09:00"), Opening.closedUntil(HOURS, at("03:33"), HUB));
    }

    @Test
    void opensAtTheOpeningMinuteAndClosesAtTheClosingMinute() {
        assertEquals(opensAt("09:00"), Opening.closedUntil(HOURS, at("08:59:59.999"), HUB));
        assertEquals(Optional.empty(), Opening.closedUntil(HOURS, at("09:00"), HUB));
        assertEquals(Optional.empty(), Opening.closedUntil(HOURS, at("16:59:59"), HUB));
        assertEquals(Optional.of(LocalDateTime.of(DAY.plusDays(1), java.time.LocalTime.of(9, 0)).atZone(HUB)),
                Opening.closedUntil(HOURS, at("17:00"), HUB));
    }

    @Test
    void aHubThatClosesAt2359IsOpenUpToMidnight() {
        OpeningHours allDay = new OpeningHours("00:00", "23:59");
        assertEquals(Optional.empty(), Opening.closedUntil(allDay, at("23:59:30"), HUB));
        assertEquals(Optional.empty(), Opening.closedUntil(allDay, at("00:00"), HUB));
        OpeningHours evening = new OpeningHours("09:00", "23:58");
        assertEquals(Optional.of(LocalDateTime.of(DAY.plusDays(1), java.time.LocalTime.of(9, 0)).atZone(HUB)),
                Opening.closedUntil(evening, at("23:58:30"), HUB));
    }

    @Test
    void theSameInstantIsReadInTheHubsZone() {
        // 03:33 in New York is 16:33 in Shanghai, when a Shanghai hub with the same hours is open
        Instant night = at("03:33");
        assertEquals(Optional.empty(), Opening.closedUntil(HOURS, night, ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void unknownOrUnreadableHoursLeaveEverythingOffered() {
        assertEquals(Optional.empty(), Opening.closedUntil(null, at("03:33"), HUB));
        assertEquals(Optional.empty(), Opening.closedUntil(new OpeningHours(null, "17:00"), at("03:33"), HUB));
        assertEquals(Optional.empty(), Opening.closedUntil(new OpeningHours("nine", "17:00"), at("03:33"), HUB));
        assertEquals(Optional.empty(), Opening.closedUntil(new OpeningHours("17:00", "09:00"), at("03:33"), HUB));
    }

    /** A week of 09:00–17:00 with Sundays closed, and the given closures. */
    static org.linli.kiosk.central.Model.Week week(LocalDate... closures) {
        var days = new java.util.EnumMap<java.time.DayOfWeek, OpeningHours>(java.time.DayOfWeek.class);
        for (var day : java.time.DayOfWeek.values()) {
            if (day != java.time.DayOfWeek.SUNDAY) {
                days.put(day, HOURS);
            }
        }
        return new org.linli.kiosk.central.Model.Week(days, java.util.Set.of(closures));
    }

    @Test
    void onAClosureItIsClosedAllDayAndOpensOnTheNextOpenDay() {
        // DAY is a Friday: closed Friday and Saturday, Sunday closed every week: open again on Monday at nine
        OpeningHours closedToday = new OpeningHours("09:00", "17:00", true);
        assertEquals(Optional.of(new Opening.Shut(LocalDateTime.of(DAY.plusDays(3), java.time.LocalTime.of(9, 0))
                .atZone(HUB), true)), Opening.shut(closedToday, week(DAY, DAY.plusDays(1)), at("12:00"), HUB));
    }

    @Test
    void afterHoursItOpensOnTheNextDayThatIsNotClosed() {
        // Friday evening: Saturday is a holiday, Sunday closed: Monday
        assertEquals(Optional.of(new Opening.Shut(LocalDateTime.of(DAY.plusDays(3), java.time.LocalTime.of(9, 0))
                .atZone(HUB), false)), Opening.shut(HOURS, week(DAY.plusDays(1)), at("18:00"), HUB));
        assertEquals(Optional.empty(), Opening.shut(HOURS, week(DAY.plusDays(1)), at("12:00"), HUB));
        assertEquals(Optional.of(new Opening.Shut(LocalDateTime.of(DAY, java.time.LocalTime.of(9, 0)).atZone(HUB),
                false)), Opening.shut(HOURS, week(), at("08:00"), HUB));
    }

    @Test
    void closedForLongerThanItLooksAheadItSaysOnlyThatItIsClosed() {
        var closed = new org.linli.kiosk.central.Model.Week(java.util.Map.of(), java.util.Set.of());
        assertEquals(Optional.of(new Opening.Shut(null, true)),
                Opening.shut(new OpeningHours("09:00", "17:00", true), closed, at("12:00"), HUB));
    }

    @Test
    void withoutAWeekEveryDayHasTodaysHours() {
        assertEquals(Optional.of(new Opening.Shut(LocalDateTime.of(DAY.plusDays(1), java.time.LocalTime.of(9, 0))
                .atZone(HUB), false)), Opening.shut(HOURS, null, at("18:00"), HUB));
    }
}
