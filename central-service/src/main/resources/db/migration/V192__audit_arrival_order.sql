-- The audit log in the order the actions arrived (LoginIT found it): a row is written once its request has been
-- answered, so by id two actions were listed in the order their rows were written, and at_ts (seconds) cannot tell
-- apart two in the same second. at_ms is when the request arrived, in epoch milliseconds (one more than the service's
-- previous arrival when two arrive within the same millisecond); the log is listed, filtered and purged by it. Rows
-- kept before this have their second; among those, id still decides.
ALTER TABLE audit ADD COLUMN at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE audit SET at_ms = at_ts * 1000;
DROP INDEX audit_hub_at;
DROP INDEX audit_at;
CREATE INDEX audit_hub_at_ms ON audit (hub_id, at_ms);
CREATE INDEX audit_at_ms ON audit (at_ms);
