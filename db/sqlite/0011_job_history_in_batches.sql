-- Deleting a job in batches (issue 14, M6; docs/operations.md, "Retention"). Deleting a job removes the job row, its
-- outstanding executions and their attempts at once; its finished history stays behind as a grave (deleted_jobs) that
-- the retention service deletes a small batch per transaction. So executions.job_name no longer references jobs: a
-- grave's rows outlive their job. A job created again under the same name gets a new jobs.uid, and every execution
-- carries the uid of the job it was created for (executions.job_uid), so the new job never sees the old history.
-- Jobs and executions that exist before this migration share the uid '' (a job deleted later leaves a grave for '').
--
-- SQLite cannot drop a constraint, so executions is rebuilt. Its DROP deletes the rows first, which the attempts
-- referencing them would count as violations: the attempts are set aside and put back once the new table is in place.
PRAGMA defer_foreign_keys = ON;

ALTER TABLE jobs ADD COLUMN uid TEXT NOT NULL DEFAULT '';

CREATE TEMP TABLE attempts_kept AS SELECT * FROM attempts;
DELETE FROM attempts;

CREATE TABLE executions_rebuilt (
    id                 TEXT    NOT NULL PRIMARY KEY,  -- UUIDv7, 32 hex digits: sorts by creation time
    job_name           TEXT    NOT NULL,              -- the job's name; with job_uid, the job (or a grave) it belongs to
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
    last_error         TEXT    NULL,
    job_uid            TEXT    NOT NULL DEFAULT ''    -- jobs.uid of the job it was created for
);
INSERT INTO executions_rebuilt (
    id, job_name, schedule_time, trigger, state, create_time, next_attempt_time, first_attempt_time, finish_time,
    attempt_count, epoch, lease_until, last_status_code, last_error)
SELECT id, job_name, schedule_time, trigger, state, create_time, next_attempt_time, first_attempt_time, finish_time,
       attempt_count, epoch, lease_until, last_status_code, last_error
FROM executions;
DROP TABLE executions;
ALTER TABLE executions_rebuilt RENAME TO executions;

INSERT INTO attempts SELECT * FROM attempts_kept;
DROP TABLE attempts_kept;

-- The indexes executions had (0001, 0003, 0005, 0010).
CREATE INDEX executions_due ON executions (next_attempt_time) WHERE state = 0;
CREATE INDEX executions_lease ON executions (lease_until) WHERE state = 1;
CREATE INDEX executions_outstanding ON executions (job_name) WHERE state IN (0, 1);
CREATE INDEX executions_by_job ON executions (job_name, schedule_time, id);
CREATE INDEX executions_failed_by_finish ON executions (finish_time) WHERE state = 3;
CREATE INDEX executions_finished ON executions (finish_time, id) WHERE state >= 2;

-- A deleted job whose history is still being deleted: (name, uid) names its executions.
CREATE TABLE deleted_jobs (
    job_name    TEXT    NOT NULL,
    job_uid     TEXT    NOT NULL,
    delete_time INTEGER NOT NULL,
    PRIMARY KEY (job_name, job_uid)
);
