package org.linli.kiosk.central;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.linli.kiosk.central.Model;
import org.linli.kiosk.central.Model.OpeningHours;

/**
 * Whether the hub is open, from {@code GET /api/v1/hubs/{hub}}: today's opening and closing time (opening before
 * closing; {@code "closed": true} on a day the hub does not open), and its week and closures for when it opens next,
 * all read in the hub's own time zone. This is the one place that reads them.
 */
public final class Opening {
    private static final System.Logger LOG = System.getLogger(Opening.class.getName());
    /** How far ahead the next opening is looked for: a hub closed longer than this says only that it is closed. */
    static final int DAYS_AHEAD = 31;

    private Opening() {
    }

    /**
     * The hub is closed now.
     *
     * @param opens when it opens next (hub time), or null when that is not known
     * @param allDay whether it does not open at all today (a closure, a closed weekday)
     */
    public record Shut(ZonedDateTime opens, boolean allDay) {
    }

    /**
     * Whether the hub is closed at {@code now}, and until when. Empty while it is open, and when today's hours are
     * not known or cannot be read, so that a kiosk that knows nothing keeps offering everything as before.
     *
     * @param week the hours beyond today and the closures, or null (an older central service): every day is then
     *     taken to have today's hours
     */
    public static Optional<Shut> shut(OpeningHours today, Model.Week week, Instant now, ZoneId zone) {
        if (today == null) {
            return Optional.empty();
        }
        LocalDate date = LocalDate.ofInstant(now, zone);
        if (today.closed() || week != null && week.closures().contains(date)) {
            return Optional.of(new Shut(nextOpening(today, week, date.plusDays(1), zone), true));
        }
        return closedUntil(today, now, zone).map(opens -> opens.toLocalDate().equals(date) ? new Shut(opens, false)
                : new Shut(nextOpening(today, week, date.plusDays(1), zone), false));
    }

    /** The first opening on or after {@code from}, or null when none is known within {@link #DAYS_AHEAD} days. */
    private static ZonedDateTime nextOpening(OpeningHours today, Model.Week week, LocalDate from, ZoneId zone) {
        for (int i = 0; i < DAYS_AHEAD; i++) {
            LocalDate day = from.plusDays(i);
            OpeningHours hours = week == null ? today : week.on(day);
            LocalTime open = hours == null ? null : time(hours.open());
            if (open != null) {
                return day.atTime(open).atZone(zone);
            }
        }
        return null;
    }

    private static LocalTime time(String text) {
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }


    /**
     * When the hub opens next, if it is closed at {@code now}: open from the opening minute up to (not including)
     * the closing minute (a closing time of 23:59 is the end of the day). Empty while it is open, and when the hours
     * are not known or cannot be read, so that a
     * kiosk that knows nothing keeps offering everything as before.
     */
    public static Optional<ZonedDateTime> closedUntil(OpeningHours hours, Instant now, ZoneId zone) {
        if (hours == null || hours.open() == null || hours.close() == null) {
            return Optional.empty();
        }
        LocalTime open;
        LocalTime close;
        try {
            open = LocalTime.parse(hours.open());
            close = LocalTime.parse(hours.close());
        } catch (DateTimeException e) {
            LOG.log(System.Logger.Level.WARNING, "opening hours not understood (" + hours + "); taken as open");
            return Optional.empty();
        }
        if (!open.isBefore(close)) {
            return Optional.empty();
        }
        ZonedDateTime here = now.atZone(zone);
        LocalTime time = here.toLocalTime();
        // The catalogue cannot write 24:00: a hub open around the clock closes at 23:59, which means the day's end.
        boolean toMidnight = close.equals(LocalTime.of(23, 59));
        if (!time.isBefore(open) && (toMidnight || time.isBefore(close))) {
            return Optional.empty();
        }
        var day = time.isBefore(open) ? here.toLocalDate() : here.toLocalDate().plusDays(1);
        return Optional.of(day.atTime(open).atZone(zone));
    }
}
