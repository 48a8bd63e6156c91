package org.linli.central.store;

/**
 * Databases of the {@linkplain PostgresCluster#shared() cluster} with the service's schema already in place, for the
 * test servers of the PostgreSQL execution: each is a copy of one database this JVM migrated once, which takes a
 * fraction of the second or more that migrating an empty one does (a hundred servers start in a run). The migrations
 * themselves are tested on an empty database (MigrationsTest, and every PostgresDatabase opened on
 * {@link PostgresCluster#newDatabase()}).
 */
public final class MigratedDatabases {
    private static String template;

    private MigratedDatabases() {
    }

    /** A new database with the schema of this build; answers its JDBC address. */
    public static synchronized String newDatabase() {
        if (template == null) {
            String url = PostgresCluster.shared().newDatabase();
            PostgresDatabase.open(url).close();
            template = PostgresCluster.name(url);
        }
        return PostgresCluster.shared().newDatabase(template);
    }
}
