-- How many people the hub's fire certificate allows in the building (features review C4); null until staff set it.
ALTER TABLE hub ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity > 0);

-- More people counted in a hub than it may hold raises the alert hub_over_capacity.
ALTER TABLE alert DROP CONSTRAINT alert_kind_check;
ALTER TABLE alert ADD CONSTRAINT alert_kind_check
    CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst', 'clock_untrusted',
                    'revocations_unpublishable', 'revocations_refused', 'revocations_stale', 'device_hot',
                    'hub_over_capacity'));
