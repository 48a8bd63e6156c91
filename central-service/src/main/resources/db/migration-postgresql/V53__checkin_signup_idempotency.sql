-- PostgreSQL's copy of db/migration/V53 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- Check-ins and activity sign-ups take an Idempotency-Key the way bookings do: the row keeps the key and a hash of
-- the request that made it, so a try again whose answer was lost answers that row instead of counting a second
-- visit, and the same key with another request is refused.
ALTER TABLE checkin ADD COLUMN idempotency_key TEXT;
ALTER TABLE checkin ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX checkin_idempotency ON checkin (idempotency_key) WHERE idempotency_key IS NOT NULL;
ALTER TABLE activity_signup ADD COLUMN idempotency_key TEXT;
ALTER TABLE activity_signup ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX activity_signup_idempotency ON activity_signup (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
