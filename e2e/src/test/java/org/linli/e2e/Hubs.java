package org.linli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The demo hub as the end-to-end test needs it at any hour: open from an hour before now to three hours after (the
 * test may run at night), with the activity room booked in 15-minute slots, so that the next free slot always starts
 * within the door's grace before a booking and the kiosk's day fits on its screen.
 */
final class Hubs {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Hubs() {
    }

    /** Whether the hub's day leaves room for the story: an hour of slots after now. */
    static boolean dayLeftForTheStory() {
        return LocalTime.now(ZONE).isBefore(LocalTime.of(22, 30));
    }

    static String openNowDemoHub(Path home) throws IOException {
        LocalTime now = LocalTime.now(ZONE).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        LocalTime open = now.getHour() == 0 ? LocalTime.MIDNIGHT : now.minusHours(1);
        LocalTime close = now.getHour() >= 20 ? LocalTime.of(23, 45) : now.plusHours(3);
        String hours = "opening-hours: {open: \"" + open + "\", close: \"" + close + "\"}";
        String demo = Files.readString(home.resolve("central-service/src/main/resources/demo/demo-hub.yaml"));
        String adjusted = demo.replace("opening-hours: {open: \"08:00\", close: \"21:00\"}", hours)
                .replace("{id: activity-room, name: {zh: 多功能活动室, en: Activity room}, capacity: 30,",
                        "{id: activity-room, name: {zh: 多功能活动室, en: Activity room}, capacity: 30,"
                                + " rules: {slot-minutes: 15, min-minutes: 15},");
        if (adjusted.equals(demo) || !adjusted.contains("slot-minutes: 15")) {
            throw new IllegalStateException("demo-hub.yaml changed: update Hubs, which adjusts it for the test");
        }
        return adjusted.substring(adjusted.indexOf("hubs:"));
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
