-- Reports (issue 16): figures kept per hub and hub-local day ('YYYY-MM-DD' in the hub's zone), so a report over a
-- year of a district sums rows instead of reading every check-in, ticket, booking and sensor sample again. A job
-- recomputes a hub's day from the raw tables (idempotent: delete and insert in one transaction), catching up on the
-- days it has not closed yet. Plain SQL both SQLite and PostgreSQL understand; no engine's date functions.

CREATE TABLE report_hub_day (
    hub_id            TEXT NOT NULL REFERENCES hub (id),
    day               TEXT NOT NULL,
    weekday           INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 Monday, for the heatmap
    open_minutes      INTEGER NOT NULL,
    visits            INTEGER NOT NULL,
    tickets           INTEGER NOT NULL, -- drawn (a transfer does not draw a second one)
    served            INTEGER NOT NULL,
    no_shows          INTEGER NOT NULL,
    bookings          INTEGER NOT NULL, -- live (active or used) bookings starting this day
    released          INTEGER NOT NULL, -- released because nobody came
    cancelled         INTEGER NOT NULL,
    room_open_minutes INTEGER NOT NULL, -- opening minutes summed over the hub's rooms
    booked_minutes    INTEGER NOT NULL, -- of live bookings, within opening hours
    sensed_minutes    INTEGER NOT NULL, -- rooms sensed occupied, within opening hours
    sensed_rooms      INTEGER NOT NULL, -- rooms with sensor data this day
    ratings           INTEGER NOT NULL,
    rating_sum        INTEGER NOT NULL,
    rating_1          INTEGER NOT NULL,
    rating_2          INTEGER NOT NULL,
    rating_3          INTEGER NOT NULL,
    rating_4          INTEGER NOT NULL,
    rating_5          INTEGER NOT NULL,
    signups           INTEGER NOT NULL, -- confirmed places of activities held this day
    waitlisted        INTEGER NOT NULL,
    attended          INTEGER NOT NULL, -- check-ins for those activities
    -- person-minutes in the hub's rooms per hour of the day (the occupancy sensors' counts)
    h00 INTEGER NOT NULL, h01 INTEGER NOT NULL, h02 INTEGER NOT NULL, h03 INTEGER NOT NULL, h04 INTEGER NOT NULL,
    h05 INTEGER NOT NULL, h06 INTEGER NOT NULL, h07 INTEGER NOT NULL, h08 INTEGER NOT NULL, h09 INTEGER NOT NULL,
    h10 INTEGER NOT NULL, h11 INTEGER NOT NULL, h12 INTEGER NOT NULL, h13 INTEGER NOT NULL, h14 INTEGER NOT NULL,
    h15 INTEGER NOT NULL, h16 INTEGER NOT NULL, h17 INTEGER NOT NULL, h18 INTEGER NOT NULL, h19 INTEGER NOT NULL,
    h20 INTEGER NOT NULL, h21 INTEGER NOT NULL, h22 INTEGER NOT NULL, h23 INTEGER NOT NULL,
    computed_ts       INTEGER NOT NULL,
    PRIMARY KEY (hub_id, day)
);

-- The same sums for a street or the district (scope_id: the hub at the top), each hub counted on its own day, so
-- that a year of the whole district is 365 rows. Rewritten from report_hub_day whenever a day of a hub below changes.
CREATE TABLE report_rollup_day (
    scope_id          TEXT NOT NULL REFERENCES hub (id),
    day               TEXT NOT NULL,
    weekday           INTEGER NOT NULL,
    open_minutes      INTEGER NOT NULL,
    visits            INTEGER NOT NULL,
    tickets           INTEGER NOT NULL,
    served            INTEGER NOT NULL,
    no_shows          INTEGER NOT NULL,
    bookings          INTEGER NOT NULL,
    released          INTEGER NOT NULL,
    cancelled         INTEGER NOT NULL,
    room_open_minutes INTEGER NOT NULL,
    booked_minutes    INTEGER NOT NULL,
    sensed_minutes    INTEGER NOT NULL,
    sensed_rooms      INTEGER NOT NULL,
    ratings           INTEGER NOT NULL,
    rating_sum        INTEGER NOT NULL,
    rating_1          INTEGER NOT NULL,
    rating_2          INTEGER NOT NULL,
    rating_3          INTEGER NOT NULL,
    rating_4          INTEGER NOT NULL,
    rating_5          INTEGER NOT NULL,
    signups           INTEGER NOT NULL,
    waitlisted        INTEGER NOT NULL,
    attended          INTEGER NOT NULL,
    h00 INTEGER NOT NULL, h01 INTEGER NOT NULL, h02 INTEGER NOT NULL, h03 INTEGER NOT NULL, h04 INTEGER NOT NULL,
    h05 INTEGER NOT NULL, h06 INTEGER NOT NULL, h07 INTEGER NOT NULL, h08 INTEGER NOT NULL, h09 INTEGER NOT NULL,
    h10 INTEGER NOT NULL, h11 INTEGER NOT NULL, h12 INTEGER NOT NULL, h13 INTEGER NOT NULL, h14 INTEGER NOT NULL,
    h15 INTEGER NOT NULL, h16 INTEGER NOT NULL, h17 INTEGER NOT NULL, h18 INTEGER NOT NULL, h19 INTEGER NOT NULL,
    h20 INTEGER NOT NULL, h21 INTEGER NOT NULL, h22 INTEGER NOT NULL, h23 INTEGER NOT NULL,
    computed_ts       INTEGER NOT NULL,
    PRIMARY KEY (scope_id, day)
);

-- Waits cannot be summed as medians: each service's day keeps its histogram of waits in whole minutes,
-- "minute:count" pairs separated by commas (e.g. "0:3,4:1,12:2"), summed when a report asks.
CREATE TABLE report_service_day (
    hub_id         TEXT NOT NULL REFERENCES hub (id),
    day            TEXT NOT NULL,
    service_id     TEXT NOT NULL,
    visits         INTEGER NOT NULL,
    tickets        INTEGER NOT NULL,
    served         INTEGER NOT NULL,
    no_shows       INTEGER NOT NULL,
    called         INTEGER NOT NULL,
    wait_histogram TEXT NOT NULL,
    PRIMARY KEY (hub_id, day, service_id)
);

CREATE TABLE report_room_day (
    hub_id         TEXT NOT NULL REFERENCES hub (id),
    day            TEXT NOT NULL,
    room_id        TEXT NOT NULL,
    open_minutes   INTEGER NOT NULL,
    bookings       INTEGER NOT NULL,
    booked_minutes INTEGER NOT NULL,
    sensed_minutes INTEGER NOT NULL,
    released       INTEGER NOT NULL,
    cancelled      INTEGER NOT NULL,
    PRIMARY KEY (hub_id, day, room_id)
);

CREATE TABLE report_activity_day (
    hub_id      TEXT NOT NULL REFERENCES hub (id),
    day         TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    capacity    INTEGER NOT NULL,
    confirmed   INTEGER NOT NULL,
    waitlisted  INTEGER NOT NULL,
    cancelled   INTEGER NOT NULL,
    attended    INTEGER NOT NULL,
    PRIMARY KEY (hub_id, day, activity_id)
);

-- Devices keep no history of being online, so the job samples them each time it runs and adds the sample here.
CREATE TABLE report_device_day (
    hub_id  TEXT NOT NULL REFERENCES hub (id),
    day     TEXT NOT NULL,
    samples INTEGER NOT NULL,
    devices INTEGER NOT NULL, -- devices summed over the samples
    online  INTEGER NOT NULL, -- of them online
    PRIMARY KEY (hub_id, day)
);

-- The last hub-local day the job has closed for a hub; it catches up from the day after.
CREATE TABLE report_closed (
    hub_id      TEXT PRIMARY KEY REFERENCES hub (id),
    through_day TEXT NOT NULL
);

-- The service level: waits above this many minutes count as over target (default 15 when a service has no row).
CREATE TABLE report_wait_target (
    service_id TEXT PRIMARY KEY REFERENCES service (id),
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 240)
);

-- Weights of the star-rating inputs in the hub comparison (defaults in code when a criterion has no row).
CREATE TABLE report_weight (
    criterion TEXT PRIMARY KEY,
    weight    INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100)
);

-- Closing a day reads the day's feedback by time and each hub's activities of the day.
CREATE INDEX feedback_at ON feedback (at_ts);
CREATE INDEX activity_hub_start ON activity (hub_id, start_ts);

-- Calendar feeds: a subscription URL per room or per hub. The URL's token is an HMAC of (id, generation) under a
-- server secret, so it is never stored; raising the generation or revoking the feed kills the URL.
CREATE TABLE calendar_feed (
    id         TEXT PRIMARY KEY,
    hub_id     TEXT NOT NULL REFERENCES hub (id),
    room_id    TEXT REFERENCES room (id),
    generation INTEGER NOT NULL,
    created_ts INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    revoked_ts INTEGER
);
CREATE INDEX calendar_feed_hub ON calendar_feed (hub_id) WHERE revoked_ts IS NULL;

-- RFC 5545 SEQUENCE: raised by the database on every change of what a calendar shows, whichever code changes it.
-- (PostgreSQL: the same as a BEFORE UPDATE trigger setting NEW.sequence.)
ALTER TABLE booking ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER booking_sequence AFTER UPDATE OF status, start_ts, end_ts, room_id ON booking
WHEN OLD.status <> NEW.status OR OLD.start_ts <> NEW.start_ts OR OLD.end_ts <> NEW.end_ts
     OR OLD.room_id <> NEW.room_id
BEGIN
    UPDATE booking SET sequence = OLD.sequence + 1 WHERE id = NEW.id;
END;

ALTER TABLE activity ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER activity_sequence AFTER UPDATE OF title_zh, title_en, start_ts, end_ts, room_id ON activity
WHEN OLD.title_zh <> NEW.title_zh OR OLD.title_en <> NEW.title_en OR OLD.start_ts <> NEW.start_ts
     OR OLD.end_ts <> NEW.end_ts OR OLD.room_id IS NOT NEW.room_id
BEGIN
    UPDATE activity SET sequence = OLD.sequence + 1 WHERE id = NEW.id;
END;
