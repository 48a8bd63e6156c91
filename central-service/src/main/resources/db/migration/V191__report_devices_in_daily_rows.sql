-- The devices-online figure (docs/decisions/0016) kept in the daily rows: each hub-day row carries its day's device
-- samples (devices summed over the job's samples, and of them online) and each roll-up row their sums over the hubs
-- under it, so that a report or the comparison sums them with the other figures instead of reading
-- report_device_day, one row per hub and day, on every request (issue 16: a third of the comparison of a district's
-- year). report_device_day stays the record of the samples; closing a day copies them into the day's row.
ALTER TABLE report_hub_day ADD COLUMN devices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_hub_day ADD COLUMN devices_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollup_day ADD COLUMN devices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollup_day ADD COLUMN devices_online INTEGER NOT NULL DEFAULT 0;

-- The days kept so far take theirs now: a hub's from its samples, a street's or the district's summed over the hubs
-- of its subtree (itself included), as the job rolls them up.
UPDATE report_hub_day SET devices = d.devices, devices_online = d.online
FROM report_device_day d WHERE d.hub_id = report_hub_day.hub_id AND d.day = report_hub_day.day;

WITH RECURSIVE under (scope_id, hub_id) AS (
    SELECT id, id FROM hub
    UNION
    SELECT u.scope_id, h.id FROM under u JOIN hub h ON h.parent = u.hub_id
)
UPDATE report_rollup_day SET devices = s.devices, devices_online = s.online
FROM (SELECT u.scope_id, r.day, sum(r.devices) AS devices, sum(r.devices_online) AS online
      FROM under u JOIN report_hub_day r ON r.hub_id = u.hub_id GROUP BY u.scope_id, r.day) s
WHERE s.scope_id = report_rollup_day.scope_id AND s.day = report_rollup_day.day;
