package org.linli.central.calendar;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.linli.central.store.Database;

/** The calendar feeds of the hubs: one per room or per hub, each with a URL that can be renewed or revoked. */
public final class CalendarFeeds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final Clock clock;

    public CalendarFeeds(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A feed; {@code roomId} null for the hub's own feed (its rooms' bookings and its activities). */
    public record Feed(String id, String hubId, String roomId, int generation, Instant created, String createdBy) {
    }

    public List<Feed> list(String hubId) {
        return db.read(c -> {
            List<Feed> feeds = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT * FROM calendar_feed WHERE hub_id = ? AND revoked_ts IS NULL ORDER BY room_id, created_ts""")) {
                st.setString(1, hubId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        feeds.add(feed(rs));
                    }
                }
            }
            return feeds;
        });
    }

    /** A live (not revoked) feed. */
    public Optional<Feed> find(String id) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT * FROM calendar_feed WHERE id = ? AND revoked_ts IS NULL")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(feed(rs)) : Optional.<Feed>empty();
                }
            }
        });
    }

    public Feed create(String hubId, String roomId, String by) {
        String id = "cal-" + HexFormat.of().formatHex(bytes(8));
        long now = clock.instant().getEpochSecond();
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO calendar_feed (id, hub_id, room_id, generation, created_ts, created_by)
                    VALUES (?, ?, ?, 1, ?, ?)""")) {
                st.setString(1, id);
                st.setString(2, hubId);
                st.setString(3, roomId);
                st.setLong(4, now);
                st.setString(5, by);
                return st.executeUpdate();
            }
        });
        return new Feed(id, hubId, roomId, 1, Instant.ofEpochSecond(now), by);
    }

    /** A new URL for the feed: the old one stops working. Empty when there is no such live feed of the hub. */
    public Optional<Feed> renew(String hubId, String id) {
        int changed = db.write(c -> update(c, "UPDATE calendar_feed SET generation = generation + 1 "
                + "WHERE id = ? AND hub_id = ? AND revoked_ts IS NULL", id, hubId));
        return changed == 0 ? Optional.empty() : find(id);
    }

    public boolean revoke(String hubId, String id) {
        long now = clock.instant().getEpochSecond();
        return db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE calendar_feed SET revoked_ts = ? WHERE id = ? AND hub_id = ? AND revoked_ts IS NULL")) {
                st.setLong(1, now);
                st.setString(2, id);
                st.setString(3, hubId);
                return st.executeUpdate();
            }
        }) > 0;
    }

    private static int update(Connection c, String sql, String id, String hubId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, id);
            st.setString(2, hubId);
            return st.executeUpdate();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Feed feed(ResultSet rs) throws SQLException {
        return new Feed(rs.getString("id"), rs.getString("hub_id"), rs.getString("room_id"), rs.getInt("generation"),
                Instant.ofEpochSecond(rs.getLong("created_ts")), rs.getString("created_by"));
    }
}
