-- Each kiosk's last report of its outbox (features review §4.15): how many entries wait to be sent, and those the
-- central service refused for good, kept aside on the kiosk for staff. The latest report per kiosk key replaces the
-- one before. refused_entries is a JSON list of {path, reason, at}: a route, a problem type and a time, never a
-- phone number or a name (the kiosk erased the bodies, and central accepts only a type as the reason).
CREATE TABLE kiosk_status (
    kiosk_id        TEXT PRIMARY KEY REFERENCES kiosk (id),
    waiting         INTEGER NOT NULL,
    refused         INTEGER NOT NULL,
    refused_entries TEXT NOT NULL,
    reported_ts     INTEGER NOT NULL
);
