-- PostgreSQL's copy of db/migration/V160 (BIGINT for INTEGER; the SEQUENCE triggers in PL/pgSQL).
-- Reports (issue 16): figures kept per hub and hub-local day ('YYYY-MM-DD' in the hub's zone), so a report over a
-- year of a district sums rows instead of reading every check-in, ticket, booking and sensor sample again. A job
-- recomputes a hub's day from the raw tables (idempotent: delete and insert in one transaction), catching up on the
-- days it has not closed yet. Plain SQL both SQLite and PostgreSQL understand; no engine's date functions.

CREATE TABLE report_hub_day (
    hub_id            TEXT NOT NULL REFERENCES hub (id),
    day               TEXT NOT NULL,
    weekday           BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 Monday, for the heatmap
    open_minutes      BIGINT NOT NULL,
    visits            BIGINT NOT NULL,
    tickets           BIGINT NOT NULL, -- drawn (a transfer does not draw a second one)
    served            BIGINT NOT NULL,
    no_shows          BIGINT NOT NULL,
    bookings          BIGINT NOT NULL, -- live (active or used) bookings starting this day
    released          BIGINT NOT NULL, -- released because nobody came
    cancelled         BIGINT NOT NULL,
    room_open_minutes BIGINT NOT NULL, -- opening minutes summed over the hub's rooms
    booked_minutes    BIGINT NOT NULL, -- of live bookings, within opening hours
    sensed_minutes    BIGINT NOT NULL, -- rooms sensed occupied, within opening hours
    sensed_rooms      BIGINT NOT NULL, -- rooms with sensor data this day
    ratings           BIGINT NOT NULL,
    rating_sum        BIGINT NOT NULL,
    rating_1          BIGINT NOT NULL,
    rating_2          BIGINT NOT NULL,
    rating_3          BIGINT NOT NULL,
    rating_4          BIGINT NOT NULL,
    rating_5          BIGINT NOT NULL,
    signups           BIGINT NOT NULL, -- confirmed places of activities held this day
    waitlisted        BIGINT NOT NULL,
    attended          BIGINT NOT NULL, -- check-ins for those activities
    -- person-minutes in the hub's rooms per hour of the day (the occupancy sensors' counts)
    h00 BIGINT NOT NULL, h01 BIGINT NOT NULL, h02 BIGINT NOT NULL, h03 BIGINT NOT NULL, h04 BIGINT NOT NULL,
    h05 BIGINT NOT NULL, h06 BIGINT NOT NULL, h07 BIGINT NOT NULL, h08 BIGINT NOT NULL, h09 BIGINT NOT NULL,
    h10 BIGINT NOT NULL, h11 BIGINT NOT NULL, h12 BIGINT NOT NULL, h13 BIGINT NOT NULL, h14 BIGINT NOT NULL,
    h15 BIGINT NOT NULL, h16 BIGINT NOT NULL, h17 BIGINT NOT NULL, h18 BIGINT NOT NULL, h19 BIGINT NOT NULL,
    h20 BIGINT NOT NULL, h21 BIGINT NOT NULL, h22 BIGINT NOT NULL, h23 BIGINT NOT NULL,
    computed_ts       BIGINT NOT NULL,
    PRIMARY KEY (hub_id, day)
);

-- The same sums for a street or the district (scope_id: the hub at the top), each hub counted on its own day, so
-- that a year of the whole district is 365 rows. Rewritten from report_hub_day whenever a day of a hub below changes.
CREATE TABLE report_rollup_day (
    scope_id          TEXT NOT NULL REFERENCES hub (id),
    day               TEXT NOT NULL,
    weekday           BIGINT NOT NULL,
    open_minutes      BIGINT NOT NULL,
    visits            BIGINT NOT NULL,
    tickets           BIGINT NOT NULL,
    served            BIGINT NOT NULL,
    no_shows          BIGINT NOT NULL,
    bookings          BIGINT NOT NULL,
    released          BIGINT NOT NULL,
    cancelled         BIGINT NOT NULL,
    room_open_minutes BIGINT NOT NULL,
    booked_minutes    BIGINT NOT NULL,
    sensed_minutes    BIGINT NOT NULL,
    sensed_rooms      BIGINT NOT NULL,
    ratings           BIGINT NOT NULL,
    rating_sum        BIGINT NOT NULL,
    rating_1          BIGINT NOT NULL,
    rating_2          BIGINT NOT NULL,
    rating_3          BIGINT NOT NULL,
    rating_4          BIGINT NOT NULL,
    rating_5          BIGINT NOT NULL,
    signups           BIGINT NOT NULL,
    waitlisted        BIGINT NOT NULL,
    attended          BIGINT NOT NULL,
    h00 BIGINT NOT NULL, h01 BIGINT NOT NULL, h02 BIGINT NOT NULL, h03 BIGINT NOT NULL, h04 BIGINT NOT NULL,
    h05 BIGINT NOT NULL, h06 BIGINT NOT NULL, h07 BIGINT NOT NULL, h08 BIGINT NOT NULL, h09 BIGINT NOT NULL,
    h10 BIGINT NOT NULL, h11 BIGINT NOT NULL, h12 BIGINT NOT NULL, h13 BIGINT NOT NULL, h14 BIGINT NOT NULL,
    h15 BIGINT NOT NULL, h16 BIGINT NOT NULL, h17 BIGINT NOT NULL, h18 BIGINT NOT NULL, h19 BIGINT NOT NULL,
    h20 BIGINT NOT NULL, h21 BIGINT NOT NULL, h22 BIGINT NOT NULL, h23 BIGINT NOT NULL,
    computed_ts       BIGINT NOT NULL,
    PRIMARY KEY (scope_id, day)
);

-- Waits cannot be summed as medians: each service's day keeps its histogram of waits in whole minutes,
-- "minute:count" pairs separated by commas (e.g. "0:3,4:1,12:2"), summed when a report asks.
CREATE TABLE report_service_day (
    hub_id         TEXT NOT NULL REFERENCES hub (id),
    day            TEXT NOT NULL,
    service_id     TEXT NOT NULL,
    visits         BIGINT NOT NULL,
    tickets        BIGINT NOT NULL,
    served         BIGINT NOT NULL,
    no_shows       BIGINT NOT NULL,
    called         BIGINT NOT NULL,
    wait_histogram TEXT NOT NULL,
    PRIMARY KEY (hub_id, day, service_id)
);

CREATE TABLE report_room_day (
    hub_id         TEXT NOT NULL REFERENCES hub (id),
    day            TEXT NOT NULL,
    room_id        TEXT NOT NULL,
    open_minutes   BIGINT NOT NULL,
    bookings       BIGINT NOT NULL,
    booked_minutes BIGINT NOT NULL,
    sensed_minutes BIGINT NOT NULL,
    released       BIGINT NOT NULL,
    cancelled      BIGINT NOT NULL,
    PRIMARY KEY (hub_id, day, room_id)
);

CREATE TABLE report_activity_day (
    hub_id      TEXT NOT NULL REFERENCES hub (id),
    day         TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    capacity    BIGINT NOT NULL,
    confirmed   BIGINT NOT NULL,
    waitlisted  BIGINT NOT NULL,
    cancelled   BIGINT NOT NULL,
    attended    BIGINT NOT NULL,
    PRIMARY KEY (hub_id, day, activity_id)
);

-- Devices keep no history of being online, so the job samples them each time it runs and adds the sample here.
CREATE TABLE report_device_day (
    hub_id  TEXT NOT NULL REFERENCES hub (id),
    day     TEXT NOT NULL,
    samples BIGINT NOT NULL,
    devices BIGINT NOT NULL, -- devices summed over the samples
    online  BIGINT NOT NULL, -- of them online
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
    minutes    BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 240)
);

-- Weights of the star-rating inputs in the hub comparison (defaults in code when a criterion has no row).
CREATE TABLE report_weight (
    criterion TEXT PRIMARY KEY,
    weight    BIGINT NOT NULL CHECK (weight BETWEEN 0 AND 100)
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
    generation BIGINT NOT NULL,
    created_ts BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_ts BIGINT
);
CREATE INDEX calendar_feed_hub ON calendar_feed (hub_id) WHERE revoked_ts IS NULL;

-- RFC 5545 SEQUENCE: raised by the database on every change of what a calendar shows, whichever code changes it.
ALTER TABLE booking ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION booking_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> NEW.status OR OLD.start_ts <> NEW.start_ts OR OLD.end_ts <> NEW.end_ts
       OR OLD.room_id <> NEW.room_id THEN
        NEW.sequence := OLD.sequence + 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER booking_sequence BEFORE UPDATE ON booking FOR EACH ROW EXECUTE FUNCTION booking_sequence();

ALTER TABLE activity ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION activity_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.title_zh <> NEW.title_zh OR OLD.title_en <> NEW.title_en OR OLD.start_ts <> NEW.start_ts
       OR OLD.end_ts <> NEW.end_ts OR OLD.room_id IS DISTINCT FROM NEW.room_id THEN
        NEW.sequence := OLD.sequence + 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER activity_sequence BEFORE UPDATE ON activity FOR EACH ROW EXECUTE FUNCTION activity_sequence();
