package org.linli.central.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.OccupancyPayload;

/** Inserts occupancy samples and events, each (device, seq) once; says which of them were new. */
final class IngestStore {
    private IngestStore() {
    }

    /** @return the messages stored now for the first time, plus every status and telemetry, in arrival order */
    static List<Message> insert(Connection c, List<Message> messages) throws SQLException {
        List<Message> occupancy = new ArrayList<>();
        List<Message> events = new ArrayList<>();
        for (Message m : messages) {
            if (m.payload() instanceof OccupancyPayload) {
                occupancy.add(m);
            } else if (m.payload() instanceof EventPayload) {
                events.add(m);
            }
        }
        boolean[] newOccupancy = insertOccupancy(c, occupancy);
        boolean[] newEvents = insertEvents(c, events);
        List<Message> fresh = new ArrayList<>(messages.size());
        int o = 0;
        int e = 0;
        for (Message m : messages) {
            if (m.payload() instanceof OccupancyPayload) {
                if (newOccupancy[o++]) {
                    fresh.add(m);
                }
            } else if (m.payload() instanceof EventPayload) {
                if (newEvents[e++]) {
                    fresh.add(m);
                }
            } else {
                fresh.add(m);
            }
        }
        return fresh;
    }

    private static boolean[] insertOccupancy(Connection c, List<Message> messages) throws SQLException {
        if (messages.isEmpty()) {
            return new boolean[0];
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO occupancy_sample (device_id, seq, room_id, ts, occupied, count, source)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, seq) DO NOTHING""")) {
            for (Message m : messages) {
                OccupancyPayload p = (OccupancyPayload) m.payload();
                st.setString(1, m.deviceId());
                st.setLong(2, p.seq());
                st.setString(3, p.room());
                st.setLong(4, p.ts());
                st.setInt(5, p.occupied() ? 1 : 0);
                if (p.count() == null) {
                    st.setNull(6, Types.INTEGER);
                } else {
                    st.setInt(6, p.count());
                }
                st.setString(7, p.source());
                st.addBatch();
            }
            return inserted(st.executeBatch());
        }
    }

    private static boolean[] insertEvents(Connection c, List<Message> messages) throws SQLException {
        if (messages.isEmpty()) {
            return new boolean[0];
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO device_event (device_id, seq, room_id, ts, type, booking_id, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, seq) DO NOTHING""")) {
            for (Message m : messages) {
                EventPayload p = (EventPayload) m.payload();
                st.setString(1, m.deviceId());
                st.setLong(2, p.seq());
                st.setString(3, p.room());
                st.setLong(4, p.ts());
                st.setString(5, p.type());
                st.setString(6, p.bookingId());
                st.setString(7, p.reason());
                st.addBatch();
            }
            return inserted(st.executeBatch());
        }
    }

    private static boolean[] inserted(int[] counts) {
        boolean[] result = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            result[i] = counts[i] > 0;
        }
        return result;
    }
}
