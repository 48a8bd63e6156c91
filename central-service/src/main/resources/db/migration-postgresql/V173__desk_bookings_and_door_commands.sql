-- PostgreSQL twin of db/migration/V173 (integers as BIGINT, as in the other twins).
-- Issue 14, staff's side of bookings and doors.
-- A room blocked for maintenance is a booking of kind 'maintenance': the overlap triggers keep residents' bookings
-- out of it as they keep them out of each other, availability shows it taken, and no token is ever signed for it
-- (doors are told its window as revoked). Its purpose is the staff's reason.
ALTER TABLE booking ADD COLUMN kind TEXT NOT NULL DEFAULT 'resident' CHECK (kind IN ('resident', 'maintenance'));
-- Why staff cancelled a booking (a resident cancelling at a kiosk gives none).
ALTER TABLE booking ADD COLUMN cancel_reason TEXT;

-- What an action was for, in the words of the member of staff who did it (a door opened from the dashboard, a
-- booking cancelled): the audit log's "why" beside its who, when and from where.
ALTER TABLE audit ADD COLUMN detail TEXT;

-- Commands sent to devices from the dashboard. The agent answers with an event whose reason carries the command's
-- id (identify.done, config.reloaded, door.unlocked_remotely, command.rejected, command.refused); the answer is read
-- from device_event when asked for, so ingestion needs no change.
CREATE TABLE device_command (
    id         TEXT PRIMARY KEY,
    device_id  TEXT NOT NULL,
    hub_id     TEXT NOT NULL,
    cmd        TEXT NOT NULL,
    room_id    TEXT,
    duration_s BIGINT,
    reason     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    source     TEXT,
    sent_ts    BIGINT NOT NULL
);
CREATE INDEX device_command_device ON device_command (device_id, sent_ts);
-- answers only: a full index would cost every one of the many events ingested
CREATE INDEX device_event_answer ON device_event (device_id, ts)
    WHERE type IN ('identify.done', 'config.reloaded', 'door.unlocked_remotely', 'command.rejected', 'command.refused');
