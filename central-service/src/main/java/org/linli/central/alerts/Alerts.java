package org.linli.central.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Name;
import org.linli.central.errors.NotFound;
import org.linli.central.events.EventBus;
import org.linli.central.store.Database;

/**
 * Raised alerts, stored, and sent live as SSE {@code alert} events. One open alert per kind and device or room: a
 * door held open for ten minutes is one alert, not ten. Acknowledging closes it; the next occurrence opens a new one.
 */
public final class Alerts {
    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());
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
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO alert (hub_id, kind, room_id, device_id, message_zh, message_en, ts)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                st.setString(1, hubId);
                st.setString(2, kind);
                st.setString(3, roomId);
                st.setString(4, deviceId);
                st.setString(5, message.zh());
                st.setString(6, message.en());
                st.setLong(7, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return Optional.of(new Alert(rs.getLong(1), hubId, kind, roomId, deviceId, message, now, false));
                }
            }
        });
        raised.ifPresent(alert -> {
            LOG.log(System.Logger.Level.INFO, "alert " + alert.kind() + " in hub " + hubId
                    + (deviceId == null ? "" : " for device " + deviceId) + (roomId == null ? "" : " in room " + roomId));
            publish(alert);
        });
        return raised;
    }

    /** Acknowledges an alert; acknowledging twice is harmless. */
    public Alert acknowledge(long id, String by, String callerHub) {
        Alert alert = db.write(c -> {
            Alert current = find(c, id).filter(a -> callerHub == null || callerHub.equals(a.hubId()))
                    .orElseThrow(() -> new NotFound("no alert " + id));
            if (!current.acknowledged()) {
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE alert SET acknowledged = 1, ack_by = ?, ack_ts = ? WHERE id = ?")) {
                    st.setString(1, by);
                    st.setLong(2, clock.millis());
                    st.setLong(3, id);
                    st.executeUpdate();
                }
            }
            return find(c, id).orElseThrow();
        });
        publish(alert);
        return alert;
    }

    /** Alerts of a hub not yet acknowledged, newest first. */
    public List<Alert> open(String hubId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT * FROM alert WHERE hub_id = ? AND acknowledged = 0 ORDER BY ts DESC, id DESC LIMIT 200")) {
                st.setString(1, hubId);
                return list(st);
            }
        });
    }

    public ZoneId zone(String hubId) {
        return catalogue.hub(hubId).map(h -> h.timezone()).orElse(ZoneId.of("Asia/Shanghai"));
    }

    private void publish(Alert alert) {
        events.publish(alert.event(zone(alert.hubId())));
    }

    private static Optional<Alert> openAlert(Connection c, String hubId, String kind, String roomId, String deviceId)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT * FROM alert WHERE hub_id = ? AND kind = ? AND acknowledged = 0")) {
            st.setString(1, hubId);
            st.setString(2, kind);
            return list(st).stream()
                    .filter(a -> Objects.equals(a.roomId(), roomId) && Objects.equals(a.deviceId(), deviceId))
                    .findFirst();
        }
    }

    private static Optional<Alert> find(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM alert WHERE id = ?")) {
            st.setLong(1, id);
            return list(st).stream().findFirst();
        }
    }

    private static List<Alert> list(PreparedStatement st) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                alerts.add(new Alert(rs.getLong("id"), rs.getString("hub_id"), rs.getString("kind"),
                        rs.getString("room_id"), rs.getString("device_id"),
                        new Name(rs.getString("message_zh"), rs.getString("message_en")), rs.getLong("ts"),
                        rs.getInt("acknowledged") == 1));
            }
        }
        return alerts;
    }
}
