-- The execution ledger, SQLite dialect. Idempotent: applied by the SDK on first use.
-- Instants are TEXT in fixed-width UTC ISO 8601 with microseconds ('2027-01-01T21:00:00.000000Z'), so they read
-- well in ad-hoc queries, sort and compare as strings, and work with julianday().
CREATE TABLE IF NOT EXISTS job_executions (
    job_id          TEXT    NOT NULL,   -- first 16 hex of sha256(job_name || ':' || run_key), as in the seed article
    job_name        TEXT    NOT NULL,
    run_date        TEXT    NOT NULL,   -- the schedule time's local date in the job's zone, yyyy-MM-dd
    run_key         TEXT    NOT NULL,   -- the run within the job (run_date for day granularity)
    status          TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at      TEXT    NOT NULL,   -- when the current claim started
    finished_at     TEXT,
    error_msg       TEXT,
    row_count       INTEGER,
    lease_until     TEXT,               -- a running row whose lease passed may be claimed again
    attempt         INTEGER,            -- the scheduler's attempt (belfry_attempt), when sent
    scheduler_epoch INTEGER,            -- the scheduler's fencing epoch (belfry_epoch), when sent
    epoch           INTEGER NOT NULL,   -- the ledger's own fencing counter: +1 on every claim
    claim_token     TEXT    NOT NULL,
    trigger         TEXT    NOT NULL,   -- scheduled / manual / catch_up
    execution_id    TEXT,               -- the scheduler's execution id (belfry_execution), when sent
    PRIMARY KEY (job_name, run_key)
);

CREATE INDEX IF NOT EXISTS job_executions_by_run_date ON job_executions (run_date, job_name);
