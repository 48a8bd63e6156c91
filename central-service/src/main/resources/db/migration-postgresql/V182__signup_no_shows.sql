-- Sign-ups nobody came to (docs/decisions/0024): a confirmed sign-up of an activity that has ended, not called off,
-- with no check-in of its resident for that activity. The sign-up no-show job judges each ended activity once
-- (no_shows_judged) and records its no-shows here; the per-resident rule counts them with released bookings and
-- no-show queue tickets. missed_ts: the activity's end.
CREATE TABLE signup_no_show (
    signup_id   BIGINT PRIMARY KEY REFERENCES activity_signup (id) ON DELETE CASCADE,
    activity_id TEXT NOT NULL REFERENCES activity (id),
    resident_id BIGINT REFERENCES resident (id) ON DELETE SET NULL,
    missed_ts   BIGINT NOT NULL
);
CREATE INDEX signup_no_show_resident ON signup_no_show (resident_id, missed_ts);
ALTER TABLE activity ADD COLUMN no_shows_judged INTEGER NOT NULL DEFAULT 0;
-- Activities over before this version are not judged: nobody was told that a sign-up needed a check-in.
UPDATE activity SET no_shows_judged = 1 WHERE end_ts <= CAST(extract(epoch FROM now()) AS BIGINT);
