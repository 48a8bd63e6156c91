package org.linli.central.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one writer connection, driven by one thread that commits several queued write transactions together.
 *
 * <p>Why: with {@code synchronous=FULL} every COMMIT waits for an fsync of the WAL (milliseconds, tens of them on a
 * busy disk), and a writer per transaction caps the service at one booking per fsync. Here the thread takes every
 * job waiting, runs each inside its own SAVEPOINT of one {@code BEGIN IMMEDIATE} transaction, and commits once: one
 * fsync makes the whole group durable. A job that throws is rolled back to its savepoint alone, so it changes
 * nothing and the others are unaffected. Nobody is answered before the COMMIT returned: success means durable.
 * Jobs run one after another, so each sees the effects of those before it exactly as with separate transactions,
 * and the database's own triggers still judge every insert.
 */
final class GroupCommit implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());
    /** Bounds how long the last job of a group waits for the ones before it. */
    private static final int MAX_GROUP = 256;

    private final Connection connection;
    private final List<String> begin;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed;

    GroupCommit(Connection connection) {
        this(connection, Dialect.SQLITE);
    }

    GroupCommit(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.begin = dialect.beginWrite();
        this.thread = Thread.ofPlatform().name("linli-db-writer").daemon(true).start(this::loop);
    }

    private static final class Job<T> {
        final Database.Work<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Job(Database.Work<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            result = work.run(c);
        }

        void finish() {
            if (failure == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    /** Runs the work in the next group and returns once that group is durable (or the work failed). */
    <T> T write(Database.Work<T> work) {
        if (Thread.currentThread() == thread) {
            throw new StoreException("a write cannot start inside another write", null);
        }
        Job<T> job = new Job<>(work);
        synchronized (this) {
            if (closed) {
                throw new StoreException("the database is closed", null);
            }
            queue.add(job);
        }
        try {
            // join, not get: an interrupted caller must still learn whether its write happened
            return job.done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreException("write failed: " + cause.getMessage(), cause);
        }
    }

    private void loop() {
        List<Job<?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            int stop = group.indexOf(STOP);
            if (stop >= 0) {
                // close() enqueues STOP last under the lock, so nothing follows it
                group.subList(stop, group.size()).clear();
                commit(group);
                return;
            }
            commit(group);
            group.clear();
        }
    }

    private static final Job<Void> STOP = new Job<>(c -> null);

    private void commit(List<Job<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            for (String statement : begin) {
                execute(statement);
            }
            for (Job<?> job : group) {
                runInSavepoint(job);
            }
            execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            // BEGIN, COMMIT or a savepoint itself failed: nothing of this group is stored
            rollbackQuietly();
            StoreException failed = new StoreException("write failed: " + e.getMessage(), e);
            group.forEach(job -> job.failure = failed);
        } finally {
            group.forEach(Job::finish);
        }
    }

    private void runInSavepoint(Job<?> job) throws SQLException {
        execute("SAVEPOINT job");
        try {
            job.run(connection);
            execute("RELEASE job");
        } catch (SQLException | RuntimeException | Error e) {
            // If SQLite already rolled the whole transaction back (I/O error, full disk), ROLLBACK TO throws and
            // the group fails as a whole, which is the truth: none of it was stored.
            execute("ROLLBACK TO job");
            execute("RELEASE job");
            job.failure = e instanceof SQLException ? new StoreException("write failed: " + e.getMessage(), e) : e;
        }
    }

    /** Prepared, not a plain Statement: the connection keeps prepared statements, so these are compiled once. */
    private void execute(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            // Already rolled back by SQLite; the callers hear about the original failure.
            LOG.log(System.Logger.Level.DEBUG, "rollback after a failed group: " + e.getMessage());
        }
    }

    /** Finishes the jobs already queued, then stops the thread; later writes are refused. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
