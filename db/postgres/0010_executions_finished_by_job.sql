-- The dashboard's 7-day success rates: as db/sqlite/0015_executions_finished_by_job.sql, per job its finished executions
-- scheduled since a time, from this index (an index-only scan once the table is vacuumed); a row enters when it is final.
CREATE INDEX executions_finished_by_job ON executions (job_name, schedule_time, state, job_uid) WHERE state >= 2;
