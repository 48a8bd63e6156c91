package org.linli.central.catalogue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * When a hub is open: hours per weekday (a weekday without hours is closed) and closure days (holidays), all in the
 * hub's time zone. A day's hours are the booking rules' and the availability's opening hours for that date.
 *
 * @param week     the open weekdays and their hours
 * @param closures the days the hub is closed whatever the weekday, with why (may be blank)
 */
public record OpeningHours(Map<DayOfWeek, Day> week, SortedMap<LocalDate, String> closures) {
    /** One day's hours; open before close, in whole minutes (checked where they are written). */
    public record Day(LocalTime open, LocalTime close) {
    }

    public OpeningHours {
        week = week.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(week));
        closures = new TreeMap<>(closures);
    }

    /** Every day the same hours, no closures: a hub whose week was never set. */
    public static OpeningHours everyDay(LocalTime open, LocalTime close) {
        Map<DayOfWeek, Day> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, new Day(open, close));
        }
        return new OpeningHours(week, new TreeMap<>());
    }

    /** The hours of a date in the hub's zone; empty when the hub is closed that day. */
    public Optional<Day> on(LocalDate date) {
        if (closures.containsKey(date)) {
            return Optional.empty();
        }
        return Optional.ofNullable(week.get(date.getDayOfWeek()));
    }

    /** Why the hub is closed on a date, when it is: the closure's reason, or that the weekday is closed. */
    public String whyClosed(LocalDate date) {
        String reason = closures.get(date);
        if (reason != null) {
            return "the hub is closed on " + date + (reason.isBlank() ? "" : " (" + reason + ")");
        }
        return "the hub is closed on " + date.getDayOfWeek().toString().toLowerCase(java.util.Locale.ROOT) + "s";
    }

    /** The earliest opening and latest closing of the week, or empty when it is closed all week. */
    public Optional<Day> span() {
        return week.values().stream().map(Day::open).min(LocalTime::compareTo).map(open -> new Day(open,
                week.values().stream().map(Day::close).max(LocalTime::compareTo).orElseThrow()));
    }
}
