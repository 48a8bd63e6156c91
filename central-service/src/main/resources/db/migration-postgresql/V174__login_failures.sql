-- Wrong passwords within the throttle's window (auth.LoginThrottle), kept in the database so that every central
-- replica counts the same attempts; "who" is 'u:' + user name or 'a:' + address, rows leave after the window.
CREATE TABLE login_failure (
    who   TEXT   NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX login_failure_who ON login_failure (who, at_ms);
CREATE INDEX login_failure_at ON login_failure (at_ms);
