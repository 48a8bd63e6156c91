-- PostgreSQL's copy of db/migration/V81 (the same statements; BIGINT for SQLite's 64-bit INTEGER).
-- A resident's cards issued before this time (epoch seconds) are refused: a lost card is revoked by reporting it,
-- which sets this to now (issue 13, finding L3). 0: every card of the resident counts.
ALTER TABLE resident ADD COLUMN cards_from_ts BIGINT NOT NULL DEFAULT 0;
