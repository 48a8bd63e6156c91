-- PostgreSQL's copy of db/migration/V188 (the same statement).
-- How a sign-up was made: 'kiosk' (the resident at a kiosk's screen, by phone or card) or 'desk' (staff for a resident
-- at the counter or on the phone, the activities page's form); NULL for sign-ups made before this version. Staff see it
-- in an activity's roster (GET /api/v1/activities/{id}/signups).
ALTER TABLE activity_signup ADD COLUMN via TEXT;
