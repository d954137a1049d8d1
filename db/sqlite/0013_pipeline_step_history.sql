-- Pipeline history (issue 15; docs/pipelines.md, "Runs"): every execution a run gave each of its steps, not only the
-- current one that pipeline_run_steps.execution_id points at, so a step that failed before a resume stays visible in the
-- run beside the execution that replaced it. A row is written with the execution, in the transaction that dispatches
-- the step; it goes with its run (retention, deleting the pipeline), and execution retention leaves its execution alone.
-- Executions replaced before this migration were not linked to their run: only the current ones are carried over.
CREATE TABLE pipeline_step_executions (
    execution_id TEXT NOT NULL PRIMARY KEY,
    run_id       TEXT NOT NULL REFERENCES pipeline_runs (id),
    step_id      TEXT NOT NULL
);
CREATE INDEX pipeline_step_executions_by_run ON pipeline_step_executions (run_id, step_id);

INSERT INTO pipeline_step_executions (execution_id, run_id, step_id)
SELECT execution_id, run_id, step_id FROM pipeline_run_steps WHERE execution_id IS NOT NULL;
