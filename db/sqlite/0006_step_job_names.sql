-- A pipeline step's internal job gets its own key (issue 11): jobs/{pipeline}/steps/{step} instead of
-- jobs/{pipeline}-{step}, so a user's job may be called {pipeline}-{step}. No user job id contains '/', so the two can
-- never collide. The step's target still sees the job {pipeline}-{step} (Belfry.Core JobName.TargetName); only the
-- store's key changes. Rewrites the step jobs and every row that names them, in this migration's one transaction:
-- executions.job_name, job_alert_state.job_name and the "job" of notifications still in the outbox.
-- pipeline_run_steps names executions, not jobs; no index names a job by value.

-- jobs.name is referenced by executions and job_alert_state; check the references at commit, once all are rewritten.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE step_job_renames AS
SELECT old_name,
       'projects/' || project || '/locations/' || location || '/jobs/' || pipeline_id || '/steps/' || substr(job_id, length(pipeline_id) + 2) AS new_name,
       pipeline_id || '/steps/' || substr(job_id, length(pipeline_id) + 2) AS new_job_id
FROM (SELECT name AS old_name, project, location, job_id,
             substr(pipeline_name, length('projects/' || project || '/locations/' || location || '/pipelines/') + 1) AS pipeline_id
      FROM jobs WHERE pipeline_name IS NOT NULL);

UPDATE executions SET job_name = (SELECT r.new_name FROM step_job_renames r WHERE r.old_name = executions.job_name)
WHERE job_name IN (SELECT old_name FROM step_job_renames);

UPDATE job_alert_state SET job_name = (SELECT r.new_name FROM step_job_renames r WHERE r.old_name = job_alert_state.job_name)
WHERE job_name IN (SELECT old_name FROM step_job_renames);

UPDATE notification_outbox
SET event_json = json_set(event_json, '$.job',
    (SELECT r.new_name FROM step_job_renames r WHERE r.old_name = json_extract(notification_outbox.event_json, '$.job')))
WHERE json_extract(event_json, '$.job') IN (SELECT old_name FROM step_job_renames);

UPDATE jobs SET
    name = (SELECT r.new_name FROM step_job_renames r WHERE r.old_name = jobs.name),
    job_id = (SELECT r.new_job_id FROM step_job_renames r WHERE r.old_name = jobs.name)
WHERE pipeline_name IS NOT NULL;

DROP TABLE step_job_renames;
