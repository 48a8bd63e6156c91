package org.linli.central.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL, for a district or city that runs several central replicas on one database (see docs/decisions/0014).
 * Reads come from a HikariCP pool. Writes go through {@link GroupCommit} as on SQLite: one writer connection per
 * process commits several callers' work together, and each group first takes the advisory lock of
 * {@link Dialect#POSTGRESQL}, so that the replicas' write transactions run one after another, as SQLite's do. The
 * rule "no double booking" is an exclusion constraint here (see db/migration-postgresql). Its broadcasts share one
 * listening connection and one sending thread ({@link PostgresChannels}).
 */
public final class PostgresDatabase implements Database {
    private static final int POOL_SIZE = 8;
    private static final long LISTEN_WITHIN_MS = 10_000;
    private static final System.Logger LOG = System.getLogger(PostgresDatabase.class.getName());

    private final HikariDataSource pool;
    private final Connection writer;
    private final GroupCommit writes;
    private final String url;
    private PostgresChannels channels;

    private PostgresDatabase(String url, HikariDataSource pool, Connection writer) {
        this.url = url;
        this.pool = pool;
        this.writer = writer;
        this.writes = new GroupCommit(writer, Dialect.POSTGRESQL);
    }

    /**
     * Connects and brings the schema up to date (Flyway's own lock keeps two replicas starting together from
     * migrating twice).
     *
     * @param url {@code jdbc:postgresql://host:port/database?user=...&password=...}
     */
    public static PostgresDatabase open(String url) {
        HikariDataSource pool = null;
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setPoolName("linli-db");
            config.setMaximumPoolSize(POOL_SIZE + 1);
            config.setMinimumIdle(1);
            // Parameters bound as text (the features bind ids and flags as the SQLite schema stores them) are typed
            // by the server from the column, as SQLite does.
            config.addDataSourceProperty("stringtype", "unspecified");
            pool = new HikariDataSource(config);
            Migrations.migrate(pool, "classpath:db/migration-postgresql");
            // The writer keeps its connection (and with it the server's prepared statements) for good; it runs the
            // transactions itself (BEGIN ... COMMIT), so auto-commit stays on between them.
            Connection writer = pool.getConnection();
            writer.setAutoCommit(true);
            return new PostgresDatabase(url, pool, writer);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreException("cannot open the database " + withoutPassword(url) + ": " + e.getMessage(), e);
        }
    }

    private static String withoutPassword(String url) {
        return url.replaceAll("(?i)password=[^&]*", "password=***");
    }

    @Override
    public java.util.Optional<Broadcast> broadcast(String channel, java.util.function.Consumer<String> receiver,
            java.util.function.LongConsumer missed) {
        PostgresChannels channels = channels();
        PostgresBroadcast broadcast = new PostgresBroadcast(channels, channel, receiver, missed);
        try {
            // A text sent by another replica before this one listens would be missed: start only once listening.
            if (!channels.add(broadcast, LISTEN_WITHIN_MS)) {
                LOG.log(System.Logger.Level.WARNING, "not yet listening on " + channel + " after " + LISTEN_WITHIN_MS
                        + " ms; goes on and listens as soon as the database answers");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.Optional.of(broadcast);
    }

    /** The channels' listening connection and sending thread, made with the first channel. */
    synchronized PostgresChannels channels() {
        if (channels == null) {
            channels = new PostgresChannels(this, url);
        }
        return channels;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        return writes.write(work);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (channels != null) {
                channels.close();
            }
        }
        writes.close();
        try {
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database: " + e.getMessage(), e);
        } finally {
            pool.close();
        }
    }
}
