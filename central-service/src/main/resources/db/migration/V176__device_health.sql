-- How each device said it was in its last telemetry (CPU temperature, the agent's memory, its uptime), so the
-- dashboard shows it after a restart and in every replica; null until a device says so.
ALTER TABLE device_state ADD COLUMN cpu_temp_c REAL;
ALTER TABLE device_state ADD COLUMN memory_mb INTEGER;
ALTER TABLE device_state ADD COLUMN uptime_s INTEGER;

-- A device hot enough to slow itself down (its telemetry says 80 °C or more) raises the alert device_hot. SQLite
-- cannot change a CHECK constraint in place, so the alert table is made again with the same columns and rows.
CREATE TABLE alert_new (
    id           INTEGER PRIMARY KEY,
    hub_id       TEXT NOT NULL REFERENCES hub (id),
    kind         TEXT NOT NULL CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst',
                                              'clock_untrusted', 'revocations_unpublishable', 'revocations_refused',
                                              'revocations_stale', 'device_hot')),
    room_id      TEXT,
    device_id    TEXT,
    message_zh   TEXT NOT NULL,
    message_en   TEXT NOT NULL,
    ts           INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0,
    ack_by       TEXT,
    ack_ts       INTEGER
);
INSERT INTO alert_new (id, hub_id, kind, room_id, device_id, message_zh, message_en, ts, acknowledged, ack_by, ack_ts)
    SELECT id, hub_id, kind, room_id, device_id, message_zh, message_en, ts, acknowledged, ack_by, ack_ts FROM alert;
DROP TABLE alert;
ALTER TABLE alert_new RENAME TO alert;
CREATE INDEX alert_open ON alert (hub_id, acknowledged, ts);
