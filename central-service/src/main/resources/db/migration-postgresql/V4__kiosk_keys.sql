-- PostgreSQL's copy of db/migration/V4 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- Kiosk keys issued and revoked by admins (before, they came only from the demo seed). A revoked key stays as a row,
-- so the list of a hub's keys can be audited, but it opens nothing: only rows without revoked_ts identify a kiosk.
-- The key itself is never stored, only its SHA-256 (key_hash, as before).
ALTER TABLE kiosk ADD COLUMN label TEXT;
ALTER TABLE kiosk ADD COLUMN created_ts BIGINT;
ALTER TABLE kiosk ADD COLUMN last_used_ts BIGINT;
ALTER TABLE kiosk ADD COLUMN revoked_ts BIGINT;
UPDATE kiosk SET label = id WHERE label IS NULL;
CREATE INDEX kiosk_hub ON kiosk (hub_id) WHERE revoked_ts IS NULL;
