package org.linli.central.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Every kind of alert the service raises can be stored (the table's CHECK constraint lists them) and has a name on
 * the dashboard in both languages: a kind added in {@link Alert} alone would fail every raise of it, or show as its
 * code to staff.
 */
class AlertKindsTest {
    private static final Set<String> STATES = Set.of(Alert.OPEN, Alert.ACKNOWLEDGED, Alert.RESOLVED);

    @TempDir
    Path dir;

    static List<String> kinds() throws IllegalAccessException {
        List<String> kinds = new ArrayList<>();
        for (Field field : Alert.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !STATES.contains((String) field.get(null))) {
                kinds.add((String) field.get(null));
            }
        }
        return kinds;
    }

    @Test
    void everyKindIsStoredAndNamedInBothLanguages() throws Exception {
        List<String> kinds = kinds();
        assertTrue(kinds.contains(Alert.LOCK_FAULT) && kinds.size() >= 11, kinds.toString());

        String url = "jdbc:sqlite:" + dir.resolve("alerts.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl(url);
        Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement st = c.prepareStatement(
                "INSERT INTO alert (hub_id, kind, message_zh, message_en, ts) VALUES ('h', ?, 'zh', 'en', 1)")) {
            for (String kind : kinds) {
                st.setString(1, kind);
                assertEquals(1, st.executeUpdate(), kind);
            }
        }

        String i18n;
        try (InputStream in = AlertKindsTest.class.getResourceAsStream("/web/js/i18n.js")) {
            i18n = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String kind : kinds) {
            Matcher names = Pattern.compile("\"alert\\." + kind + "\": \"([^\"]+)\"").matcher(i18n);
            List<String> found = new ArrayList<>();
            while (names.find()) {
                found.add(names.group(1));
            }
            assertEquals(2, found.size(), kind + ": one name in Chinese and one in English: " + found);
            assertTrue(found.getFirst().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                    == Character.UnicodeScript.HAN), kind + " in Chinese first: " + found);
        }
    }
}
