-- How each device said it was in its last telemetry (CPU temperature, the agent's memory, its uptime), so the
-- dashboard shows it after a restart and in every replica; null until a device says so.
ALTER TABLE device_state ADD COLUMN cpu_temp_c DOUBLE PRECISION;
ALTER TABLE device_state ADD COLUMN memory_mb BIGINT;
ALTER TABLE device_state ADD COLUMN uptime_s BIGINT;

-- A device hot enough to slow itself down (80 °C or more) raises the alert device_hot.
ALTER TABLE alert DROP CONSTRAINT alert_kind_check;
ALTER TABLE alert ADD CONSTRAINT alert_kind_check
    CHECK (kind IN ('device_offline', 'over_capacity', 'door_held_open', 'denied_burst', 'clock_untrusted',
                    'revocations_unpublishable', 'revocations_refused', 'revocations_stale', 'device_hot'));
