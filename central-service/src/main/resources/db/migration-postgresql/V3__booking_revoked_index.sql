-- PostgreSQL's copy of db/migration/V3 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- A hub's revocation list (cancelled or released bookings whose time has not ended) is read for the doors after
-- every cancellation and on every broker (re)connect. Without an index it scanned every booking ever made: 7 ms at
-- 30,000 bookings, growing with the history. Ranging over end_ts in this partial index reads only the live ones.
CREATE INDEX booking_revoked ON booking (hub_id, end_ts) WHERE status IN ('cancelled', 'released');
