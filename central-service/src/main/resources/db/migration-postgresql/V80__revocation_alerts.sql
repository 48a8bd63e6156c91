-- PostgreSQL's copy of db/migration/V80: alerts about revocation lists (issue 13, finding H2). PostgreSQL changes
-- the CHECK constraint in place, where SQLite makes the table again.
ALTER TABLE alert DROP CONSTRAINT alert_kind_check;
ALTER TABLE alert ADD CONSTRAINT alert_kind_check
    CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst', 'clock_untrusted',
                    'revocations_unpublishable', 'revocations_refused', 'revocations_stale'));
