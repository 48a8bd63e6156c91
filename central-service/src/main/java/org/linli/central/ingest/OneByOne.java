package org.linli.central.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a batch again after it failed for a reason of one of its messages ({@link Failures#permanent}): each message
 * in a savepoint of its own, in arrival order, within one transaction. A message the store refuses for good is rolled
 * back to its savepoint and set aside; the others are stored and applied to the live state as in a batch of their
 * own. When only the live state fails for a message (its own logic, a room deleted after the message was validated),
 * the message stays stored and only what the live state did for it is rolled back: what a device reported is never
 * lost to a fault of the live view, even one that fails for every message. A failure of the store itself is thrown,
 * and the transaction with all of it is rolled back: nothing of the batch is then stored, and it goes back to the
 * broker as a whole.
 *
 * <p>Savepoints rather than a transaction per message or a bisection: one commit (one fsync) whatever the number of
 * messages refused, where one transaction per message costs one per message and a bisection about two per halving for
 * each refused message; and nothing of the batch is half acknowledged when the store fails in the middle of it.
 */
final class OneByOne {
    private OneByOne() {
    }

    /** A message the store refuses for good, and why. */
    record Refused(Message message, String why) {
    }

    /**
     * @param afterCommit what the live state does once the transaction committed, for every message stored
     * @param stored occupancy samples and events stored for the first time
     * @param refused messages the store refused, not stored
     * @param notApplied messages stored that the live state failed on: not on the screens until the next one
     */
    record Result(Runnable afterCommit, long stored, List<Refused> refused, List<Refused> notApplied) {
        static final Result NOTHING = new Result(() -> { }, 0, List.of(), List.of());
    }

    static Result store(Connection c, List<Message> messages, BatchSink sink) throws SQLException {
        List<Runnable> afterCommit = new ArrayList<>();
        List<Refused> refused = new ArrayList<>(1);
        List<Refused> notApplied = new ArrayList<>(0);
        long stored = 0;
        for (Message m : messages) {
            execute(c, "SAVEPOINT message");
            try {
                List<Message> fresh = IngestStore.insert(c, List.of(m));
                if (!fresh.isEmpty()) {
                    afterCommit.add(applied(c, fresh, sink, notApplied));
                }
                execute(c, "RELEASE message");
                stored += Ingestion.countStored(fresh);
            } catch (SQLException | RuntimeException e) {
                if (!Failures.permanent(e)) {
                    throw e;
                }
                // Throws when the store rolled back the whole transaction already: then it was not this message.
                execute(c, "ROLLBACK TO message");
                execute(c, "RELEASE message");
                refused.add(new Refused(m, Failures.why(e)));
            }
        }
        return new Result(() -> afterCommit.forEach(Runnable::run), stored, refused, notApplied);
    }

    /** The live state's part for one stored message, in a savepoint of its own: rolled back alone when it fails. */
    private static Runnable applied(Connection c, List<Message> fresh, BatchSink sink, List<Refused> notApplied)
            throws SQLException {
        execute(c, "SAVEPOINT live");
        try {
            Runnable then = sink.apply(c, fresh);
            execute(c, "RELEASE live");
            return then;
        } catch (SQLException | RuntimeException e) {
            if (!Failures.permanent(e)) {
                throw e;
            }
            execute(c, "ROLLBACK TO live");
            execute(c, "RELEASE live");
            notApplied.add(new Refused(fresh.get(0), Failures.why(e)));
            return () -> { };
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
