-- The dashboard's 7-day success rates (issue 16, point 6: the overview within 200 ms with 10,000 jobs and 1,000,000
-- executions): per job, its finished executions scheduled since a time, read from this index alone (ExecutionSql.LowestRates),
-- never from the table. Partial, as executions_finished: a row enters once, when it becomes final, and never moves.
CREATE INDEX executions_finished_by_job ON executions (job_name, schedule_time, state, job_uid) WHERE state >= 2;
