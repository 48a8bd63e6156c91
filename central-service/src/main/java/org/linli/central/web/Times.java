package org.linli.central.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the API writes them: ISO-8601 with the hub's offset and whole seconds. */
public final class Times {
    private Times() {
    }

    /**
     * The same text as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, written by hand for whole seconds in years
     * 1000-9999: an availability answer holds 50 and more of these, and the general formatter was a tenth of the
     * CPU of such a request. Anything else goes to the formatter.
     */
    public static String format(Instant instant, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        if (instant.getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
        }
        StringBuilder s = new StringBuilder(25).append(t.getYear()).append('-');
        two(s, t.getMonthValue()).append('-');
        two(s, t.getDayOfMonth()).append('T');
        two(s, t.getHour()).append(':');
        two(s, t.getMinute()).append(':');
        two(s, t.getSecond());
        return s.append(offset.getId()).toString();
    }

    private static StringBuilder two(StringBuilder s, int value) {
        return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
