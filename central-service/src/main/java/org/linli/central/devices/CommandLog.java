package org.linli.central.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * The commands sent to devices from the dashboard, with who sent them, from where and why, and the agent's answer:
 * the event whose reason carries the command's id (the agent's {@code CommandHandler} answers every command so).
 */
public final class CommandLog {
    /** After this long without an answer the dashboard says none came (the agent is off, or refused it unheard). */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final int RECENT = 10;

    private final Database db;
    private final Clock clock;

    public CommandLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A command as sent. */
    public record Sent(String id, String deviceId, String hubId, String cmd, String room, Integer durationS,
            String reason, String actor, String source) {
    }

    /**
     * A command and its answer so far.
     *
     * @param state sent (no answer yet), done, rejected (could not be carried out), refused (not believed: signature,
     *     freshness, replay) or unanswered (none within {@link #ANSWER_WITHIN})
     * @param answer the agent's words, or null
     */
    public record Entry(String id, String deviceId, String cmd, String room, Integer durationS, String reason,
            String actor, String source, Instant sent, String state, Instant answered, String answer) {
    }

    public void record(Sent sent) {
        db.write(c -> Sql.update(c, """
                INSERT INTO device_command (id, device_id, hub_id, cmd, room_id, duration_s, reason, actor, source,
                    sent_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", sent.id(), sent.deviceId(), sent.hubId(),
                sent.cmd(), sent.room(), sent.durationS(), sent.reason(), sent.actor(), sent.source(),
                clock.instant().getEpochSecond()));
    }

    /** The device's latest commands, newest first. */
    public List<Entry> recent(String deviceId) {
        Instant now = clock.instant();
        return db.read(c -> Sql.list(c, SELECT + " WHERE k.device_id = ? ORDER BY k.sent_ts DESC, k.id DESC LIMIT "
                + RECENT, rs -> entry(rs, now), deviceId));
    }

    public Optional<Entry> find(String deviceId, String id) {
        Instant now = clock.instant();
        return db.read(c -> Sql.one(c, SELECT + " WHERE k.device_id = ? AND k.id = ?", rs -> entry(rs, now), deviceId,
                id));
    }

    // the first answer whose reason names the command: the agent puts the id first ("<id>: why", "<id> for 5 s"),
    // a refusal after its verdict ("REPLAYED <id>: …")
    private static final String SELECT = """
            SELECT k.id, k.device_id, k.cmd, k.room_id, k.duration_s, k.reason, k.actor, k.source, k.sent_ts,
                   a.type, a.ts, a.reason
            FROM device_command k
            LEFT JOIN device_event a ON a.device_id = k.device_id AND a.seq = (
                SELECT e.seq FROM device_event e
                WHERE e.device_id = k.device_id AND e.type IN ('identify.done', 'config.reloaded',
                      'door.unlocked_remotely', 'command.rejected', 'command.refused')
                  AND e.reason LIKE '%' || k.id || '%'
                ORDER BY e.ts LIMIT 1)""";

    private static Entry entry(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        Instant sent = Instant.ofEpochSecond(rs.getLong(9));
        String type = rs.getString(10);
        String state;
        if (type == null) {
            state = now.isAfter(sent.plus(ANSWER_WITHIN)) ? "unanswered" : "sent";
        } else {
            state = switch (type) {
                case "command.rejected" -> "rejected";
                case "command.refused" -> "refused";
                default -> "done";
            };
        }
        int duration = rs.getInt(5);
        Integer durationS = rs.wasNull() ? null : duration;
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), durationS,
                rs.getString(6), rs.getString(7), rs.getString(8), sent, state,
                type == null ? null : Instant.ofEpochMilli(rs.getLong(11)), rs.getString(12));
    }
}
