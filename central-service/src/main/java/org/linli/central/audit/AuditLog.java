package org.linli.central.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * Who did what, when and from where: every change a member of staff makes (the method and path, the answer's status,
 * the caller's address), and what each door did; kept as long as the retention rule keeps personal data and then
 * deleted by the daily job.
 */
public final class AuditLog {
    private static final int MAX_ROWS = 1000;

    /** One action. {@code hub} is the hub it concerned (its path's, else the actor's); null for every hub. */
    public record Entry(long id, Instant at, String actor, String role, String hub, String action, int status,
            String source, String detail) {
    }

    /** What to list; null fields do not filter. */
    public record Filter(Optional<List<String>> hubs, String actor, String action, Instant from, Instant to,
            int limit) {
    }

    /** What a door did: let a booking in, refused a code (the reason), was unlocked or refused a command. */
    public record DoorEntry(Instant at, String device, String room, String hub, String type, String booking,
            String reason) {
    }

    // the same list as the partial index device_event_door (V71), so that SQLite uses it
    private static final String DOOR_TYPES = "('access.granted', 'access.denied', 'door.unlocked_remotely',"
            + " 'command.rejected', 'command.refused')";

    private final Database db;
    private final Clock clock;
    private final Duration kept;
    private final AtomicLong lastArrival = new AtomicLong();

    public AuditLog(Database db, Clock clock, Duration kept) {
        this.db = db;
        this.clock = clock;
        this.kept = kept;
    }

    /**
     * Now, in epoch milliseconds, and later than every arrival before it in this service (a millisecond later when
     * two arrive within one, or the clock is held): taken when a request arrives, as its row is written only once it
     * has been answered, and the log is listed in this order.
     */
    public long arrival() {
        return lastArrival.accumulateAndGet(clock.millis(), (last, now) -> Math.max(last + 1, now));
    }

    public void record(String actor, String role, String hub, String action, int status, String source) {
        record(actor, role, hub, action, status, source, null);
    }

    /** @param detail why, in the actor's words (a door opened remotely, a booking cancelled); null when none */
    public void record(String actor, String role, String hub, String action, int status, String source,
            String detail) {
        record(arrival(), actor, role, hub, action, status, source, detail);
    }

    /** @param arrival when the request arrived ({@link #arrival()}) */
    public void record(long arrival, String actor, String role, String hub, String action, int status, String source,
            String detail) {
        db.write(c -> Sql.update(c, """
                INSERT INTO audit (at_ts, at_ms, actor, role, hub_id, action, status, source, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Math.floorDiv(arrival, 1000), arrival, actor, role, hub, action, status, source, detail));
    }

    /** The newest entries first, as they arrived. */
    public List<Entry> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT id, at_ms, actor, role, hub_id, action, status, source, detail"
                + " FROM audit WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.hubs().isPresent()) {
            List<String> hubs = filter.hubs().get();
            if (hubs.isEmpty()) {
                return List.of();
            }
            sql.append(" AND hub_id IN (").append("?, ".repeat(hubs.size() - 1)).append("?)");
            params.addAll(hubs);
        }
        if (filter.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(filter.actor());
        }
        if (filter.action() != null) {
            // a word of the action: "disable", "kiosk-keys", "POST"
            sql.append(" AND ").append(db.dialect().contains("action"));
            params.add(filter.action());
        }
        if (filter.from() != null) {
            sql.append(" AND at_ms >= ?");
            params.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" AND at_ms < ?");
            params.add(filter.to().toEpochMilli());
        }
        // rows kept before V192 have only their second: among them the one written later is the newer
        sql.append(" ORDER BY at_ms DESC, id DESC LIMIT ").append(Math.min(Math.max(filter.limit(), 1), MAX_ROWS));
        return db.read(c -> Sql.list(c, sql.toString(), rs -> new Entry(rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9)), params.toArray()));
    }

    /** The doors' actions in the hubs and times of the filter (its actor and action do not apply), newest first. */
    public List<DoorEntry> doors(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT e.ts, e.device_id, e.room_id, d.hub_id, e.type, e.booking_id,"
                + " e.reason FROM device_event e JOIN device d ON d.id = e.device_id WHERE e.type IN " + DOOR_TYPES);
        List<Object> params = new ArrayList<>();
        if (filter.hubs().isPresent()) {
            List<String> hubs = filter.hubs().get();
            if (hubs.isEmpty()) {
                return List.of();
            }
            sql.append(" AND d.hub_id IN (").append("?, ".repeat(hubs.size() - 1)).append("?)");
            params.addAll(hubs);
        }
        // a device's event time is in epoch milliseconds, as every payload's ts
        if (filter.from() != null) {
            sql.append(" AND e.ts >= ?");
            params.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" AND e.ts < ?");
            params.add(filter.to().toEpochMilli());
        }
        sql.append(" ORDER BY e.ts DESC LIMIT ").append(Math.min(Math.max(filter.limit(), 1), MAX_ROWS));
        return db.read(c -> Sql.list(c, sql.toString(), rs -> new DoorEntry(Instant.ofEpochMilli(rs.getLong(1)),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7)), params.toArray()));
    }

    /**
     * Deletes what is older than the retention rule, from both halves: staff's actions, and what the doors did with
     * the commands staff sent them (a command goes with its answer, which is one of the door's events: kept alone it
     * would read "unanswered"). Nothing else reads old door events: reports count bookings, check-ins and occupancy
     * samples, never device_event. Run by the daily job.
     *
     * @return how many rows
     */
    public int purge() {
        Instant before = clock.instant().minus(kept);
        return db.write(c -> Sql.update(c, "DELETE FROM audit WHERE at_ms < ?", before.toEpochMilli())
                // a device's event time is its payload's, in epoch milliseconds
                + Sql.update(c, "DELETE FROM device_event WHERE ts < ?", before.toEpochMilli())
                + Sql.update(c, "DELETE FROM device_command WHERE sent_ts < ?", before.getEpochSecond()));
    }
}
