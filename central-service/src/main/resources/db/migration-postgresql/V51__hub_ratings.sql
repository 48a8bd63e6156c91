-- PostgreSQL's copy of db/migration/V51: a rating "at any time" at the kiosk is about the hub itself. PostgreSQL
-- changes the CHECK constraint in place, where SQLite makes the table again.
ALTER TABLE feedback ADD COLUMN hub_id TEXT;
ALTER TABLE feedback DROP CONSTRAINT feedback_item_kind_check;
ALTER TABLE feedback ADD CONSTRAINT feedback_item_kind_check
    CHECK (item_kind IN ('ticket', 'booking', 'checkin', 'hub'));
CREATE INDEX feedback_hub_at ON feedback (hub_id, at_ts) WHERE hub_id IS NOT NULL;
