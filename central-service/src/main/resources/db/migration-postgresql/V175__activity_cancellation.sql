-- An activity called off by staff (POST /api/v1/activities/{id}/cancel): when; its sign-ups are cancelled with it, it
-- leaves the lists of what is on, and calendar feeds carry it as STATUS:CANCELLED with its SEQUENCE raised.
ALTER TABLE activity ADD COLUMN cancelled_ts BIGINT;
