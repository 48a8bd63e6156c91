package org.linli.central.events;

/**
 * {@code signups}: an activity's sign-ups changed (a resident signed up, a sign-up was cancelled and the waitlist
 * may have moved up), with its counts as {@code GET /api/v1/hubs/{hub}/activities} gives them. No resident in it:
 * staff's roster reads the activity's sign-ups again.
 */
public record SignupsEvent(String hub, String activity, int signedUp, int waitlisted) implements Event {

    @Override
    public String eventName() {
        return "signups";
    }
}
