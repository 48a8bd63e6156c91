-- A door whose lock does not do what its relay told it (the lock's own sense output says so) raises the alert
-- lock_fault (security review M9). SQLite cannot change a CHECK constraint in place, so the alert table is made again
-- with the same columns, rows and indexes.
CREATE TABLE alert_new (
    id           INTEGER PRIMARY KEY,
    hub_id       TEXT NOT NULL REFERENCES hub (id),
    kind         TEXT NOT NULL CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst',
                                              'clock_untrusted', 'revocations_unpublishable', 'revocations_refused',
                                              'revocations_stale', 'device_hot', 'hub_over_capacity',
                                              'lock_fault')),
    room_id      TEXT,
    device_id    TEXT,
    message_zh   TEXT NOT NULL,
    message_en   TEXT NOT NULL,
    ts           INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0,
    ack_by       TEXT,
    ack_ts       INTEGER,
    resolved_ts  INTEGER
);
INSERT INTO alert_new (id, hub_id, kind, room_id, device_id, message_zh, message_en, ts, acknowledged, ack_by, ack_ts,
        resolved_ts)
    SELECT id, hub_id, kind, room_id, device_id, message_zh, message_en, ts, acknowledged, ack_by, ack_ts, resolved_ts
    FROM alert;
DROP TABLE alert;
ALTER TABLE alert_new RENAME TO alert;
CREATE INDEX alert_open ON alert (hub_id, acknowledged, ts);
CREATE INDEX alert_unresolved ON alert (kind, room_id, device_id) WHERE resolved_ts IS NULL;
