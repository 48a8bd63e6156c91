package org.linli.kiosk.home;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.linli.kiosk.central.Model.OpeningHours;

/**
 * Whether the hub is open, from its opening hours ({@code GET /api/v1/hubs/{hub}}: one opening and one closing time,
 * the same every day, opening before closing) read in the hub's own time zone. The API has no closed days or
 * per-weekday hours yet; when it gets them, this is the one place that reads them.
 */
public final class Opening {
    private static final System.Logger LOG = System.getLogger(Opening.class.getName());

    private Opening() {
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
