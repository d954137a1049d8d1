-- The dispatch path's indexes hold only outstanding executions (issue 4). Nearly every row is final, and a row that
-- becomes final now leaves these indexes instead of moving within them: each delivery costs fewer b-tree writes,
-- and the indexes stay as small as the work in flight.

-- Claiming and the next wake-up: Pending by due time, Running by lease expiry.
DROP INDEX executions_due;
DROP INDEX executions_lease;
CREATE INDEX executions_due ON executions (next_attempt_time) WHERE state = 0;
CREATE INDEX executions_lease ON executions (lease_until) WHERE state = 1;

-- Counting a job's outstanding executions (planning, coalescing, arming ahead).
DROP INDEX executions_by_job_state;
CREATE INDEX executions_outstanding ON executions (job_name) WHERE state IN (0, 1);

-- The missed-run watcher looks only at Enabled jobs with a deadline.
CREATE INDEX jobs_watched ON jobs (name) WHERE state = 1 AND missed_run_deadline_ticks IS NOT NULL;
