package org.linli.central.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.OpeningHours;
import org.linli.central.catalogue.Room;
import org.linli.central.errors.RuleViolation;

/** The rules a new booking must keep, checked before the database is touched (the overlap rule lives there). */
final class BookingRules {
    private BookingRules() {
    }

    static void check(Hub hub, OpeningHours hours, Room room, BookingRequest request, Instant now) {
        Room.Rules rules = room.rules();
        ZonedDateTime start = request.start().atZone(hub.timezone());
        ZonedDateTime end = request.end().atZone(hub.timezone());
        long minutes = Duration.between(request.start(), request.end()).toMinutes();
        if (!request.start().isAfter(now)) {
            throw new RuleViolation("in-the-past", "the booking starts in the past");
        }
        if (request.start().isBefore(now.plus(Duration.ofMinutes(rules.leadMinutes())))) {
            throw new RuleViolation("too-soon", "book at least " + rules.leadMinutes()
                    + " minutes before the start");
        }
        LocalDate lastDay = LocalDate.ofInstant(now, hub.timezone()).plusDays(rules.maxDaysAhead());
        if (start.toLocalDate().isAfter(lastDay)) {
            throw new RuleViolation("too-far-ahead", "rooms can be booked at most " + rules.maxDaysAhead()
                    + " days ahead");
        }
        OpeningHours.Day day = hours.on(start.toLocalDate())
                .orElseThrow(() -> new RuleViolation("hub-closed", hours.whyClosed(start.toLocalDate())));
        if (!start.toLocalDate().equals(end.toLocalDate()) || start.toLocalTime().isBefore(day.open())
                || end.toLocalTime().isAfter(day.close())) {
            throw new RuleViolation("outside-opening-hours", "on " + start.toLocalDate() + " the hub is open from "
                    + day.open() + " to " + day.close() + " (" + hub.timezone().getId() + ")");
        }
        if (start.getSecond() != 0 || end.getSecond() != 0 || start.getNano() != 0 || end.getNano() != 0
                || (start.getHour() * 60 + start.getMinute()) % rules.slotMinutes() != 0
                || minutes % rules.slotMinutes() != 0) {
            throw new RuleViolation("off-the-grid", "bookings start and end on the " + rules.slotMinutes()
                    + "-minute grid");
        }
        if (minutes < rules.minMinutes() || minutes > rules.maxMinutes()) {
            throw new RuleViolation("wrong-length", "a booking lasts " + rules.minMinutes() + " to "
                    + rules.maxMinutes() + " minutes");
        }
        if (request.attendees() > room.capacity()) {
            throw new RuleViolation("over-capacity", "the room holds " + room.capacity() + " people");
        }
    }
}
