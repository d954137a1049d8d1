-- Pipelines (docs/pipelines.md): a scheduled DAG of HTTP steps. Each step's target is an internal job row
-- (jobs.pipeline_name set, state Disabled: never scheduled on its own, hidden from the jobs API), so a step's
-- execution is claimed, leased, retried, fenced and recorded exactly like a job's. Instants are UTC ticks.

ALTER TABLE jobs ADD COLUMN pipeline_name TEXT NULL;  -- set on a pipeline's step jobs

CREATE TABLE pipelines (
    name                  TEXT    NOT NULL PRIMARY KEY, -- projects/{project}/locations/{location}/pipelines/{pipeline_id}
    project               TEXT    NOT NULL,
    location              TEXT    NOT NULL,
    pipeline_id           TEXT    NOT NULL,
    description           TEXT    NOT NULL,
    schedule              TEXT    NOT NULL,
    time_zone             TEXT    NOT NULL,
    steps_json            TEXT    NOT NULL,             -- [{"id":"merge","dependsOn":["fetch"]}, ...]; targets in the step jobs
    overlap_policy        INTEGER NOT NULL,
    catch_up_policy       INTEGER NOT NULL,
    catch_up_window_ticks INTEGER NOT NULL,
    notify_json           TEXT    NULL,
    state                 INTEGER NOT NULL,             -- 1 Enabled, 2 Paused (the jobs' numbers)
    schedule_time         INTEGER NULL,                 -- next planned run; null while paused
    deferred_time         INTEGER NULL,                 -- the coalesced time waiting for the outstanding run
    user_update_time      INTEGER NOT NULL,
    version               INTEGER NOT NULL
);
CREATE UNIQUE INDEX pipelines_by_parent ON pipelines (project, location, pipeline_id);
CREATE INDEX pipelines_due ON pipelines (state, schedule_time);

CREATE TABLE pipeline_runs (
    id            TEXT    NOT NULL PRIMARY KEY,        -- UUIDv7, 32 hex digits
    pipeline_name TEXT    NOT NULL REFERENCES pipelines (name),
    schedule_time INTEGER NOT NULL,                    -- sent to every step as X-CloudScheduler-ScheduleTime
    trigger       INTEGER NOT NULL,                    -- 0 scheduled, 1 manual, 2 catch-up
    state         INTEGER NOT NULL,                    -- 1 Running, 2 Succeeded, 3 Failed, 4 Cancelled
    create_time   INTEGER NOT NULL,
    finish_time   INTEGER NULL
);
CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline_name, id);
CREATE INDEX pipeline_runs_by_state ON pipeline_runs (pipeline_name, state);

CREATE TABLE pipeline_run_steps (
    run_id          TEXT    NOT NULL REFERENCES pipeline_runs (id),
    step_id         TEXT    NOT NULL,
    position        INTEGER NOT NULL,                  -- dependency order
    depends_on_json TEXT    NOT NULL,                  -- the graph as it was when the run started
    state           INTEGER NOT NULL,                  -- 0 Pending, 1 Running, 2 Succeeded, 3 Failed, 4 NotRun, 5 Cancelled
    execution_id    TEXT    NULL,                      -- the current execution; a resumed step gets a new one
    PRIMARY KEY (run_id, step_id)
);
-- Recording an attempt finds the run to advance by execution id.
CREATE INDEX pipeline_run_steps_by_execution ON pipeline_run_steps (execution_id) WHERE execution_id IS NOT NULL;
