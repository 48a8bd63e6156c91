-- Missed sign-ups in the reports (docs/decisions/0024): per activity and per hub-day, the confirmed sign-ups of ended
-- activities where attendance was taken (somebody checked in), and those of them without a check-in of their
-- resident for the activity. Days kept before this carry 0 for both (as if no attendance was taken) until they are
-- recomputed: the job redoes the last days itself, POST /api/v1/reports/refresh?from=&to= any range.
ALTER TABLE report_hub_day ADD COLUMN attendance_signups INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_hub_day ADD COLUMN signup_no_shows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollup_day ADD COLUMN attendance_signups INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_rollup_day ADD COLUMN signup_no_shows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_activity_day ADD COLUMN attendance_signups INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_activity_day ADD COLUMN missed INTEGER NOT NULL DEFAULT 0;
