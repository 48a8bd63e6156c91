package org.linli.central.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the API writes them: ISO-8601 with the hub's offset and whole seconds. */
public final class Times {
    private Times() {
    }

    public static String format(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }
}
