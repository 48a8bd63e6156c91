-- How many people the hub's fire certificate allows in the building (features review C4); null until staff set it.
ALTER TABLE hub ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity > 0);

-- More people counted in a hub than it may hold raises the alert hub_over_capacity. SQLite cannot change a CHECK
-- constraint in place, so the alert table is made again with the same columns and rows.
CREATE TABLE alert_new (
    id           INTEGER PRIMARY KEY,
    hub_id       TEXT NOT NULL REFERENCES hub (id),
    kind         TEXT NOT NULL CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst',
                                              'clock_untrusted', 'revocations_unpublishable', 'revocations_refused',
                                              'revocations_stale', 'device_hot', 'hub_over_capacity')),
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
