package org.linli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo hub as the end-to-end test needs it at any hour of the real day: its time zone is a whole-hour offset in
 * which it is now between 10:00 and 13:00, so that the hub is open (09:00 to 15:00) and the story's day does not turn
 * by itself wherever and whenever it runs (the story turns it on purpose, {@link StoryTime}); never Shanghai's offset
 * nor the machine's, so that a program that assumes either shows the wrong day. The activity room is booked in
 * 15-minute slots, so that the next free slot always starts within the door's grace before a booking and the
 * kiosk's day fits on its screen.
 */
final class Hubs {
    static final ZoneId ZONE = morningZone(Instant.now(), ZoneId.systemDefault());

    private Hubs() {
    }

    /**
     * The offset from UTC, between -12:00 and +14:00, in which {@code now} falls between 10:00 and 11:00, or the
     * next hours if that is Shanghai's offset or the machine's.
     */
    static ZoneOffset morningZone(Instant now, ZoneId machine) {
        int utcHour = now.atOffset(ZoneOffset.UTC).getHour();
        for (int hour = 10; ; hour++) {
            int hours = hour - utcHour;
            ZoneOffset offset = ZoneOffset.ofHours(hours < -12 ? hours + 24 : hours > 14 ? hours - 24 : hours);
            if (!offset.equals(ZoneId.of("Asia/Shanghai").getRules().getOffset(now))
                    && !offset.equals(machine.getRules().getOffset(now))) {
                return offset;
            }
        }
    }

    static String openNowDemoHub(Path home) throws IOException {
        String hours = "opening-hours: {open: \"09:00\", close: \"15:00\"}";
        String demo = Files.readString(home.resolve("central-service/src/main/resources/demo/demo-hub.yaml"));
        String adjusted = demo.replace("opening-hours: {open: \"08:00\", close: \"21:00\"}", hours)
                .replace("timezone: Asia/Shanghai", "timezone: \"" + ZONE.getId() + "\"")
                .replace("{id: activity-room, name: {zh: 多功能活动室, en: Activity room}, capacity: 30,",
                        "{id: activity-room, name: {zh: 多功能活动室, en: Activity room}, capacity: 30,"
                                + " rules: {slot-minutes: 15, min-minutes: 15},");
        if (adjusted.equals(demo) || !adjusted.contains("slot-minutes: 15") || adjusted.contains("Asia/Shanghai")) {
            throw new IllegalStateException("demo-hub.yaml changed: update Hubs, which adjusts it for the test");
        }
        return adjusted.substring(adjusted.indexOf("hubs:"));
    }

    /** The hub's date at that moment. */
    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }
}
