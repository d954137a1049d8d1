-- The execution ledger, PostgreSQL dialect. Idempotent: applied by the SDK on first use under an advisory lock.
CREATE TABLE IF NOT EXISTS job_executions (
    job_id          text        NOT NULL,   -- first 16 hex of sha256(job_name || ':' || run_key), as in the seed article
    job_name        text        NOT NULL,
    run_date        date        NOT NULL,   -- the schedule time's local date in the job's zone
    run_key         text        NOT NULL,   -- the run within the job (run_date for day granularity)
    status          text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at      timestamptz NOT NULL,   -- when the current claim started
    finished_at     timestamptz,
    error_msg       text,
    row_count       bigint,
    lease_until     timestamptz,            -- a running row whose lease passed may be claimed again
    attempt         integer,                -- the scheduler's attempt (belfry_attempt), when sent
    scheduler_epoch bigint,                 -- the scheduler's fencing epoch (belfry_epoch), when sent
    epoch           bigint      NOT NULL,   -- the ledger's own fencing counter: +1 on every claim
    claim_token     text        NOT NULL,
    trigger         text        NOT NULL,   -- scheduled / manual / catch_up
    execution_id    text,                   -- the scheduler's execution id (belfry_execution), when sent
    PRIMARY KEY (job_name, run_key)
);

CREATE INDEX IF NOT EXISTS job_executions_by_run_date ON job_executions (run_date, job_name);
