-- PostgreSQL's copy of db/migration/V181 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- A resident's consent to the privacy notice (PIPL; features review item 14): the version of the notice they agreed
-- to at the kiosk and when (NULL: registered by staff at a desk, who explain the notice in person). Residents made
-- before this version were shown the notice lines under the keypads: they count as having agreed to those
-- ("before-2026-12") when they were first seen.
ALTER TABLE resident ADD COLUMN consent_version TEXT;
ALTER TABLE resident ADD COLUMN consent_ts BIGINT;
UPDATE resident SET consent_version = 'before-2026-12', consent_ts = created_ts;
