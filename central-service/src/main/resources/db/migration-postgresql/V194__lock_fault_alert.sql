-- A door whose lock does not do what its relay told it (the lock's own sense output says so) raises the alert
-- lock_fault (security review M9).
ALTER TABLE alert DROP CONSTRAINT alert_kind_check;
ALTER TABLE alert ADD CONSTRAINT alert_kind_check
    CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst', 'clock_untrusted',
                    'revocations_unpublishable', 'revocations_refused', 'revocations_stale', 'device_hot',
                    'hub_over_capacity', 'lock_fault'));
