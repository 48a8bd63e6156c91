-- PostgreSQL's copy of db/migration/V184. An alert whose condition ended by itself (a room back under its
-- capacity, a device back online, a door closed) is resolved, when it was: resolved_ts. acknowledged, ack_by and
-- ack_ts are staff's alone from now on. Until now "resolved" was written into ack_by: "(resolved)" alone (closed by
-- itself, acknowledged = 1) or after the name of staff who had acknowledged it before ("operator (resolved)"). When
-- those resolved is not known: the time they were closed (ack_ts) is the best there is.
ALTER TABLE alert ADD COLUMN resolved_ts BIGINT;

UPDATE alert SET resolved_ts = COALESCE(ack_ts, ts), acknowledged = 0, ack_by = NULL, ack_ts = NULL
    WHERE ack_by = '(resolved)';
UPDATE alert SET resolved_ts = COALESCE(ack_ts, ts), ack_by = substr(ack_by, 1, length(ack_by) - length(' (resolved)'))
    WHERE ack_by LIKE '% (resolved)';

-- What is still going on, looked up after every room's count and every device coming back: only the alerts not
-- resolved, so the look-up stays small however many alerts the years keep.
CREATE INDEX alert_unresolved ON alert (kind, room_id, device_id) WHERE resolved_ts IS NULL;
