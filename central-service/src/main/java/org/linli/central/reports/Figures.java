package org.linli.central.reports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures of some hubs over a period, from the kept sums: what the report's summary and the comparison's
 * star-rating inputs are made of. Shares are 0..1; null where there is nothing to divide by. Of the sign-ups,
 * {@code attendanceSignups} are those of ended activities where attendance was taken (somebody checked in), and
 * {@code signupNoShows} those of them whose resident did not check in: missed sign-ups as docs/decisions/0024 counts
 * them.
 */
record Figures(long visits, long tickets, long served, long noShows, Double noShowShare, Integer waitMedian,
        Integer waitP90, Double overTargetShare, long bookings, long released, long cancelled, double bookedHours,
        double sensedHours, Double bookedShare, Double sensedShare, long ratings, Double averageRating,
        Double ratedShare, long signups, long waitlisted, long attended, long attendanceSignups, long signupNoShows,
        double openHours, Double visitsPerOpenHour, Double devicesOnline) {

    static Figures of(Aggregates.Sums sums, Aggregates.ServiceSums services, Map<String, Integer> targets,
            int defaultTarget) {
        long visits = sums.get("visits");
        long noShows = sums.get("no_shows");
        long served = sums.get("served");
        long over = 0;
        long called = 0;
        Integer median = null;
        Integer p90 = null;
        if (services != null) {
            for (Map.Entry<String, WaitHistogram> e : services.byService.entrySet()) {
                over += e.getValue().atLeast(targets.getOrDefault(e.getKey(), defaultTarget));
                called += e.getValue().total();
            }
            median = services.waits.quantile(0.5);
            p90 = services.waits.quantile(0.9);
        }
        long roomOpen = sums.get("room_open_minutes");
        long ratings = sums.get("ratings");
        double openHours = sums.get("open_minutes") / 60.0;
        return new Figures(visits, sums.get("tickets"), served, noShows, share(noShows, served + noShows), median,
                p90, share(over, called), sums.get("bookings"), sums.get("released"), sums.get("cancelled"),
                round(sums.get("booked_minutes") / 60.0, 1), round(sums.get("sensed_minutes") / 60.0, 1),
                share(sums.get("booked_minutes"), roomOpen), share(sums.get("sensed_minutes"), roomOpen), ratings,
                ratings == 0 ? null : round((double) sums.get("rating_sum") / ratings, 2),
                visits == 0 ? null : Math.min(1.0, round((double) ratings / visits, 4)), sums.get("signups"),
                sums.get("waitlisted"), sums.get("attended"), sums.get("attendance_signups"),
                sums.get("signup_no_shows"), round(openHours, 1),
                openHours == 0 ? null : round(visits / openHours, 2),
                share(sums.get("devices_online"), sums.get("devices")));
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 4);
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("visits", visits);
        m.put("tickets", tickets);
        m.put("served", served);
        m.put("noShows", noShows);
        m.put("noShowShare", noShowShare);
        m.put("waitMedian", waitMedian);
        m.put("waitP90", waitP90);
        m.put("overTargetShare", overTargetShare);
        m.put("bookings", bookings);
        m.put("released", released);
        m.put("cancelled", cancelled);
        m.put("bookedHours", bookedHours);
        m.put("sensedHours", sensedHours);
        m.put("bookedShare", bookedShare);
        m.put("sensedShare", sensedShare);
        m.put("ratings", ratings);
        m.put("averageRating", averageRating);
        m.put("ratedShare", ratedShare);
        m.put("signups", signups);
        m.put("waitlisted", waitlisted);
        m.put("attended", attended);
        m.put("attendanceSignups", attendanceSignups);
        m.put("signupNoShows", signupNoShows);
        m.put("openHours", openHours);
        m.put("visitsPerOpenHour", visitsPerOpenHour);
        m.put("devicesOnline", devicesOnline);
        return m;
    }
}
