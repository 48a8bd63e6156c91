package org.linli.central.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.linli.central.store.Database;
import org.linli.protocol.payload.OccupancyPayload;

/**
 * Each room as its sensors last described it. Samples can arrive late (an agent's outbox replays after an outage),
 * so a sample older than the one the state came from does not change it.
 */
public final class RoomStates {
    private final Map<String, Sensed> rooms = new ConcurrentHashMap<>();

    /**
     * @param sinceTs when {@code occupied} last changed (epoch ms)
     * @param updatedTs the time of the sample this state comes from
     */
    public record Sensed(String roomId, boolean occupied, Integer count, String source, long sinceTs, long updatedTs,
            String deviceId) {

        boolean sameAs(Sensed other) {
            return other != null && occupied == other.occupied && java.util.Objects.equals(count, other.count)
                    && source.equals(other.source);
        }
    }

    public void load(Database db) {
        db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM room_live");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Sensed sensed = sensed(rs);
                    rooms.put(sensed.roomId(), sensed);
                }
            }
            return null;
        });
    }

    /**
     * Reads a room's state again, as another replica saved it (see {@link OtherReplicas}); a state this replica holds
     * from a newer sample stays.
     */
    public void reload(Database db, String roomId) {
        Sensed saved = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM room_live WHERE room_id = ?")) {
                st.setString(1, roomId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? sensed(rs) : null;
                }
            }
        });
        if (saved != null) {
            rooms.merge(roomId, saved, (held, read) -> read.updatedTs() >= held.updatedTs() ? read : held);
        }
    }

    private static Sensed sensed(ResultSet rs) throws SQLException {
        int count = rs.getInt("count");
        Integer counted = rs.wasNull() ? null : count;
        return new Sensed(rs.getString("room_id"), rs.getInt("occupied") == 1, counted, rs.getString("source"),
                rs.getLong("since_ts"), rs.getLong("updated_ts"), rs.getString("device_id"));
    }

    public Optional<Sensed> get(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /** @return the new state when the sample changed what the room looks like */
    public Optional<Sensed> apply(String deviceId, OccupancyPayload sample) {
        Sensed before = rooms.get(sample.room());
        if (before != null && sample.ts() < before.updatedTs()) {
            return Optional.empty();
        }
        long since = before == null || before.occupied() != sample.occupied() ? sample.ts() : before.sinceTs();
        Sensed after = new Sensed(sample.room(), sample.occupied(), sample.count(), sample.source(), since,
                sample.ts(), deviceId);
        rooms.put(sample.room(), after);
        return after.sameAs(before) ? Optional.empty() : Optional.of(after);
    }

    static void save(Connection c, Collection<Sensed> states) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO room_live (room_id, occupied, count, source, since_ts, updated_ts, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (room_id) DO UPDATE SET occupied = excluded.occupied, count = excluded.count,
                    source = excluded.source, since_ts = excluded.since_ts, updated_ts = excluded.updated_ts,
                    device_id = excluded.device_id""")) {
            for (Sensed s : states) {
                st.setString(1, s.roomId());
                st.setInt(2, s.occupied() ? 1 : 0);
                if (s.count() == null) {
                    st.setNull(3, Types.INTEGER);
                } else {
                    st.setInt(3, s.count());
                }
                st.setString(4, s.source());
                st.setLong(5, s.sinceTs());
                st.setLong(6, s.updatedTs());
                st.setString(7, s.deviceId());
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
