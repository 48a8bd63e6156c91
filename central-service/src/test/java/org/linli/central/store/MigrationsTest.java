package org.linli.central.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** Flyway runs in a class loader of its own, which nothing holds once the schema is up to date; on both stores. */
class MigrationsTest {
    @TempDir
    Path dir;

    /** The store's migrations, as the service finds them on its class path and as they are in the sources. */
    private static String location(String store) {
        return store.equals(Stores.POSTGRESQL) ? "db/migration-postgresql" : "db/migration";
    }

    /** An empty database of the store (SQLite: the file need not exist yet). */
    private DataSource empty(String store) {
        if (store.equals(Stores.POSTGRESQL)) {
            return postgres(PostgresCluster.shared().newDatabase());
        }
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("linli.db"));
        return source;
    }

    private static DataSource postgres(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        return source;
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void theSchemaIsUpToDateAndFlywaysClassesAreUnloadedAfterwards(String store) throws Exception {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        DataSource source = empty(store);
        long unloadedBefore = classes.getUnloadedClassCount();

        Migrations.migrate(source, "classpath:" + location(store));

        try (Connection c = source.getConnection();
                ResultSet r = c.createStatement().executeQuery(
                        "SELECT count(*), sum(CASE WHEN success THEN 1 ELSE 0 END) FROM flyway_schema_history")) {
            assertTrue(r.next());
            assertEquals(migrationFiles(store), r.getLong(1), "every migration applied");
            assertEquals(r.getInt(1), r.getInt(2), "all of them successfully");
        }
        // kept for the next database until released (as the service's Main does once started); then Flyway's core
        // alone is ~300 classes unloaded, and nothing else in this JVM unloads classes by the hundred
        Migrations.release();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return classes.getUnloadedClassCount() - unloadedBefore >= 250;
        });

        // a second run, in a new loader, finds nothing to do
        Migrations.migrate(source, "classpath:" + location(store));
        Migrations.release();
        try (Connection c = source.getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            assertTrue(r.next());
            assertEquals(migrationFiles(store), r.getLong(1), "nothing applied twice");
        }
    }

    private static long migrationFiles(String store) throws java.io.IOException {
        try (var files = Files.list(Path.of("src/main/resources").resolve(location(store)))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aFailedMigrationSaysWhatFailed(String store) {
        DataSource nowhere;
        if (store.equals(Stores.POSTGRESQL)) {
            nowhere = postgres(PostgresCluster.shared().url("no_such_database"));
        } else {
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl("jdbc:sqlite:" + dir.resolve("nowhere").resolve("missing").resolve("linli.db"));
            nowhere = source;
        }
        StoreException e = assertThrows(StoreException.class,
                () -> Migrations.migrate(nowhere, "classpath:" + location(store)));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e.getMessage()));
    }

    /**
     * V191 gives the report rows kept before it their device samples: a hub's day those of report_device_day, a
     * street's and the district's the sums of the hubs under them (without it every past day would show no devices).
     */
    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void v191GivesTheKeptDaysTheirDeviceSamples(String store) throws Exception {
        DataSource source = empty(store);
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:" + location(store))
                .target("190").load().migrate();
        try (Connection c = source.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO hub (id, level, parent, name_zh, name_en, timezone, opens, closes) VALUES "
                    + "('d', 'district', NULL, 'd', 'd', 'Asia/Shanghai', '08:00', '21:00'), "
                    + "('s', 'street', 'd', 's', 's', 'Asia/Shanghai', '08:00', '21:00'), "
                    + "('r', 'residential', 's', 'r', 'r', 'Asia/Shanghai', '08:00', '21:00')");
            for (String hub : new String[] {"d", "s", "r"}) {
                st.executeUpdate(keptRow("report_hub_day", "hub_id", hub, "2026-03-02"));
            }
            st.executeUpdate(keptRow("report_hub_day", "hub_id", "r", "2026-03-03"));
            st.executeUpdate(keptRow("report_rollup_day", "scope_id", "s", "2026-03-02"));
            st.executeUpdate(keptRow("report_rollup_day", "scope_id", "d", "2026-03-02"));
            st.executeUpdate(keptRow("report_rollup_day", "scope_id", "d", "2026-03-03"));
            st.executeUpdate("INSERT INTO report_device_day (hub_id, day, samples, devices, online) VALUES "
                    + "('s', '2026-03-02', 4, 12, 9), ('r', '2026-03-02', 2, 4, 1), ('r', '2026-03-03', 1, 2, 2)");
        }

        Migrations.migrate(source, "classpath:" + location(store));

        try (Connection c = source.getConnection(); var st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT 'hub ' || hub_id || ' ' || day, devices, devices_online FROM report_hub_day UNION ALL "
                        + "SELECT 'rollup ' || scope_id || ' ' || day, devices, devices_online FROM report_rollup_day "
                        + "ORDER BY 1")) {
            StringBuilder rows = new StringBuilder();
            while (r.next()) {
                rows.append(r.getString(1)).append(": ").append(r.getLong(2)).append('/').append(r.getLong(3))
                        .append('\n');
            }
            assertEquals("""
                    hub d 2026-03-02: 0/0
                    hub r 2026-03-02: 4/1
                    hub r 2026-03-03: 2/2
                    hub s 2026-03-02: 12/9
                    rollup d 2026-03-02: 16/10
                    rollup d 2026-03-03: 2/2
                    rollup s 2026-03-02: 16/10
                    """, rows.toString());
        }
    }

    /** A kept row of V190's report_hub_day or report_rollup_day, every figure 0. */
    private static String keptRow(String table, String idColumn, String id, String day) {
        StringBuilder columns = new StringBuilder(idColumn + ", day, weekday, computed_ts");
        StringBuilder values = new StringBuilder("'" + id + "', '" + day + "', 1, 0");
        for (String column : ("open_minutes visits tickets served no_shows bookings released cancelled "
                + "room_open_minutes booked_minutes sensed_minutes sensed_rooms ratings rating_sum rating_1 rating_2 "
                + "rating_3 rating_4 rating_5 signups waitlisted attended").split(" ")) {
            columns.append(", ").append(column);
            values.append(", 0");
        }
        for (int h = 0; h < 24; h++) {
            columns.append(String.format(", h%02d", h));
            values.append(", 0");
        }
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    }

    /**
     * Deleting a resident (the retention job, an erasure) makes SQLite find their rows in every table whose foreign
     * key names them: without an index that starts with the key, each deleted resident is a scan of that table (the
     * reports bench's district held the write lock for 40 minutes). PostgreSQL has the same indexes (the twins).
     */
    @org.junit.jupiter.api.Test
    void everyTableReferringToAResidentFindsTheirRowsByAnIndex() throws Exception {
        DataSource source = empty(Stores.SQLITE);
        Migrations.migrate(source, "classpath:" + location(Stores.SQLITE));
        java.util.List<String> referring = new java.util.ArrayList<>();
        try (Connection c = source.getConnection()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet keys = c.createStatement().executeQuery(
                        "SELECT \"from\" FROM pragma_foreign_key_list('" + table + "') WHERE \"table\" = 'resident'")) {
                    while (keys.next()) {
                        String column = keys.getString(1);
                        referring.add(table + "." + column);
                        StringBuilder plan = new StringBuilder();
                        try (ResultSet p = c.createStatement().executeQuery("EXPLAIN QUERY PLAN SELECT 1 FROM " + table
                                + " WHERE " + column + " = 1")) {
                            while (p.next()) {
                                plan.append(p.getString("detail")).append('\n');
                            }
                        }
                        // "SEARCH t USING INDEX …"; a "SCAN t USING COVERING INDEX …" still reads the whole index
                        assertTrue(plan.toString().startsWith("SEARCH"), table + "." + column
                                + " is found by a scan: " + plan);
                    }
                }
            }
        }
        assertTrue(referring.size() >= 6, "the tables that refer to residents: " + referring);
    }
}
