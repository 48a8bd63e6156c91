package org.linli.kiosk.rooms;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Opening;

/**
 * The days the rooms screen offers: from the hub's today to a room's furthest bookable day, and of those only the days
 * the hub opens (its holidays and closed weekdays do not); a room's timeline starts on the first of them that is not
 * over (after closing time, the next). Every day counts as open until the hub is first loaded;
 * the central service refuses a booking on a closed day in any case.
 */
final class BookableDays {
    /** How far ahead a room is bookable when the central service does not say. */
    private static final int DAYS_AHEAD = 14;

    private final InstantSource clock;
    private final ZoneId zone;
    /** The hub as last loaded: which days it opens. Null until the first load. */
    private Hub hub;

    BookableDays(InstantSource clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    void hub(Hub loaded) {
        hub = loaded;
    }

    boolean opensOn(LocalDate day) {
        return hub == null || hub.opensOn(day, today());
    }

    /**
     * The first day within the room's reach that the hub opens and has not closed yet: on a holiday, the day it opens
     * again; after the day's closing time the next day it opens (today's slots are all gone by then, and a resident
     * who books at night books for another day). Before opening time it is today.
     */
    LocalDate firstOpen(Room room) {
        LocalDate today = today();
        LocalDate furthest = today.plusDays(daysAhead(room));
        LocalDate day = closedForTheDay(today) ? today.plusDays(1) : today;
        while (!opensOn(day) && day.isBefore(furthest)) {
            day = day.plusDays(1);
        }
        return opensOn(day) && !day.isAfter(furthest) ? day : today;
    }

    /** Whether the hub has closed for the rest of today: it opens next on a later day, or not within sight. */
    private boolean closedForTheDay(LocalDate today) {
        return hub != null && Opening.shut(hub.openingHours(), hub.week(), clock.instant(), zone)
                .map(shut -> shut.opens() == null || shut.opens().toLocalDate().isAfter(today)).orElse(false);
    }

    /** Whether a day lies within today .. the room's furthest bookable day (closed or not). */
    boolean inReach(Room room, LocalDate day) {
        LocalDate today = today();
        return !day.isBefore(today) && !day.isAfter(today.plusDays(daysAhead(room)));
    }

    private static int daysAhead(Room room) {
        return room == null || room.rules() == null ? DAYS_AHEAD : room.rules().maxDaysAhead();
    }
}
