package org.linli.central.store;

import java.nio.file.Path;

/** Opens the store the settings name: PostgreSQL for a {@code jdbc:postgresql:} {@code db.url}, else SQLite. */
public final class Databases {
    private Databases() {
    }

    /**
     * @param url empty for the default, the SQLite file {@code linli.db} in the data directory
     * @param dataDir the data directory
     */
    public static Database open(String url, Path dataDir) {
        return switch (Dialect.of(url)) {
            case POSTGRESQL -> PostgresDatabase.open(url);
            case SQLITE -> SqliteDatabase.open(url == null || url.isBlank() ? dataDir.resolve("linli.db")
                    : Path.of(url.replaceFirst("^jdbc:sqlite:", "")));
        };
    }
}
