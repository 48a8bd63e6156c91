package org.linli.central.kiosks;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.linli.central.web.Json;

/**
 * What each kiosk last reported of its outbox: entries waiting to be sent, and entries the central service refused
 * for good, which the kiosk keeps aside for staff. One row per kiosk key, replaced by every report. A refusal is its
 * route, its problem type and its time: nothing of the resident it concerned.
 */
public final class KioskStatuses {
    /** The newest refusals a report lists; the total counts them all. */
    public static final int MAX_LISTED = 20;

    /** One entry refused for good: the route it was for, the refusal's problem type, and when (ISO, with offset). */
    public record Refused(String path, String reason, String at) {
    }

    /** A kiosk's report as received, and when. */
    public record Status(int waiting, int refusedTotal, List<Refused> refused, Instant reported) {
    }

    private final Database db;
    private final Clock clock;

    public KioskStatuses(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Keeps a kiosk's report in place of its last one. */
    public void report(String kioskId, int waiting, int refusedTotal, List<Refused> refused) {
        String entries;
        try {
            entries = Json.MAPPER.writeValueAsString(refused);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a kiosk's refusals", e);
        }
        long now = clock.instant().getEpochSecond();
        db.write(c -> Sql.update(c, """
                INSERT INTO kiosk_status (kiosk_id, waiting, refused, refused_entries, reported_ts)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kiosk_id) DO UPDATE SET waiting = excluded.waiting, refused = excluded.refused,
                    refused_entries = excluded.refused_entries, reported_ts = excluded.reported_ts""",
                kioskId, waiting, refusedTotal, entries, now));
    }

    /** The last reports of the hub's kiosks, by kiosk id (a kiosk that never reported has none). */
    public Map<String, Status> of(String hubId) {
        record Row(String id, Status status) {
        }
        return db.read(c -> Sql.list(c, """
                SELECT s.kiosk_id, s.waiting, s.refused, s.refused_entries, s.reported_ts FROM kiosk_status s
                JOIN kiosk k ON k.id = s.kiosk_id WHERE k.hub_id = ?""",
                rs -> new Row(rs.getString(1), new Status(rs.getInt(2), rs.getInt(3), entries(rs.getString(4)),
                        Instant.ofEpochSecond(rs.getLong(5)))), hubId))
                .stream().collect(Collectors.toMap(Row::id, Row::status));
    }

    private static List<Refused> entries(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<Refused>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a kiosk's stored refusals do not read", e);
        }
    }
}
