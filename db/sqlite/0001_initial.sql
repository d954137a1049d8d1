-- Belfry embedded store, first schema.
-- Instants are INTEGER UTC ticks (DateTimeOffset.UtcTicks, 100 ns): exact round trips, and they order correctly.
-- Durations are INTEGER ticks (TimeSpan.Ticks). Enums are their C# numbers (Belfry.Core).

CREATE TABLE jobs (
    name                     TEXT    NOT NULL PRIMARY KEY, -- projects/{project}/locations/{location}/jobs/{job_id}
    project                  TEXT    NOT NULL,
    location                 TEXT    NOT NULL,
    job_id                   TEXT    NOT NULL,
    description              TEXT    NOT NULL,
    schedule                 TEXT    NOT NULL,
    time_zone                TEXT    NOT NULL,
    uri                      TEXT    NOT NULL,
    http_method              INTEGER NOT NULL,
    headers_json             TEXT    NOT NULL,             -- ordered: [["name","value"], ...]
    body                     BLOB    NOT NULL,
    oidc_email               TEXT    NULL,                 -- null: no OIDC token
    oidc_audience            TEXT    NULL,
    retry_count              INTEGER NOT NULL,
    max_retry_duration_ticks INTEGER NOT NULL,
    min_backoff_ticks        INTEGER NOT NULL,
    max_backoff_ticks        INTEGER NOT NULL,
    max_doublings            INTEGER NOT NULL,
    attempt_deadline_ticks   INTEGER NOT NULL,
    overlap_policy           INTEGER NOT NULL,
    catch_up_policy          INTEGER NOT NULL,
    catch_up_window_ticks    INTEGER NOT NULL,
    state                    INTEGER NOT NULL,
    status_code              INTEGER NULL,                 -- null: no status yet
    status_message           TEXT    NULL,
    schedule_time            INTEGER NULL,                 -- next planned occurrence; null while paused
    last_attempt_time        INTEGER NULL,
    user_update_time         INTEGER NOT NULL,
    deferred_time            INTEGER NULL,                 -- the coalesced time waiting for the outstanding execution
    version                  INTEGER NOT NULL
);

-- Listing: jobs under a location by job id.
CREATE UNIQUE INDEX jobs_by_parent ON jobs (project, location, job_id);
-- Planning: Enabled jobs whose schedule time has come; also the next wake-up.
CREATE INDEX jobs_due ON jobs (state, schedule_time);

CREATE TABLE executions (
    id                 TEXT    NOT NULL PRIMARY KEY,  -- UUIDv7, 32 hex digits: sorts by creation time
    job_name           TEXT    NOT NULL REFERENCES jobs (name),
    schedule_time      INTEGER NOT NULL,
    trigger            INTEGER NOT NULL,
    state              INTEGER NOT NULL,
    create_time        INTEGER NOT NULL,
    next_attempt_time  INTEGER NULL,
    first_attempt_time INTEGER NULL,
    finish_time        INTEGER NULL,
    attempt_count      INTEGER NOT NULL,
    epoch              INTEGER NOT NULL,              -- fencing epoch, raised on every lease takeover
    lease_until        INTEGER NULL,                  -- set while Running
    last_status_code   INTEGER NULL,
    last_error         TEXT    NULL
);

-- Claiming: Pending executions by due time, Running ones by lease expiry; also the next wake-up.
CREATE INDEX executions_due ON executions (state, next_attempt_time);
CREATE INDEX executions_lease ON executions (state, lease_until);
-- Listing a job's executions newest first, and counting its outstanding ones.
CREATE INDEX executions_by_job ON executions (job_name, schedule_time, id);
CREATE INDEX executions_by_job_state ON executions (job_name, state);

CREATE TABLE attempts (
    execution_id   TEXT    NOT NULL REFERENCES executions (id),
    number         INTEGER NOT NULL,
    epoch          INTEGER NOT NULL,
    start_time     INTEGER NOT NULL,
    duration_ticks INTEGER NOT NULL,
    status_code    INTEGER NULL,
    error          TEXT    NULL,
    succeeded      INTEGER NOT NULL,                  -- 0 or 1
    PRIMARY KEY (execution_id, number, epoch)
);
