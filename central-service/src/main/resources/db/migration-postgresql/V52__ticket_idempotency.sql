-- PostgreSQL's copy of db/migration/V52 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- A kiosk sends the same Idempotency-Key when it tries again after an answer was lost: the second try answers the
-- ticket the first one drew instead of drawing another. Keys are scoped to the hub that drew the ticket.
ALTER TABLE ticket ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX ticket_idempotency ON ticket (hub_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
