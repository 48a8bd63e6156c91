-- The per-resident no-show rule (docs/decisions/0024) reads a resident's no-show tickets, and whether they checked
-- in for an activity they signed up to, at every booking and sign-up.
CREATE INDEX ticket_resident ON ticket (resident_id, state);
CREATE INDEX checkin_activity_resident ON checkin (activity_id, resident_id);
-- the sign-up no-show job looks for the ended activities it has not judged yet
CREATE INDEX activity_unjudged ON activity (no_shows_judged, end_ts);
