package org.linli.central.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.config.Settings;
import org.linli.central.store.SqliteDatabase;

/**
 * The seed refuses opening hours and rooms whose slots would fall off the booking grid, and says why. On SQLite alone:
 * the refusals come before any SQL, and the seed's writes run on PostgreSQL at every test service's start there.
 */
class CatalogueSeedTest {
    @TempDir
    Path dir;
    SqliteDatabase db;
    Catalogue catalogue;
    CatalogueSeed seed;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        catalogue = new Catalogue(db, hub -> { });
        seed = new CatalogueSeed(catalogue, new Settings.RuleDefaults(30, 30, 240, 0, 30, 3));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String hub(String hours, String rules) {
        return """
                hubs:
                  - id: test-hub
                    level: street
                    name: {zh: 测试, en: Test}
                    timezone: Asia/Shanghai
                    opening-hours: %s
                    rooms:
                      - {id: test-room, name: {zh: 房, en: Room}, capacity: 4%s}
                """.formatted(hours, rules);
    }

    private void apply(String yaml) {
        seed.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Instant.now());
    }

    private String refusal(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> apply(yaml)).getMessage();
    }

    @Test
    void saysWhenTheSeedIsNotYamlOrNamesAKeyTwice() {
        String broken = refusal("hubs: [ {id: x");
        assertTrue(broken.startsWith("the catalogue seed is not valid YAML: "), broken);
        String twice = refusal("hubs: []\nhubs: []\n");
        assertTrue(twice.contains("duplicate key hubs"), twice);
    }

    @Test
    void acceptsHoursAndMinutes() {
        apply(hub("{open: \"08:30\", close: \"21:00\"}", ""));
        assertEquals(LocalTime.of(8, 30), catalogue.requireHub("test-hub").opens());
        assertEquals(30, catalogue.requireRoom("test-room").rules().slotMinutes());
    }

    @Test
    void refusesOpeningHoursWithSeconds() {
        String message = refusal(hub("{open: \"08:00:03\", close: \"21:00\"}", ""));
        assertTrue(message.contains("test-hub") && message.contains("08:00:03") && message.contains("seconds"),
                message);
        message = refusal(hub("{open: \"08:00\", close: \"21:00:00\"}", ""));
        assertTrue(message.contains("close") && message.contains("seconds"), message);
        assertTrue(catalogue.hub("test-hub").isEmpty(), "nothing of a refused hub is stored");
    }

    @Test
    void refusesARoomWhoseSlotsWouldStartOffItsGrid() {
        String message = refusal(hub("{open: \"08:15\", close: \"21:00\"}", ""));
        assertTrue(message.contains("test-room") && message.contains("08:15") && message.contains("30-minute"),
                message);
        apply(hub("{open: \"08:15\", close: \"21:00\"}", ", rules: {slot-minutes: 15, min-minutes: 15}"));
    }

    @Test
    void explainsTimesThatAreNotTimes() {
        assertTrue(refusal(hub("{open: 8:30, close: \"21:00\"}", "")).contains("quotes"));
        assertTrue(refusal(hub("{open: \"8 am\", close: \"21:00\"}", "")).contains("not a time like 08:30"));
        assertTrue(refusal(hub("{open: \"21:00\", close: \"08:00\"}", "")).contains("before close"));
    }
}
