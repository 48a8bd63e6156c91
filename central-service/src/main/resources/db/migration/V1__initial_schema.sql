-- Times are epoch seconds (UTC); days are 'YYYY-MM-DD' in the hub's time zone.

CREATE TABLE hub (
    id          TEXT PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('district', 'street', 'residential')),
    parent      TEXT REFERENCES hub (id),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    opens       TEXT NOT NULL,
    closes      TEXT NOT NULL
);

CREATE TABLE room (
    id                      TEXT PRIMARY KEY,
    hub_id                  TEXT NOT NULL REFERENCES hub (id),
    name_zh                 TEXT NOT NULL,
    name_en                 TEXT NOT NULL,
    capacity                INTEGER NOT NULL CHECK (capacity > 0),
    facilities              TEXT NOT NULL DEFAULT '',
    slot_minutes            INTEGER NOT NULL,
    min_minutes             INTEGER NOT NULL,
    max_minutes             INTEGER NOT NULL,
    lead_minutes            INTEGER NOT NULL,
    max_days_ahead          INTEGER NOT NULL,
    max_active_per_resident INTEGER NOT NULL
);

CREATE TABLE service (
    id              TEXT PRIMARY KEY,
    hub_id          TEXT NOT NULL REFERENCES hub (id),
    letter          TEXT NOT NULL,
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    typical_minutes INTEGER NOT NULL CHECK (typical_minutes > 0),
    UNIQUE (hub_id, letter)
);

CREATE TABLE counter (
    id              TEXT PRIMARY KEY,
    hub_id          TEXT NOT NULL REFERENCES hub (id),
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    priority_streak INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE counter_service (
    counter_id TEXT NOT NULL REFERENCES counter (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL REFERENCES service (id),
    PRIMARY KEY (counter_id, service_id)
);

CREATE TABLE activity (
    id        TEXT PRIMARY KEY,
    hub_id    TEXT NOT NULL REFERENCES hub (id),
    room_id   TEXT REFERENCES room (id),
    title_zh  TEXT NOT NULL,
    title_en  TEXT NOT NULL,
    start_ts  INTEGER NOT NULL,
    end_ts    INTEGER NOT NULL CHECK (end_ts > start_ts),
    capacity  INTEGER NOT NULL CHECK (capacity > 0)
);

-- A resident is a keyed hash of a phone number; the number itself is never stored.
CREATE TABLE resident (
    id           INTEGER PRIMARY KEY,
    phone_hmac   TEXT NOT NULL UNIQUE,
    phone_last4  TEXT NOT NULL,
    created_ts   INTEGER NOT NULL,
    last_seen_ts INTEGER NOT NULL
);

CREATE TABLE booking (
    id              INTEGER PRIMARY KEY,
    hub_id          TEXT NOT NULL REFERENCES hub (id),
    room_id         TEXT NOT NULL REFERENCES room (id),
    start_ts        INTEGER NOT NULL,
    end_ts          INTEGER NOT NULL CHECK (end_ts > start_ts),
    resident_id     INTEGER REFERENCES resident (id) ON DELETE SET NULL,
    phone_last4     TEXT,
    attendees       INTEGER NOT NULL CHECK (attendees > 0),
    purpose         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'released', 'used')),
    created_ts      INTEGER NOT NULL,
    changed_ts      INTEGER NOT NULL,
    idempotency_key TEXT UNIQUE,
    request_hash    TEXT
);
CREATE INDEX booking_room_time ON booking (room_id, start_ts, end_ts);
CREATE INDEX booking_resident ON booking (resident_id, status, end_ts);

-- The rule "no double booking" lives here, in the database: no two live bookings of a room overlap in time,
-- whichever program or replica writes. (PostgreSQL: an exclusion constraint on tstzrange.)
CREATE TRIGGER booking_no_overlap_insert
BEFORE INSERT ON booking
WHEN NEW.status IN ('active', 'used')
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps another booking of the room')
    WHERE EXISTS (SELECT 1 FROM booking b
                  WHERE b.room_id = NEW.room_id AND b.status IN ('active', 'used')
                    AND b.start_ts < NEW.end_ts AND NEW.start_ts < b.end_ts);
END;

CREATE TRIGGER booking_no_overlap_update
BEFORE UPDATE OF status, start_ts, end_ts, room_id ON booking
WHEN NEW.status IN ('active', 'used')
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps another booking of the room')
    WHERE EXISTS (SELECT 1 FROM booking b
                  WHERE b.id <> NEW.id AND b.room_id = NEW.room_id AND b.status IN ('active', 'used')
                    AND b.start_ts < NEW.end_ts AND NEW.start_ts < b.end_ts);
END;

CREATE TABLE ticket (
    id             TEXT PRIMARY KEY,
    hub_id         TEXT NOT NULL REFERENCES hub (id),
    service_id     TEXT NOT NULL REFERENCES service (id),
    day            TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    number         TEXT NOT NULL,
    priority       INTEGER NOT NULL DEFAULT 0,
    state          TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'done', 'no_show', 'transferred')),
    counter_id     TEXT REFERENCES counter (id),
    resident_id    INTEGER REFERENCES resident (id) ON DELETE SET NULL,
    queued_ts      INTEGER NOT NULL,
    created_ts     INTEGER NOT NULL,
    called_ts      INTEGER,
    done_ts        INTEGER,
    transferred_to TEXT,
    UNIQUE (service_id, day, seq)
);
CREATE INDEX ticket_waiting ON ticket (service_id, state, priority, queued_ts);
CREATE INDEX ticket_counter ON ticket (counter_id, state);

CREATE TABLE checkin (
    id          INTEGER PRIMARY KEY,
    hub_id      TEXT NOT NULL REFERENCES hub (id),
    kind        TEXT NOT NULL CHECK (kind IN ('resident', 'booking', 'phone')),
    resident_id INTEGER REFERENCES resident (id) ON DELETE SET NULL,
    booking_id  INTEGER REFERENCES booking (id),
    service_id  TEXT REFERENCES service (id),
    activity_id TEXT REFERENCES activity (id),
    at_ts       INTEGER NOT NULL,
    day         TEXT NOT NULL
);
CREATE INDEX checkin_day ON checkin (hub_id, day);

CREATE TABLE activity_signup (
    id          INTEGER PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activity (id),
    resident_id INTEGER REFERENCES resident (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    created_ts  INTEGER NOT NULL,
    UNIQUE (activity_id, resident_id)
);

CREATE TABLE feedback (
    id        INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('ticket', 'booking', 'checkin')),
    item_id   TEXT NOT NULL,
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment   TEXT,
    at_ts     INTEGER NOT NULL,
    UNIQUE (item_kind, item_id)
);

CREATE TABLE staff (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('operator', 'counter', 'admin')),
    hub_id        TEXT REFERENCES hub (id)
);

-- Bearer secrets are stored as SHA-256 only; a copy of the database opens nothing.
CREATE TABLE staff_session (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES staff (username) ON DELETE CASCADE,
    expires_ts INTEGER NOT NULL
);

CREATE TABLE kiosk (
    id       TEXT PRIMARY KEY,
    hub_id   TEXT NOT NULL REFERENCES hub (id),
    key_hash TEXT NOT NULL UNIQUE
);
