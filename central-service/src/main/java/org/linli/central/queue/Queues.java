package org.linli.central.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Counter;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.events.EventBus;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.web.ProblemException;
import org.linli.central.web.Times;

/**
 * Queue tickets per service and day, and the counters that call them.
 *
 * <p>States: {@code waiting → called → done | no_show}; {@code called → transferred} (a new waiting ticket in the
 * other service keeps the original place); {@code no_show → waiting} by staff within the no-show window. A counter's
 * call-next first finishes the ticket it was serving. Priority tickets (elderly, disabled) go first, but after
 * {@code priorityRatio} priority calls in a row at a counter an ordinary ticket goes next, so nobody starves.
 * Numbers restart at 001 every day in the hub's time zone.
 */
public final class Queues {
    private static final int RECENT_SERVICES = 20;
    private final Database db;
    private final Catalogue catalogue;
    private final Residents residents;
    private final EventBus events;
    private final Clock clock;
    private final int priorityRatio;
    private final Duration noShowWindow;

    public Queues(Database db, Catalogue catalogue, Residents residents, EventBus events, Clock clock,
            int priorityRatio, Duration noShowWindow) {
        this.db = db;
        this.catalogue = catalogue;
        this.residents = residents;
        this.events = events;
        this.clock = clock;
        this.priorityRatio = priorityRatio;
        this.noShowWindow = noShowWindow;
    }

    private String today(Hub hub) {
        return LocalDate.ofInstant(clock.instant(), hub.timezone()).toString();
    }

    /**
     * Draws a ticket.
     *
     * @param phone normalised phone, or null
     * @param token resident card, or null
     * @param idempotencyKey the same for every try of one draw, or null: a key seen before answers the ticket it
     *     drew (for the same service; another service is a 422), so a kiosk that lost an answer never draws twice
     */
    public Drawn draw(String serviceId, boolean priority, String phone, String token, String callerHub,
            String idempotencyKey) {
        ServiceItem service = catalogue.requireService(serviceId);
        if (callerHub != null && !callerHub.equals(service.hubId())) {
            throw ProblemException.notFound("no service " + serviceId + " in this hub");
        }
        Hub hub = catalogue.requireHub(service.hubId());
        String day = today(hub);
        long now = clock.instant().getEpochSecond();
        Taken taken = db.write(c -> {
            Optional<Ticket> earlier = idempotencyKey == null ? Optional.empty()
                    : drawnWith(c, hub.id(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().serviceId().equals(service.id())) {
                    throw ProblemException.rule("idempotency-key-reused",
                            "this Idempotency-Key drew a ticket for another service");
                }
                return new Taken(earlier.get(), true);
            }
            Long resident = phone != null ? Long.valueOf(residents.byPhone(c, phone).id())
                    : token != null ? Long.valueOf(residents.byCard(c, token, hub.id()).id()) : null;
            return new Taken(insert(c, service, day, priority, resident, now, now, idempotencyKey), false);
        });
        if (!taken.replayed()) {
            publishQueue(hub, service);
        }
        return new Drawn(view(taken.ticket()), taken.replayed());
    }

    /** A drawn ticket as the API shows it, and whether an earlier try with the same key had drawn it. */
    public record Drawn(TicketView ticket, boolean replayed) {
    }

    private record Taken(Ticket ticket, boolean replayed) {
    }

    private static Optional<Ticket> drawnWith(Connection c, String hubId, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id FROM ticket WHERE hub_id = ? AND idempotency_key = ?")) {
            st.setString(1, hubId);
            st.setString(2, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? find(c, rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** @param idempotencyKey the key of the draw that makes this ticket, or null (a transfer, a draw without one) */
    private static Ticket insert(Connection c, ServiceItem service, String day, boolean priority, Long resident,
            long queuedTs, long now, String idempotencyKey) throws SQLException {
        int seq;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(max(seq), 0) + 1 FROM ticket WHERE service_id = ? AND day = ?")) {
            st.setString(1, service.id());
            st.setString(2, day);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                seq = rs.getInt(1);
            }
        }
        String id = Secrets.id();
        String number = service.letter() + String.format("%03d", seq);
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO ticket (id, hub_id, service_id, day, seq, number, priority, state, resident_id,
                    queued_ts, created_ts, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)""")) {
            st.setString(1, id);
            st.setString(2, service.hubId());
            st.setString(3, service.id());
            st.setString(4, day);
            st.setInt(5, seq);
            st.setString(6, number);
            st.setInt(7, priority ? 1 : 0);
            if (resident == null) {
                st.setNull(8, java.sql.Types.INTEGER);
            } else {
                st.setLong(8, resident);
            }
            st.setLong(9, queuedTs);
            st.setLong(10, now);
            st.setString(11, idempotencyKey);
            st.executeUpdate();
        }
        return find(c, id).orElseThrow();
    }

    public TicketView get(String id) {
        return view(db.read(c -> find(c, id)).orElseThrow(() -> ProblemException.notFound("no ticket " + id)));
    }

    static Optional<Ticket> find(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM ticket WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
            }
        }
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        long called = rs.getLong("called_ts");
        Long calledTs = rs.wasNull() ? null : called;
        long done = rs.getLong("done_ts");
        Long doneTs = rs.wasNull() ? null : done;
        return new Ticket(rs.getString("id"), rs.getString("hub_id"), rs.getString("service_id"), rs.getString("day"),
                rs.getString("number"), rs.getInt("priority") == 1, rs.getString("state"), rs.getString("counter_id"),
                rs.getLong("queued_ts"), calledTs, doneTs, rs.getString("transferred_to"));
    }

    /** The ticket with its people ahead and estimated wait while it waits. */
    TicketView view(Ticket t) {
        if (!t.state().equals("waiting")) {
            return new TicketView(t.id(), t.number(), t.hubId(), t.serviceId(), t.state(), t.counterId(),
                    t.state().equals("called") ? 0 : null, t.state().equals("called") ? 0 : null, t.transferredTo(),
                    t.priority(), time(t.hubId(), t.queuedTs()), t.calledTs() == null ? null
                            : time(t.hubId(), t.calledTs()));
        }
        int ahead = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? AND state = 'waiting' AND id <> ?
                      AND (priority > ? OR (priority = ? AND queued_ts <= ?))""")) {
                st.setString(1, t.serviceId());
                st.setString(2, t.day());
                st.setString(3, t.id());
                st.setInt(4, t.priority() ? 1 : 0);
                st.setInt(5, t.priority() ? 1 : 0);
                st.setLong(6, t.queuedTs());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        return new TicketView(t.id(), t.number(), t.hubId(), t.serviceId(), t.state(), null, ahead,
                estimate(t.serviceId(), ahead), null, t.priority(), time(t.hubId(), t.queuedTs()), null);
    }

    private String time(String hubId, long epochSecond) {
        return Times.format(java.time.Instant.ofEpochSecond(epochSecond), catalogue.requireHub(hubId).timezone());
    }

    /** Minutes until a ticket with this many people ahead is called: recent real service times, else typical. */
    int estimate(String serviceId, int ahead) {
        record Figures(double averageSeconds, int counters, int typical) {
        }
        Figures f = db.read(c -> {
            double average = 0;
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT avg(done_ts - called_ts) FROM (SELECT done_ts, called_ts FROM ticket
                    WHERE service_id = ? AND state = 'done' AND called_ts IS NOT NULL ORDER BY done_ts DESC LIMIT ?)""")) {
                st.setString(1, serviceId);
                st.setInt(2, RECENT_SERVICES);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        average = rs.getDouble(1);
                    }
                }
            }
            int counters;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*) FROM counter_service WHERE service_id = ?")) {
                st.setString(1, serviceId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    counters = rs.getInt(1);
                }
            }
            int typical = Catalogue.service(c, serviceId).map(ServiceItem::typicalMinutes).orElse(5);
            return new Figures(average, counters, typical);
        });
        double perPerson = f.averageSeconds() > 0 ? f.averageSeconds() / 60.0 : f.typical();
        return (int) Math.ceil(ahead * perPerson / Math.max(1, f.counters()));
    }

    /** Finishes the counter's current ticket and calls the next one; 404 when nobody waits. */
    public TicketView callNext(String counterId, String callerHub) {
        Counter counter = counter(counterId, callerHub);
        Hub hub = catalogue.requireHub(counter.hubId());
        String day = today(hub);
        long now = clock.instant().getEpochSecond();
        Ticket called = db.write(c -> {
            finish(c, counterId, "done", now);
            Ticket priority = oldestWaiting(c, counter, day, true);
            Ticket ordinary = oldestWaiting(c, counter, day, false);
            int streak = streak(c, counterId);
            Ticket next;
            if (priority != null && (ordinary == null || streak < priorityRatio)) {
                next = priority;
                setStreak(c, counterId, ordinary == null ? 0 : streak + 1);
            } else {
                next = ordinary;
                setStreak(c, counterId, 0);
            }
            if (next == null) {
                return null;
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE ticket SET state = 'called', counter_id = ?, called_ts = ? WHERE id = ?")) {
                st.setString(1, counterId);
                st.setLong(2, now);
                st.setString(3, next.id());
                st.executeUpdate();
            }
            return find(c, next.id()).orElseThrow();
        });
        if (called == null) {
            throw ProblemException.notFound("nobody is waiting for the services of counter " + counterId);
        }
        publishCall(called, false);
        publishQueue(hub, catalogue.requireService(called.serviceId()));
        return view(called);
    }

    private static Ticket oldestWaiting(Connection c, Counter counter, String day, boolean priority)
            throws SQLException {
        if (counter.services().isEmpty()) {
            return null;
        }
        String marks = String.join(",", counter.services().stream().map(s -> "?").toList());
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM ticket WHERE state = 'waiting' AND day = ? "
                + "AND priority = ? AND service_id IN (" + marks + ") ORDER BY queued_ts, seq LIMIT 1")) {
            st.setString(1, day);
            st.setInt(2, priority ? 1 : 0);
            for (int i = 0; i < counter.services().size(); i++) {
                st.setString(3 + i, counter.services().get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? ticket(rs) : null;
            }
        }
    }

    private static int streak(Connection c, String counterId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT priority_streak FROM counter WHERE id = ?")) {
            st.setString(1, counterId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void setStreak(Connection c, String counterId, int streak) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE counter SET priority_streak = ? WHERE id = ?")) {
            st.setInt(1, streak);
            st.setString(2, counterId);
            st.executeUpdate();
        }
    }

    /** Ends the counter's called ticket with a state; null when it serves nobody. */
    private static Ticket finish(Connection c, String counterId, String state, long now) throws SQLException {
        Ticket current = current(c, counterId);
        if (current == null) {
            return null;
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE ticket SET state = ?, done_ts = ? WHERE id = ?")) {
            st.setString(1, state);
            st.setLong(2, now);
            st.setString(3, current.id());
            st.executeUpdate();
        }
        return find(c, current.id()).orElseThrow();
    }

    private static Ticket current(Connection c, String counterId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT * FROM ticket WHERE counter_id = ? AND state = 'called' ORDER BY called_ts DESC LIMIT 1")) {
            st.setString(1, counterId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? ticket(rs) : null;
            }
        }
    }

    /** Calls the counter's current ticket again (the resident did not hear it). */
    public TicketView recall(String counterId, String callerHub) {
        counter(counterId, callerHub);
        Ticket current = db.read(c -> current(c, counterId));
        if (current == null) {
            throw ProblemException.notFound("counter " + counterId + " is serving nobody");
        }
        publishCall(current, true);
        return view(current);
    }

    public TicketView complete(String counterId, String callerHub) {
        return end(counterId, callerHub, "done");
    }

    public TicketView noShow(String counterId, String callerHub) {
        return end(counterId, callerHub, "no_show");
    }

    private TicketView end(String counterId, String callerHub, String state) {
        counter(counterId, callerHub);
        long now = clock.instant().getEpochSecond();
        Ticket ended = db.write(c -> finish(c, counterId, state, now));
        if (ended == null) {
            throw ProblemException.notFound("counter " + counterId + " is serving nobody");
        }
        return view(ended);
    }

    /** Sends the counter's current ticket to another service of the hub; it keeps its place in time. */
    public TicketView transfer(String counterId, String serviceId, String callerHub) {
        Counter counter = counter(counterId, callerHub);
        ServiceItem target = catalogue.service(serviceId).filter(s -> s.hubId().equals(counter.hubId()))
                .orElseThrow(() -> ProblemException.rule("unknown-service", "no service " + serviceId
                        + " in this hub"));
        Hub hub = catalogue.requireHub(counter.hubId());
        long now = clock.instant().getEpochSecond();
        Ticket moved = db.write(c -> {
            Ticket current = current(c, counterId);
            if (current == null) {
                return null;
            }
            long resident = residentOf(c, current.id());
            Ticket fresh = insert(c, target, current.day(), current.priority(), resident == 0 ? null : resident,
                    current.queuedTs(), now, null);
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE ticket SET state = 'transferred', done_ts = ?, transferred_to = ? WHERE id = ?")) {
                st.setLong(1, now);
                st.setString(2, fresh.id());
                st.setString(3, current.id());
                st.executeUpdate();
            }
            return fresh;
        });
        if (moved == null) {
            throw ProblemException.notFound("counter " + counterId + " is serving nobody");
        }
        publishQueue(hub, target);
        return view(moved);
    }

    private static long residentOf(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT resident_id FROM ticket WHERE id = ?")) {
            st.setString(1, ticketId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Puts a no-show ticket back in the queue, at its old place, within the no-show window. */
    public TicketView reactivate(String ticketId, String callerHub) {
        long now = clock.instant().getEpochSecond();
        Ticket ticket = db.write(c -> {
            Ticket t = find(c, ticketId).orElseThrow(() -> ProblemException.notFound("no ticket " + ticketId));
            if (callerHub != null && !callerHub.equals(t.hubId())) {
                throw ProblemException.notFound("no ticket " + ticketId);
            }
            if (!t.state().equals("no_show")) {
                throw ProblemException.rule("not-a-no-show", "only a no-show ticket can be put back");
            }
            if (t.doneTs() == null || now - t.doneTs() > noShowWindow.toSeconds()) {
                throw ProblemException.rule("no-show-expired", "a no-show ticket can be put back within "
                        + noShowWindow.toMinutes() + " minutes only");
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE ticket SET state = 'waiting', counter_id = NULL, called_ts = NULL, done_ts = NULL "
                            + "WHERE id = ?")) {
                st.setString(1, ticketId);
                st.executeUpdate();
            }
            return find(c, ticketId).orElseThrow();
        });
        return view(ticket);
    }

    private Counter counter(String counterId, String callerHub) {
        Counter counter = catalogue.counter(counterId)
                .orElseThrow(() -> ProblemException.notFound("no counter " + counterId));
        if (callerHub != null && !callerHub.equals(counter.hubId())) {
            throw ProblemException.notFound("no counter " + counterId + " in your hub");
        }
        return counter;
    }

    /** Each service of a hub: how many wait, the estimate for a new ticket, and the number now served. */
    public List<Map<String, Object>> overview(Hub hub) {
        String day = today(hub);
        List<Map<String, Object>> result = new ArrayList<>();
        for (ServiceItem service : catalogue.services(hub.id())) {
            int waiting = db.read(c -> count(c, service.id(), day));
            String serving = db.read(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        SELECT number FROM ticket WHERE service_id = ? AND day = ? AND called_ts IS NOT NULL
                        ORDER BY called_ts DESC, seq DESC LIMIT 1""")) {
                    st.setString(1, service.id());
                    st.setString(2, day);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", service.id());
            row.put("letter", service.letter());
            row.put("waiting", waiting);
            row.put("estimatedWaitMinutes", estimate(service.id(), waiting));
            row.put("nowServing", serving);
            result.add(row);
        }
        return result;
    }

    private static int count(Connection c, String serviceId, String day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM ticket WHERE service_id = ? AND day = ? AND state = 'waiting'")) {
            st.setString(1, serviceId);
            st.setString(2, day);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void publishCall(Ticket ticket, boolean recall) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hub", ticket.hubId());
        data.put("counter", ticket.counterId());
        data.put("service", ticket.serviceId());
        data.put("number", ticket.number());
        data.put("ticket", ticket.id());
        data.put("recall", recall);
        events.publish("call", data);
    }

    private void publishQueue(Hub hub, ServiceItem service) {
        String day = today(hub);
        int waiting = db.read(c -> count(c, service.id(), day));
        events.publish("queue", Map.of("hub", hub.id(), "service", service.id(), "waiting", waiting,
                "estimatedWaitMinutes", estimate(service.id(), waiting)));
    }
}
