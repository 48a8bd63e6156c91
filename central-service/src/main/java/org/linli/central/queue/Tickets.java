package org.linli.central.queue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.Counter;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.store.Sql;

/**
 * The ticket rows and the counters' priority streaks: every query and change of the queue, inside the caller's
 * transaction. A day is the hub's date ({@code yyyy-mm-dd}); numbers restart every day.
 */
final class Tickets {
    private static final String WAITING = TicketState.WAITING.wire();
    private static final String CALLED = TicketState.CALLED.wire();

    private Tickets() {
    }

    static Optional<Ticket> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT * FROM ticket WHERE id = ?", Tickets::ticket, id);
    }

    /** The ticket a draw with this key made in the hub, if any. */
    static Optional<Ticket> drawnWith(Connection c, String hubId, String key) throws SQLException {
        return Sql.one(c, "SELECT * FROM ticket WHERE hub_id = ? AND idempotency_key = ?", Tickets::ticket, hubId,
                key);
    }

    /**
     * A new waiting ticket with the day's next number of its service.
     *
     * @param queuedTs its place in time: now, or the original ticket's for a transfer
     * @param idempotencyKey the key of the draw that makes it, or null (a transfer, a draw without one)
     */
    static Ticket insert(Connection c, ServiceItem service, String day, boolean priority, Long resident,
            long queuedTs, long now, String idempotencyKey) throws SQLException {
        int seq = Sql.number(c, "SELECT coalesce(max(seq), 0) + 1 FROM ticket WHERE service_id = ? AND day = ?",
                service.id(), day);
        String id = Secrets.id();
        Sql.update(c, """
                INSERT INTO ticket (id, hub_id, service_id, day, seq, number, priority, state, resident_id,
                    queued_ts, created_ts, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, service.hubId(), service.id(), day, seq, service.letter() + String.format("%03d", seq), priority,
                WAITING, resident, queuedTs, now, idempotencyKey);
        return find(c, id).orElseThrow();
    }

    /** The ticket a counter serves (was called last), if any. */
    static Optional<Ticket> current(Connection c, String counterId) throws SQLException {
        return Sql.one(c, "SELECT * FROM ticket WHERE counter_id = ? AND state = ? ORDER BY called_ts DESC LIMIT 1",
                Tickets::ticket, counterId, CALLED);
    }

    /** The same, when it was called on that day. */
    static Optional<Ticket> current(Connection c, String counterId, String day) throws SQLException {
        return Sql.one(c, """
                SELECT * FROM ticket WHERE counter_id = ? AND state = ? AND day = ?
                ORDER BY called_ts DESC LIMIT 1""", Tickets::ticket, counterId, CALLED, day);
    }

    /** The longest-waiting priority (or ordinary) ticket of the counter's services. */
    static Optional<Ticket> oldestWaiting(Connection c, Counter counter, String day, boolean priority)
            throws SQLException {
        if (counter.services().isEmpty()) {
            return Optional.empty();
        }
        return Sql.one(c, "SELECT * FROM ticket WHERE state = ? AND day = ? AND priority = ? AND service_id IN ("
                + marks(counter) + ") ORDER BY queued_ts, seq LIMIT 1", Tickets::ticket,
                params(List.of(WAITING, day, priority), counter.services()));
    }

    /** The tickets waiting for a counter's services, in the order they are called (at most {@code limit}). */
    static List<Ticket> waitingFor(Connection c, Counter counter, String day, int limit) throws SQLException {
        if (counter.services().isEmpty()) {
            return List.of();
        }
        return Sql.list(c, "SELECT * FROM ticket WHERE state = ? AND day = ? AND service_id IN (" + marks(counter)
                + ") ORDER BY priority DESC, queued_ts, seq LIMIT " + limit, Tickets::ticket,
                params(List.of(WAITING, day), counter.services()));
    }

    static int waiting(Connection c, String serviceId, String day) throws SQLException {
        return Sql.number(c, "SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? AND state = ?",
                serviceId, day, WAITING);
    }

    /** Waiting tickets of the service that are called before this one. */
    static int ahead(Connection c, Ticket t) throws SQLException {
        return Sql.number(c, """
                SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? AND state = ? AND id <> ?
                  AND (priority > ? OR (priority = ? AND queued_ts <= ?))""",
                t.serviceId(), t.day(), WAITING, t.id(), t.priority(), t.priority(), t.queuedTs());
    }

    /** The number of the ticket a service called last that day, if any. */
    static Optional<String> nowServing(Connection c, String serviceId, String day) throws SQLException {
        return Sql.one(c, """
                SELECT number FROM ticket WHERE service_id = ? AND day = ? AND called_ts IS NOT NULL
                ORDER BY called_ts DESC, seq DESC LIMIT 1""", rs -> rs.getString(1), serviceId, day);
    }

    static void call(Connection c, String ticketId, String counterId, long now) throws SQLException {
        Sql.update(c, "UPDATE ticket SET state = ?, counter_id = ?, called_ts = ? WHERE id = ?", CALLED, counterId,
                now, ticketId);
    }

    /**
     * Ends a called ticket as done, a no-show or transferred (to {@code transferredTo}, else null). One called on an
     * earlier day of the hub than {@code today} (the counter closed with it still called) gets no end time: when its
     * service ended was not seen, and the night is no service time for the wait estimates.
     */
    static void end(Connection c, String ticketId, TicketState state, String transferredTo, long now, String today)
            throws SQLException {
        Sql.update(c, "UPDATE ticket SET state = ?, done_ts = CASE WHEN day = ? THEN ? ELSE NULL END,"
                + " transferred_to = ? WHERE id = ?", state.wire(), today, now, transferredTo, ticketId);
    }

    /** A no-show back in the queue at its old place. */
    static void reactivate(Connection c, String ticketId) throws SQLException {
        Sql.update(c, "UPDATE ticket SET state = ?, counter_id = NULL, called_ts = NULL, done_ts = NULL WHERE id = ?",
                WAITING, ticketId);
    }

    /** How many priority tickets a counter called in a row. */
    static int streak(Connection c, String counterId) throws SQLException {
        return Sql.number(c, "SELECT priority_streak FROM counter WHERE id = ?", counterId);
    }

    static void setStreak(Connection c, String counterId, int streak) throws SQLException {
        Sql.update(c, "UPDATE counter SET priority_streak = ? WHERE id = ?", streak, counterId);
    }

    /** How long the last {@code recent} services took on average (seconds), or 0 when there were none. */
    static double averageServiceSeconds(Connection c, String serviceId, int recent) throws SQLException {
        return Sql.one(c, """
                SELECT avg(done_ts - called_ts) FROM (SELECT done_ts, called_ts FROM ticket
                WHERE service_id = ? AND state = ? AND called_ts IS NOT NULL AND done_ts IS NOT NULL
                ORDER BY done_ts DESC LIMIT ?) AS recent""",
                rs -> rs.getDouble(1), serviceId, TicketState.DONE.wire(), recent).orElse(0.0);
    }

    static int counters(Connection c, String serviceId) throws SQLException {
        return Sql.number(c, "SELECT count(*) FROM counter_service WHERE service_id = ?", serviceId);
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        return new Ticket(rs.getString("id"), rs.getString("hub_id"), rs.getString("service_id"), rs.getString("day"),
                rs.getString("number"), rs.getInt("priority") == 1, TicketState.fromWire(rs.getString("state")),
                rs.getString("counter_id"), rs.getLong("queued_ts"), Sql.nullableLong(rs, "called_ts"),
                Sql.nullableLong(rs, "done_ts"), rs.getString("transferred_to"), Sql.nullableLong(rs, "resident_id"));
    }

    private static String marks(Counter counter) {
        return String.join(", ", counter.services().stream().map(s -> "?").toList());
    }

    private static Object[] params(List<Object> first, List<String> services) {
        List<Object> all = new java.util.ArrayList<>(first);
        all.addAll(services);
        return all.toArray();
    }
}
