-- PostgreSQL's copy of db/migration/V2 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- The overlap checks (both no-double-booking triggers, the booking's own check, availability) look for the live
-- bookings of a room with start < the new end and end > the new start. On booking_room_time alone SQLite ranges over
-- "start_ts < new end", which is every booking the room ever had, and reads each row for its status: every insert
-- cost time in proportion to the room's whole history. Ranging over "end_ts > new start" skips the past, and with
-- start_ts and status in this partial index the check never touches the table.
CREATE INDEX booking_room_live_end ON booking (room_id, end_ts, start_ts, status)
    WHERE status IN ('active', 'used');
