-- Live operations (issue 5): devices, what they report, live room state, alerts and no-shows.
-- Times are epoch milliseconds here (device payloads carry ms), except booking-related columns, which follow V1.

-- A device and the rooms it may speak about; anything it says about another room is dropped.
CREATE TABLE device (
    id         TEXT PRIMARY KEY,
    hub_id     TEXT NOT NULL REFERENCES hub (id),
    created_ts INTEGER NOT NULL
);

CREATE TABLE device_room (
    device_id TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    room_id   TEXT NOT NULL REFERENCES room (id),
    PRIMARY KEY (device_id, room_id)
);

-- The last known state of a device, so a restart does not forget who was offline since when.
CREATE TABLE device_state (
    device_id    TEXT PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    online       INTEGER NOT NULL,
    changed_ts   INTEGER NOT NULL,
    last_seen_ts INTEGER NOT NULL,
    version      TEXT,
    outbox_depth INTEGER
);

-- QoS 1 delivers at least once: the primary key (device, seq) is what stores each message once.
CREATE TABLE occupancy_sample (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    room_id   TEXT NOT NULL,
    ts        INTEGER NOT NULL,
    occupied  INTEGER NOT NULL,
    count     INTEGER,
    source    TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX occupancy_sample_room_ts ON occupancy_sample (room_id, ts);

CREATE TABLE device_event (
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    room_id    TEXT,
    ts         INTEGER NOT NULL,
    type       TEXT NOT NULL,
    booking_id TEXT,
    reason     TEXT,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX device_event_booking ON device_event (booking_id) WHERE booking_id IS NOT NULL;

-- A room as the sensors last saw it; since = when "occupied" last changed.
CREATE TABLE room_live (
    room_id    TEXT PRIMARY KEY REFERENCES room (id),
    occupied   INTEGER NOT NULL,
    count      INTEGER,
    source     TEXT NOT NULL,
    since_ts   INTEGER NOT NULL,
    updated_ts INTEGER NOT NULL,
    device_id  TEXT
);

CREATE TABLE alert (
    id           INTEGER PRIMARY KEY,
    hub_id       TEXT NOT NULL REFERENCES hub (id),
    kind         TEXT NOT NULL CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst',
                                              'clock_untrusted')),
    room_id      TEXT,
    device_id    TEXT,
    message_zh   TEXT NOT NULL,
    message_en   TEXT NOT NULL,
    ts           INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0,
    ack_by       TEXT,
    ack_ts       INTEGER
);
CREATE INDEX alert_open ON alert (hub_id, acknowledged, ts);

-- A booking released because nobody came; counts of these per resident drive the no-show rule.
CREATE TABLE booking_no_show (
    booking_id  INTEGER PRIMARY KEY REFERENCES booking (id),
    resident_id INTEGER REFERENCES resident (id) ON DELETE SET NULL,
    released_ts INTEGER NOT NULL
);
CREATE INDEX booking_no_show_resident ON booking_no_show (resident_id, released_ts);
