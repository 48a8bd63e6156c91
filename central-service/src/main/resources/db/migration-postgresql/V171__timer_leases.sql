-- Timers that must run once however many central replicas share the database (no-show sweep, reports, the daily
-- retention): the replica that holds a job's lease runs it and renews the lease each time; another one takes the
-- lease over only when it has run out (its holder stopped or died). Times are epoch milliseconds.
CREATE TABLE timer_lease (
    job      TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_ms BIGINT NOT NULL
);
