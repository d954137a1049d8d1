-- The dashboard's success rates from counters (issue 16, point 6; docs/dashboard.md): per job and per UTC day of the
-- schedule time, how many executions finished (Succeeded or Failed) and how many of them succeeded, as Hangfire keeps
-- its daily counters. The attempt recorder raises a row in the transaction that makes an execution final
-- (AttemptRecordCommands), deleting the job deletes its rows, and retention deletes days older than the longest window
-- read from them (RunCounts.KeepDays). (job_name, job_uid) is the job as executions name it: a job created again under
-- a deleted job's name starts without the old counts. day is the first instant of the UTC day, in ticks as every instant.
CREATE TABLE job_run_counts (
    job_name  TEXT    NOT NULL,
    job_uid   TEXT    NOT NULL,
    day       INTEGER NOT NULL,
    runs      INTEGER NOT NULL,
    successes INTEGER NOT NULL,
    PRIMARY KEY (job_name, job_uid, day)
) WITHOUT ROWID;
CREATE INDEX job_run_counts_by_day ON job_run_counts (day);

-- What the recorder would have counted: the finished executions of the jobs there are (a grave's go with it).
INSERT INTO job_run_counts (job_name, job_uid, day, runs, successes)
SELECT e.job_name, e.job_uid, e.schedule_time - e.schedule_time % 864000000000, count(*), sum(CASE WHEN e.state = 2 THEN 1 ELSE 0 END)
FROM executions e
JOIN jobs j ON j.name = e.job_name AND j.uid = e.job_uid
WHERE e.state IN (2, 3) /* Succeeded, Failed */
GROUP BY e.job_name, e.job_uid, e.schedule_time - e.schedule_time % 864000000000;

-- 0016's index served only the rates read over executions, which the counters replace; every final execution no
-- longer enters it.
DROP INDEX executions_finished_by_job;
