package org.linli.central.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file in WAL mode with {@code synchronous=FULL}, so a committed booking, ticket or check-in survives a
 * power cut. Writes go through {@link GroupCommit}: one writer connection whose transactions start with
 * {@code BEGIN IMMEDIATE} (a deferred transaction that later upgrades to a write gets SQLITE_BUSY whatever the busy
 * timeout) and commit several callers' work with one fsync. Other processes are still held off by SQLite itself.
 */
public final class SqliteDatabase implements Database {
    private static final int POOL_SIZE = 8;

    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Connection writer;
    private final GroupCommit writes;
    private final Path file;

    private SqliteDatabase(Path file, SQLiteDataSource readSource, SQLiteDataSource writeSource) throws SQLException {
        this.file = file;
        // Both kinds keep their prepared statements (see StatementCache): compiling SQL cost more than running it.
        this.writer = StatementCache.wrap(writeSource.getConnection());
        this.writes = new GroupCommit(writer);
        for (int i = 0; i < POOL_SIZE; i++) {
            Connection reader = readSource.getConnection();
            reader.setReadOnly(true);
            readers.add(StatementCache.wrap(reader));
        }
    }

    /** Opens (creating when missing) the database file and brings its schema up to date. */
    public static SqliteDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file) && parent != null
                    && Files.getFileStore(parent).supportsFileAttributeView("posix")) {
                // the service's alone from the start (SQLite gives its -wal and -shm files the same mode): an empty
                // file is an empty database to SQLite
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            SQLiteDataSource migrations = dataSource(url, false);
            Migrations.migrate(migrations, "classpath:db/migration");
            return new SqliteDatabase(file, dataSource(url, true), dataSource(url, false));
        } catch (SQLException | IOException | RuntimeException e) {
            throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource dataSource(String url, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setReadOnly(readOnly);
        if (!readOnly) {
            // Device ingestion writes each device's samples next to its earlier ones: a district's thousand devices
            // dirty a thousand pages per commit. A cache that holds them (instead of SQLite's 2 MB) and checkpoints
            // every ~32 MB of WAL (instead of every 4 MB, i.e. after nearly every such commit) write each hot page
            // once per checkpoint rather than once per commit. 8 MB holds ~2,000 pages, twice the hot pages of a
            // thousand devices; it was 32 MB, which filled with cold pages and held ~30 MB more resident (malloc'd,
            // outside the JVM's accounting) for no gain: README.md, ingestion by rate, sixth round.
            config.setCacheSize(-8_000);
            // Every job of a group commit runs in a SAVEPOINT, whose sub-journal keeps the original of each page the
            // job changes; past 64 KiB SQLite spills it to a temporary file, created and deleted in every
            // transaction (an ingested batch changes hundreds of KiB). In memory it costs neither the file nor a
            // write per page.
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
            config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "8000");
        }
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    public Path file() {
        return file;
    }

    @Override
    public <T> T read(Work<T> work) {
        Connection connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a connection", e);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        return writes.write(work);
    }

    @Override
    public void close() {
        writes.close();
        try {
            writer.close();
            for (Connection reader : readers) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close the database: " + e.getMessage(), e);
        }
    }
}
