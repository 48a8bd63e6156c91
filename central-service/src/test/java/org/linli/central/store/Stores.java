package org.linli.central.store;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The two stores, for a test of the store parametrised over both
 * ({@code @MethodSource("org.linli.central.store.Stores#both")}): SQLite, and PostgreSQL (this JVM's throwaway
 * {@link PostgresCluster}) unless {@code -Dlinli.pg.skip=true}.
 */
public final class Stores {
    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";

    private Stores() {
    }

    public static Stream<String> both() {
        return Boolean.getBoolean("linli.pg.skip") ? Stream.of(SQLITE) : Stream.of(SQLITE, POSTGRESQL);
    }

    /** An empty database with the service's schema: a SQLite file in {@code dir}, or a new database in the cluster. */
    public static Database open(String store, Path dir) {
        return store.equals(POSTGRESQL) ? PostgresDatabase.open(PostgresCluster.shared().newDatabase())
                : SqliteDatabase.open(dir.resolve("linli.db"));
    }
}
