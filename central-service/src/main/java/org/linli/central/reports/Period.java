package org.linli.central.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A range of whole days, both ends included, and the period before it to compare with: the previous calendar
 * month(s) or year for a range of whole months or a year, else as many days just before.
 */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The quick choices of the page, as of {@code today} (the scope hub's own day). */
    public static Period preset(String name, LocalDate today) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "today" -> new Period(today, today);
            case "this-week" -> new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
            case "last-week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new Period(monday, monday.plusDays(6));
            }
            case "this-month" -> new Period(today.withDayOfMonth(1), today);
            case "last-month" -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new Period(first, first.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "this-year" -> new Period(today.withDayOfYear(1), today);
            case "last-year" -> {
                LocalDate first = today.withDayOfYear(1).minusYears(1);
                yield new Period(first, first.with(TemporalAdjusters.lastDayOfYear()));
            }
            default -> throw new IllegalArgumentException("unknown period '" + name
                    + "'; one of today, this-week, last-week, this-month, last-month, this-year, last-year");
        };
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public Period previous() {
        boolean startsMonth = from.getDayOfMonth() == 1;
        if (startsMonth && from.getDayOfYear() == 1 && to.getYear() == from.getYear()) {
            // a year, or this year so far: the same days of the year before
            return new Period(from.minusYears(1), to.minusYears(1));
        }
        if (startsMonth && to.equals(to.with(TemporalAdjusters.lastDayOfMonth()))) {
            long months = ChronoUnit.MONTHS.between(from, to.plusDays(1));
            return new Period(from.minusMonths(months), from.minusDays(1));
        }
        if (startsMonth && to.getMonth() == from.getMonth() && to.getYear() == from.getYear()) {
            // this month so far: the same days of last month
            LocalDate start = from.minusMonths(1);
            LocalDate end = start.plusDays(days() - 1);
            LocalDate last = start.with(TemporalAdjusters.lastDayOfMonth());
            return new Period(start, end.isAfter(last) ? last : end);
        }
        return new Period(from.minusDays(days()), from.minusDays(1));
    }
}
