package org.linli.central.reports;

import java.time.LocalDate;
import java.util.List;

/**
 * What one hub did on one of its own days: the rows the report tables keep. {@code devices} is the hub's devices
 * summed over the job's samples of the day, {@code devicesOnline} those of them online.
 */
record DayFigures(String hubId, LocalDate day, int openMinutes, int visits, int tickets, int served, int noShows,
        int bookings, int released, int cancelled, int roomOpenMinutes, int bookedMinutes, int sensedMinutes,
        int sensedRooms, int[] ratings, int signups, int waitlisted, int attended, int attendanceSignups,
        int signupNoShows, long devices, long devicesOnline, long[] personMinutes, List<ServiceDay> services,
        List<RoomDay> rooms, List<ActivityDay> activities) {

    record ServiceDay(String serviceId, int visits, int tickets, int served, int noShows, int called,
            WaitHistogram waits) {
    }

    record RoomDay(String roomId, int openMinutes, int bookings, int bookedMinutes, int sensedMinutes, int released,
            int cancelled) {
    }

    /**
     * @param attendanceSignups the confirmed sign-ups once the activity has ended with attendance taken (somebody
     *     checked in), else 0: those whose coming is known
     * @param missed of those, the sign-ups without a check-in of their resident for the activity
     */
    record ActivityDay(String activityId, int capacity, int confirmed, int waitlisted, int cancelled, int attended,
            int attendanceSignups, int missed) {
    }

    int ratingCount() {
        int n = 0;
        for (int r : ratings) {
            n += r;
        }
        return n;
    }

    int ratingSum() {
        int sum = 0;
        for (int i = 0; i < ratings.length; i++) {
            sum += (i + 1) * ratings[i];
        }
        return sum;
    }
}
