-- A rating "at any time" at the kiosk is about the hub itself, not about a ticket, booking or visit. Such a rating
-- names its hub; its item id is the kiosk's idempotency key, so a kiosk resending it after an outage stores it once.
CREATE TABLE feedback_new (
    id        INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('ticket', 'booking', 'checkin', 'hub')),
    item_id   TEXT NOT NULL,
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment   TEXT,
    at_ts     INTEGER NOT NULL,
    hub_id    TEXT,
    UNIQUE (item_kind, item_id)
);
INSERT INTO feedback_new (id, item_kind, item_id, rating, comment, at_ts)
    SELECT id, item_kind, item_id, rating, comment, at_ts FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_new RENAME TO feedback;
CREATE INDEX feedback_hub_at ON feedback (hub_id, at_ts) WHERE hub_id IS NOT NULL;
