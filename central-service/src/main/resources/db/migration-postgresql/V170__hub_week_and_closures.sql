-- PostgreSQL twin of db/migration/V170 (integers as BIGINT, as in the other twins).
-- A hub's opening hours per weekday and the days it is closed (holidays). A hub without rows here is open every
-- day from hub.opens to hub.closes (the seed's hubs and those made before this table); once staff set its week,
-- every weekday has a row: both times null is a weekday the hub is closed. hub.opens and hub.closes then hold the
-- earliest opening and latest closing of the week, the span reports and the live day draw.
CREATE TABLE hub_weekday_hours (
    hub_id  TEXT NOT NULL REFERENCES hub (id),
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens   TEXT,
    closes  TEXT,
    CHECK ((opens IS NULL) = (closes IS NULL)),
    PRIMARY KEY (hub_id, weekday)
);

-- 'YYYY-MM-DD' in the hub's time zone.
CREATE TABLE hub_closure (
    hub_id TEXT NOT NULL REFERENCES hub (id),
    day    TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (hub_id, day)
);
