package org.linli.central.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {
    @Test
    void readsDatesExactlyAsTheIsoParser() {
        for (String text : List.of("2026-11-28", "2028-02-29", "0000-01-01", "9999-12-31", "+12026-01-01")) {
            assertEquals(LocalDate.parse(text), Requests.parseDate(text), text);
        }
    }

    @Test
    void refusesWhatTheIsoParserRefuses() {
        for (String text : List.of("2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026/11/28",
                "20261128", "2026-11-2x", "２０２６-11-28")) {
            assertThrows(DateTimeException.class, () -> LocalDate.parse(text), text);
            assertThrows(DateTimeException.class, () -> Requests.parseDate(text), text);
        }
    }
}
