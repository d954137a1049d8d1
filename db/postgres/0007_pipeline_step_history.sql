-- Pipeline history, as db/sqlite/0013_pipeline_step_history.sql: every execution a run gave each of its steps, not only
-- the current one (pipeline_run_steps.execution_id), so a step that failed before a resume stays visible in the run.
-- Executions replaced before this migration were not linked to their run: only the current ones are carried over.
CREATE TABLE pipeline_step_executions (
    execution_id text COLLATE "C" NOT NULL PRIMARY KEY,
    run_id       text COLLATE "C" NOT NULL REFERENCES pipeline_runs (id),
    step_id      text COLLATE "C" NOT NULL
);
CREATE INDEX pipeline_step_executions_by_run ON pipeline_step_executions (run_id, step_id);

INSERT INTO pipeline_step_executions (execution_id, run_id, step_id)
SELECT execution_id, run_id, step_id FROM pipeline_run_steps WHERE execution_id IS NOT NULL;
