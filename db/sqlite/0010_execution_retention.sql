-- Execution retention (issue 13; docs/operations.md, "Retention"): a pass deletes finished executions, and finished
-- pipeline runs, whose finish time is older than Belfry:Retention:ExecutionAge, oldest first, a small batch per
-- transaction. Each batch reads the oldest finished rows from these indexes instead of scanning the table, which a
-- per-second job fills with 86,400 rows a day. A row joins the index when it becomes final, at the index's right end.
-- The export (`belfry executions export`) pages the same index by (finish_time, id), so it carries the id too.
CREATE INDEX executions_finished ON executions (finish_time, id) WHERE state >= 2;
CREATE INDEX pipeline_runs_finished ON pipeline_runs (finish_time) WHERE state <> 1;
