package org.linli.central.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.catalogue.Name;
import org.linli.central.web.Times;

/** A resident's record as JSON, times in the hub's zone. */
final class ResidentJson {
    private ResidentJson() {
    }

    /** A number Linli does not know: nothing is kept about it. */
    static Map<String, Object> unknown(ZoneId zone, Clock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("known", false);
        body.put("asOf", Times.format(clock.instant(), zone));
        return body;
    }

    /** @param export the resident's own copy: says what the file is */
    static Map<String, Object> of(ResidentRecord r, ZoneId zone, boolean export) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("known", true);
        if (export) {
            body.put("about", "What Linli keeps about you, the resident whose phone number ends in " + r.phoneLast4()
                    + ". Your phone number itself is not stored, only a keyed hash of it and its last four digits.");
        }
        body.put("phoneLast4", r.phoneLast4());
        body.put("firstSeen", time(r.firstSeen(), zone));
        body.put("lastSeen", time(r.lastSeen(), zone));
        body.put("keptUntil", time(r.keptUntil(), zone));
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("version", r.consent().version());
        consent.put("at", time(r.consent().at(), zone));
        body.put("consent", consent);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("issued", time(r.card().issued(), zone));
        card.put("revoked", r.card().revoked());
        body.put("card", card);
        body.put("bookings", counts(r.bookings(), r.upcomingBookings().stream().map(b -> line(b, zone)).toList()));
        body.put("signups", counts(r.signups(), r.upcomingSignups().stream().map(s -> line(s, zone)).toList()));
        body.put("checkins", r.checkins());
        body.put("tickets", r.tickets());
        Map<String, Object> ratings = new LinkedHashMap<>();
        ratings.put("count", r.ratings());
        // a rating stores no resident: it is theirs only through the visit it rates
        ratings.put("anonymous", true);
        body.put("ratings", ratings);
        Map<String, Object> noShows = new LinkedHashMap<>();
        noShows.put("recent", r.noShows().recent());
        noShows.put("max", r.noShows().max());
        noShows.put("windowDays", r.noShows().windowDays());
        noShows.put("blocked", r.noShows().blockedUntil() != null);
        noShows.put("blockedUntil", time(r.noShows().blockedUntil(), zone));
        noShows.put("liftedAt", time(r.noShows().liftedAt(), zone));
        body.put("noShows", noShows);
        return body;
    }

    private static Map<String, Object> counts(ResidentRecord.Counts counts, List<Map<String, Object>> listed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upcoming", counts.upcoming());
        body.put("past", counts.past());
        body.put("upcomingElsewhere", counts.upcomingElsewhere());
        body.put("upcomingList", listed);
        return body;
    }

    private static Map<String, Object> line(ResidentRecord.BookingLine b, ZoneId zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", b.id());
        body.put("hub", b.hubId());
        body.put("room", b.roomId());
        body.put("roomName", name(b.room()));
        body.put("start", Times.format(b.start(), zone));
        body.put("end", Times.format(b.end(), zone));
        body.put("status", b.status());
        return body;
    }

    private static Map<String, Object> line(ResidentRecord.SignupLine s, ZoneId zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("activity", s.activityId());
        body.put("hub", s.hubId());
        body.put("title", name(s.title()));
        body.put("start", Times.format(s.start(), zone));
        body.put("status", s.status());
        return body;
    }

    private static Map<String, String> name(Name name) {
        return Map.of("zh", name.zh(), "en", name.en());
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : Times.format(instant, zone);
    }
}
