package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every schema change is written twice, once per store: a migration added for SQLite without its PostgreSQL twin (or
 * the other way round) would leave a central service on PostgreSQL a version behind, found only in production.
 */
class MigrationTwinsTest {
    @Test
    void eachSqliteMigrationHasAPostgresqlTwinOfTheSameVersionAndName() throws Exception {
        List<String> sqlite = names("db/migration");
        List<String> postgresql = names("db/migration-postgresql");
        assertFalse(sqlite.isEmpty());
        assertEquals(sqlite, postgresql);
    }

    private static List<String> names(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationTwinsTest.class.getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
    }
}
