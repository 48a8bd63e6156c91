package org.linli.central.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * V184 on a database of an earlier version: "resolved" written into ack_by becomes resolved_ts, and ack_by is left
 * with staff's names only. A real SQLite file, migrated by Flyway as the service does.
 */
class AlertMigrationTest {
    @TempDir
    Path dir;

    @Test
    void resolvedWrittenIntoAckByBecomesResolvedTs() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl(url);
        // 181: the last migration before V184 on this branch
        Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true).target("181")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            String insert = "INSERT INTO alert (id, hub_id, kind, message_zh, message_en, ts, acknowledged, ack_by,"
                    + " ack_ts) VALUES ";
            st.executeUpdate(insert + "(1, 'h', 'hub_over_capacity', 'zh', 'en', 1000, 1, '(resolved)', 5000)");
            st.executeUpdate(insert + "(2, 'h', 'hub_over_capacity', 'zh', 'en', 6000, 1, 'operator (resolved)', 7000)");
            st.executeUpdate(insert + "(3, 'h', 'denied_burst', 'zh', 'en', 8000, 1, 'operator', 9000)");
            st.executeUpdate(insert + "(4, 'h', 'device_offline', 'zh', 'en', 10000, 0, NULL, NULL)");
        }
        Flyway.configure().dataSource(source).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT id, acknowledged, ack_by, ack_ts, resolved_ts FROM alert ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getObject(4) + " "
                        + rs.getObject(5));
            }
        }
        assertEquals(List.of(
                "1 0 null null 5000", // closed by itself: open to nobody, resolved when it was closed
                "2 1 operator 7000 7000", // staff first, then resolved (when is not known: their time)
                "3 1 operator 9000 null",
                "4 0 null null null"), rows);
    }
}
