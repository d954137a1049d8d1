-- The dashboard's success rates from counters: as db/sqlite/0017_job_run_counts.sql, per job and per UTC day of the
-- schedule time, the finished executions (Succeeded or Failed) and the successes among them, raised by the attempt
-- recorder in the transaction that makes an execution final, deleted with the job and by retention. day is the first
-- instant of the UTC day.
CREATE TABLE job_run_counts (
    job_name  text COLLATE "C" NOT NULL,
    job_uid   text COLLATE "C" NOT NULL,
    day       timestamptz      NOT NULL,
    runs      integer          NOT NULL,
    successes integer          NOT NULL,
    PRIMARY KEY (job_name, job_uid, day)
);
CREATE INDEX job_run_counts_by_day ON job_run_counts (day);

INSERT INTO job_run_counts (job_name, job_uid, day, runs, successes)
SELECT e.job_name, e.job_uid, date_trunc('day', e.schedule_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*),
       sum(CASE WHEN e.state = 2 THEN 1 ELSE 0 END)
FROM executions e
JOIN jobs j ON j.name = e.job_name AND j.uid = e.job_uid
WHERE e.state IN (2, 3) /* Succeeded, Failed */
GROUP BY 1, 2, 3;

-- 0010's index served only the rates read over executions, which the counters replace.
DROP INDEX executions_finished_by_job;
