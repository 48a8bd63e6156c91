package org.linli.central.privacy;

import java.time.Instant;
import java.util.List;
import org.linli.central.catalogue.Name;

/**
 * What Linli keeps about one resident. Bookings and sign-ups are listed only in the hubs the member of staff who asks
 * reaches; the counts cover every hub (a resident is one resident across hubs, as the no-show rule is).
 *
 * @param keptUntil when the daily retention job deletes them if they do not come again
 */
public record ResidentRecord(long id, String phoneLast4, Instant firstSeen, Instant lastSeen, Instant keptUntil,
        Consent consent, Card card, Counts bookings, List<BookingLine> upcomingBookings, Counts signups,
        List<SignupLine> upcomingSignups, int checkins, int tickets, int ratings, NoShowStanding noShows) {

    /**
     * The privacy notice the resident agreed to, and when ({@code before-2026-12}: made before consent was recorded,
     * counted from when they were first seen); both null when staff registered them at a desk.
     */
    public record Consent(String version, Instant at) {
    }

    /** The last card issued (null: none since cards were recorded), and whether the resident's cards are revoked. */
    public record Card(Instant issued, boolean revoked) {
    }

    /** @param upcomingElsewhere upcoming ones in hubs the asker does not reach (not listed) */
    public record Counts(int upcoming, int past, int upcomingElsewhere) {
    }

    public record BookingLine(long id, String hubId, String roomId, Name room, Instant start, Instant end,
            String status) {
    }

    public record SignupLine(long id, String activityId, String hubId, Name title, Instant start, String status) {
    }

    /** @param blockedUntil null when the rule does not block them; @param liftedAt null when never lifted */
    public record NoShowStanding(int recent, int max, long windowDays, Instant blockedUntil, Instant liftedAt) {
    }
}
