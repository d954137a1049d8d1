-- Deleting a job in batches, as db/sqlite/0011_job_history_in_batches.sql: the job row and its outstanding executions
-- go at once, its finished history stays behind as a grave (deleted_jobs) that retention deletes in small batches, so
-- executions.job_name no longer references jobs. jobs.uid and executions.job_uid keep a job created again under the
-- same name from seeing the old history; rows that exist before this migration share the uid ''.
ALTER TABLE executions DROP CONSTRAINT executions_job_name_fkey;
ALTER TABLE jobs ADD COLUMN uid text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE executions ADD COLUMN job_uid text COLLATE "C" NOT NULL DEFAULT '';

CREATE TABLE deleted_jobs (
    job_name    text COLLATE "C" NOT NULL,
    job_uid     text COLLATE "C" NOT NULL,
    delete_time timestamptz      NOT NULL,
    PRIMARY KEY (job_name, job_uid)
);
