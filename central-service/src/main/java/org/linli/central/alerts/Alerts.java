package org.linli.central.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Name;
import org.linli.central.errors.NotFound;
import org.linli.central.events.EventBus;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * Raised alerts, stored, and sent live as SSE {@code alert} events: raised, acknowledged by staff, resolved by itself
 * or open again (see {@link Alert} for the states). One alert per kind and device or room at a time: a door held open
 * for ten minutes is one alert, not ten.
 * <ul>
 * <li>A kind that resolves itself ({@link Alert#RESOLVE_THEMSELVES}) raises nothing more until it is resolved, also
 * after staff acknowledged it: acknowledging says "we are on it", not "it is over".</li>
 * <li>Another kind is closed by staff acknowledging it; the next occurrence raises a new one.</li>
 * <li>A condition back within {@link #REOPEN_WITHIN} of its alert resolving opens that alert again (its
 * acknowledgement dropped: it needs looking at again) rather than raising another: a room counted 10, 11, 10, 11
 * against a capacity of 10 is one alert going open and resolved, not a list of them.</li>
 * </ul>
 * Everything is decided in the stored alerts, so every replica of the central service sees the same.
 */
public final class Alerts {
    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());
    /** A condition back within this of its alert resolving opens that alert again. */
    static final Duration REOPEN_WITHIN = Duration.ofMinutes(10);
    private final Database db;
    private final Catalogue catalogue;
    private final EventBus events;
    private final Clock clock;

    public Alerts(Database db, Catalogue catalogue, EventBus events, Clock clock) {
        this.db = db;
        this.catalogue = catalogue;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param roomId null when it is about a device only, or about the whole hub
     * @param deviceId null when it is about a room only, or about the whole hub
     * @return the alert raised or opened again, or empty when the same one is still going on
     */
    public Optional<Alert> raise(String hubId, String kind, String roomId, String deviceId, Name message) {
        long now = clock.millis();
        boolean resolvesItself = Alert.RESOLVE_THEMSELVES.contains(kind);
        Optional<Alert> raised = db.write(c -> {
            Optional<Alert> last = Sql.one(c, "SELECT * FROM alert WHERE hub_id = ? AND kind = ? AND "
                    + about(roomId, deviceId) + " ORDER BY id DESC LIMIT 1", Alerts::alert,
                    keys(hubId, kind, roomId, deviceId));
            if (last.isPresent() && !last.get().resolved()
                    && (resolvesItself || !last.get().acknowledged())) {
                return Optional.<Alert>empty();
            }
            if (last.isPresent() && last.get().resolved() && resolvesItself
                    && now - last.get().resolvedTs() < REOPEN_WITHIN.toMillis()) {
                long id = last.get().id();
                Sql.update(c, """
                        UPDATE alert SET resolved_ts = NULL, acknowledged = 0, ack_by = NULL, ack_ts = NULL,
                            message_zh = ?, message_en = ? WHERE id = ?""", message.zh(), message.en(), id);
                return find(c, id);
            }
            return Sql.one(c, """
                    INSERT INTO alert (hub_id, kind, room_id, device_id, message_zh, message_en, ts)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    rs -> new Alert(rs.getLong(1), hubId, kind, roomId, deviceId, message, now, null, null, null),
                    hubId, kind, roomId, deviceId, message.zh(), message.en(), now);
        });
        raised.ifPresent(alert -> {
            LOG.log(System.Logger.Level.INFO, "alert " + alert.id() + " " + kind + " in hub " + hubId
                    + (deviceId == null ? "" : " for device " + deviceId) + (roomId == null ? "" : " in room " + roomId)
                    + (alert.ts() == now ? "" : " open again"));
            publish(alert);
        });
        return raised;
    }

    /**
     * The condition of an alert ended by itself: it is marked resolved (acknowledged by staff before or not) and sent
     * again. Asked after every count and every device coming back, so nearly always there is nothing to write: it is
     * read first, through an index of the alerts not resolved.
     */
    public void resolve(String hubId, String kind, String roomId, String deviceId) {
        String unresolved = "SELECT id FROM alert WHERE kind = ? AND " + about(roomId, deviceId)
                + " AND hub_id = ? AND resolved_ts IS NULL";
        Object[] keys = keys(kind, roomId, deviceId, hubId);
        if (db.read(c -> Sql.list(c, unresolved, rs -> rs.getLong(1), keys)).isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<Alert> resolved = db.write(c -> {
            List<Alert> ended = new ArrayList<>();
            for (long id : Sql.list(c, unresolved, rs -> rs.getLong(1), keys)) {
                if (Sql.update(c, "UPDATE alert SET resolved_ts = ? WHERE id = ? AND resolved_ts IS NULL", now,
                        id) == 1) {
                    find(c, id).ifPresent(ended::add);
                }
            }
            return ended;
        });
        for (Alert alert : resolved) {
            LOG.log(System.Logger.Level.INFO, "alert " + alert.id() + " " + kind + " in hub " + hubId + " resolved");
            publish(alert);
        }
    }

    /**
     * Staff acknowledge an alert. Acknowledging twice is harmless, and one that resolved itself stays as it is:
     * there is nothing left to acknowledge.
     */
    public Alert acknowledge(long id, String by, Predicate<String> reaches) {
        Alert alert = db.write(c -> {
            Alert current = find(c, id).filter(a -> reaches.test(a.hubId()))
                    .orElseThrow(() -> new NotFound("no alert " + id));
            if (!current.acknowledged() && !current.resolved()) {
                Sql.update(c, "UPDATE alert SET acknowledged = 1, ack_by = ?, ack_ts = ? WHERE id = ?", by,
                        clock.millis(), id);
            }
            return find(c, id).orElseThrow();
        });
        publish(alert);
        return alert;
    }

    /** Alerts of a hub nobody acknowledged and still going on, newest first. */
    public List<Alert> open(String hubId) {
        return db.read(c -> Sql.list(c, """
                SELECT * FROM alert WHERE hub_id = ? AND acknowledged = 0 AND resolved_ts IS NULL
                ORDER BY ts DESC, id DESC LIMIT 200""", Alerts::alert, hubId));
    }

    /**
     * What a hub's dashboard lists: the open alerts, whenever raised, and those raised, acknowledged or resolved
     * today in the hub's zone, newest first.
     */
    public List<Alert> today(String hubId) {
        ZoneId zone = zone(hubId);
        long midnight = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant().toEpochMilli();
        return db.read(c -> Sql.list(c, """
                SELECT * FROM alert WHERE hub_id = ? AND ((acknowledged = 0 AND resolved_ts IS NULL)
                    OR ts >= ? OR ack_ts >= ? OR resolved_ts >= ?)
                ORDER BY ts DESC, id DESC LIMIT 200""", Alerts::alert, hubId, midnight, midnight, midnight));
    }

    /** The zone an alert's times are shown in: its hub's (every hub has one; devices are only registered to one). */
    public ZoneId zone(String hubId) {
        return catalogue.requireHub(hubId).timezone();
    }

    private void publish(Alert alert) {
        events.publish(alert.event(zone(alert.hubId())));
    }

    /** The condition on room and device, null ones as IS NULL (an index serves both). */
    private static String about(String roomId, String deviceId) {
        return (roomId == null ? "room_id IS NULL" : "room_id = ?") + " AND "
                + (deviceId == null ? "device_id IS NULL" : "device_id = ?");
    }

    /** The parameters for a query with {@link #about}: its nulls left out, as the SQL has them. */
    private static Object[] keys(String... values) {
        return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toArray();
    }

    private static Optional<Alert> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM alert WHERE id = ?", Alerts::alert, id);
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("hub_id"), rs.getString("kind"), rs.getString("room_id"),
                rs.getString("device_id"), new Name(rs.getString("message_zh"), rs.getString("message_en")),
                rs.getLong("ts"), rs.getInt("acknowledged") == 1 ? rs.getString("ack_by") : null,
                rs.getInt("acknowledged") == 1 ? Sql.nullableLong(rs, "ack_ts") : null,
                Sql.nullableLong(rs, "resolved_ts"));
    }
}
