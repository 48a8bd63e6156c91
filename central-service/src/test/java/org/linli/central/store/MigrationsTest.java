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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Flyway runs in a class loader of its own, which nothing holds once the schema is up to date. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void theSchemaIsUpToDateAndFlywaysClassesAreUnloadedAfterwards() throws Exception {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        Path file = dir.resolve("linli.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        long unloadedBefore = classes.getUnloadedClassCount();

        Migrations.migrate(source, "classpath:db/migration");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet r = c.createStatement().executeQuery(
                        "SELECT count(*), sum(success) FROM flyway_schema_history")) {
            assertTrue(r.next());
            assertEquals(migrationFiles(), r.getLong(1), "every migration applied");
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
        Migrations.migrate(source, "classpath:db/migration");
        Migrations.release();
        assertTrue(Files.size(file) > 0);
    }

    private static long migrationFiles() throws java.io.IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
    }

    @Test
    void aFailedMigrationSaysWhatFailed() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("nowhere").resolve("missing").resolve("linli.db"));
        StoreException e = assertThrows(StoreException.class,
                () -> Migrations.migrate(source, "classpath:db/migration"));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e.getMessage()));
    }
}
