-- Staff administration (issue 14): an account is disabled rather than deleted, so the audit log keeps its name.
ALTER TABLE staff ADD COLUMN disabled_ts INTEGER;

-- Who did what, when and from where: every change a member of staff makes through the API. No request bodies
-- (they may hold a resident's phone number), no query strings.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at_ts   INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    role    TEXT NOT NULL,
    hub_id  TEXT,
    action  TEXT NOT NULL,
    status  INTEGER NOT NULL,
    source  TEXT
);
CREATE INDEX audit_hub_at ON audit (hub_id, at_ts);
CREATE INDEX audit_at ON audit (at_ts);

-- The doors' side of the audit log: what each door let in, refused or was told to do, newest first.
CREATE INDEX device_event_door ON device_event (ts)
    WHERE type IN ('access.granted', 'access.denied', 'door.unlocked_remotely', 'command.rejected',
                   'command.refused');

-- Display keys (issue 14): the board, lobby and counter screens run for months on a key of their own, scoped to one
-- hub, read-only ("screen") or able to serve at the hub's counters ("counter"), revocable; stored as SHA-256 only.
CREATE TABLE display_key (
    id         TEXT PRIMARY KEY,
    hub_id     TEXT NOT NULL REFERENCES hub (id),
    label      TEXT NOT NULL,
    scope      TEXT NOT NULL CHECK (scope IN ('screen', 'counter')),
    key_hash   TEXT NOT NULL UNIQUE,
    created_ts INTEGER NOT NULL,
    revoked_ts INTEGER
);
