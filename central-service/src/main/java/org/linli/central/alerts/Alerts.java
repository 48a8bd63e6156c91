package org.linli.central.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Name;
import org.linli.central.errors.NotFound;
import org.linli.central.events.EventBus;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * Raised alerts, stored, and sent live as SSE {@code alert} events. One open alert per kind and device or room: a
 * door held open for ten minutes is one alert, not ten. Acknowledging closes it; the next occurrence opens a new one.
 */
public final class Alerts {
    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());
    /**
     * Who acknowledged an alert whose condition ended by itself, or added to the name of staff who had: no staff
     * account's name has a "(".
     */
    static final String RESOLVED = "(resolved)";
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

    /** @return the new alert, or empty when the same one is still open */
    public Optional<Alert> raise(String hubId, String kind, String roomId, String deviceId, Name message) {
        long now = clock.millis();
        Optional<Alert> raised = db.write(c -> {
            if (openAlert(c, hubId, kind, roomId, deviceId).isPresent()) {
                return Optional.<Alert>empty();
            }
            return Sql.one(c, """
                    INSERT INTO alert (hub_id, kind, room_id, device_id, message_zh, message_en, ts)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    rs -> new Alert(rs.getLong(1), hubId, kind, roomId, deviceId, message, now, false, false),
                    hubId, kind, roomId, deviceId, message.zh(), message.en(), now);
        });
        raised.ifPresent(alert -> {
            LOG.log(System.Logger.Level.INFO, "alert " + alert.kind() + " in hub " + hubId
                    + (deviceId == null ? "" : " for device " + deviceId) + (roomId == null ? "" : " in room " + roomId));
            publish(alert);
        });
        return raised;
    }

    /**
     * Raises a hub's alert about a condition that lasts (no room, no device) once while it lasts: not again while its
     * last alert of the kind is open, nor after staff acknowledged it, until {@link #resolve} says the condition
     * ended. What was said is in the stored alerts, so every replica of the central service sees the same.
     *
     * @return the new alert, or empty when this episode already had one
     */
    public Optional<Alert> raiseOnce(String hubId, String kind, Name message) {
        long now = clock.millis();
        Optional<Alert> raised = db.write(c -> {
            if (lastAckBy(c, hubId, kind).map(by -> !by.endsWith(RESOLVED)).orElse(false)) {
                return Optional.<Alert>empty();
            }
            return Sql.one(c, """
                    INSERT INTO alert (hub_id, kind, room_id, device_id, message_zh, message_en, ts)
                    VALUES (?, ?, NULL, NULL, ?, ?, ?) RETURNING id""",
                    rs -> new Alert(rs.getLong(1), hubId, kind, null, null, message, now, false, false),
                    hubId, kind, message.zh(), message.en(), now);
        });
        raised.ifPresent(alert -> {
            LOG.log(System.Logger.Level.INFO, "alert " + kind + " in hub " + hubId);
            publish(alert);
        });
        return raised;
    }

    /**
     * The condition of a {@link #raiseOnce} alert ended by itself: its last alert is marked so and sent again with
     * {@code resolved} (an open one is closed; one staff acknowledged keeps their name), and the next time the
     * condition holds raises a new one.
     */
    public void resolve(String hubId, String kind) {
        // read first: this is asked after every counted change, and nearly always there is nothing to write
        if (db.read(c -> lastAckBy(c, hubId, kind)).map(by -> by.endsWith(RESOLVED)).orElse(true)) {
            return;
        }
        Optional<Alert> closed = db.write(c -> {
            Optional<Alert> last = Sql.one(c, """
                    SELECT * FROM alert WHERE hub_id = ? AND kind = ? AND room_id IS NULL AND device_id IS NULL
                    ORDER BY id DESC LIMIT 1""", Alerts::alert, hubId, kind);
            if (last.isEmpty()) {
                return Optional.<Alert>empty();
            }
            long id = last.get().id();
            if (last.get().acknowledged()) {
                // sent again too: a screen that showed "acknowledged" now shows "resolved"
                int changed = Sql.update(c,
                        "UPDATE alert SET ack_by = ack_by || ? WHERE id = ? AND ack_by NOT LIKE ?",
                        " " + RESOLVED, id, "%" + RESOLVED);
                return changed == 0 ? Optional.<Alert>empty() : find(c, id);
            }
            Sql.update(c, "UPDATE alert SET acknowledged = 1, ack_by = ?, ack_ts = ? WHERE id = ?", RESOLVED,
                    clock.millis(), id);
            return find(c, id);
        });
        closed.ifPresent(alert -> {
            LOG.log(System.Logger.Level.INFO, "alert " + kind + " in hub " + hubId + " resolved");
            publish(alert);
        });
    }

    /** Who acknowledged the hub's last alert of a kind: "" while it is open, empty when there is none. */
    private static Optional<String> lastAckBy(Connection c, String hubId, String kind) throws SQLException {
        return Sql.one(c, """
                SELECT acknowledged, ack_by FROM alert
                WHERE hub_id = ? AND kind = ? AND room_id IS NULL AND device_id IS NULL
                ORDER BY id DESC LIMIT 1""", rs -> rs.getInt(1) == 1 ? String.valueOf(rs.getString(2)) : "",
                hubId, kind);
    }

    /** Acknowledges an alert; acknowledging twice is harmless. */
    public Alert acknowledge(long id, String by, java.util.function.Predicate<String> reaches) {
        Alert alert = db.write(c -> {
            Alert current = find(c, id).filter(a -> reaches.test(a.hubId()))
                    .orElseThrow(() -> new NotFound("no alert " + id));
            if (!current.acknowledged()) {
                Sql.update(c, "UPDATE alert SET acknowledged = 1, ack_by = ?, ack_ts = ? WHERE id = ?", by,
                        clock.millis(), id);
            }
            return find(c, id).orElseThrow();
        });
        publish(alert);
        return alert;
    }

    /** Alerts of a hub not yet acknowledged, newest first. */
    public List<Alert> open(String hubId) {
        return db.read(c -> Sql.list(c,
                "SELECT * FROM alert WHERE hub_id = ? AND acknowledged = 0 ORDER BY ts DESC, id DESC LIMIT 200",
                Alerts::alert, hubId));
    }

    /** The zone an alert's times are shown in: its hub's (every hub has one; devices are only registered to one). */
    public ZoneId zone(String hubId) {
        return catalogue.requireHub(hubId).timezone();
    }

    private void publish(Alert alert) {
        events.publish(alert.event(zone(alert.hubId())));
    }

    private static Optional<Alert> openAlert(Connection c, String hubId, String kind, String roomId, String deviceId)
            throws SQLException {
        return Sql.list(c, "SELECT * FROM alert WHERE hub_id = ? AND kind = ? AND acknowledged = 0", Alerts::alert,
                hubId, kind).stream()
                .filter(a -> Objects.equals(a.roomId(), roomId) && Objects.equals(a.deviceId(), deviceId))
                .findFirst();
    }

    private static Optional<Alert> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM alert WHERE id = ?", Alerts::alert, id);
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("hub_id"), rs.getString("kind"), rs.getString("room_id"),
                rs.getString("device_id"), new Name(rs.getString("message_zh"), rs.getString("message_en")),
                rs.getLong("ts"), rs.getInt("acknowledged") == 1, resolved(rs.getString("ack_by")));
    }

    /** Closed by itself: acknowledged by {@link #RESOLVED}, or by staff and then resolved. */
    private static boolean resolved(String ackBy) {
        return ackBy != null && ackBy.endsWith(RESOLVED);
    }
}
