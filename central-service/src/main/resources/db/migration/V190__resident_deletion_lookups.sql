-- Deleting a resident (the retention job, an erasure on request) makes the store find the resident's rows in every
-- table that refers to them: check-ins and activity sign-ups had no index that starts with resident_id, so each
-- deleted resident was a scan of both tables (in `./linli bench reports`' district, with 0.7 M sign-ups and 8 M
-- rows, the job held the write lock for over 40 minutes). Bookings, tickets and the no-show tables had theirs.
CREATE INDEX checkin_resident ON checkin (resident_id);
CREATE INDEX activity_signup_resident ON activity_signup (resident_id);
CREATE INDEX resident_last_seen ON resident (last_seen_ts);
