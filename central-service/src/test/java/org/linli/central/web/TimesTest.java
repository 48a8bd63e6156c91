package org.linli.central.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimesTest {
    @Test
    void writesExactlyWhatTheIsoFormatterWrites() {
        List<ZoneId> zones = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Europe/Paris"), ZoneId.of("Pacific/Chatham"));
        List<Instant> instants = List.of(Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"),
                Instant.parse("2026-10-25T00:59:59Z"), Instant.parse("0999-12-31T23:59:59Z"),
                Instant.parse("2026-06-01T12:34:56.789Z"), Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T00:00:00Z"), Instant.EPOCH);
        for (ZoneId zone : zones) {
            for (Instant instant : instants) {
                assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime()),
                        Times.format(instant, zone), instant + " in " + zone);
            }
        }
    }
}
