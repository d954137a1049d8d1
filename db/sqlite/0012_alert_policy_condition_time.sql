-- Alert policies judge only what comes after them (issue 15, point 6): condition_time is when the policy's condition
-- (failures, window, jobs, enabled) took its present form, at create or at the update that changed it; failures that
-- finished at or before it are not counted. Existing policies count from their creation, as before for all but the
-- failures older than the policy itself.
ALTER TABLE alert_policies ADD COLUMN condition_time INTEGER NOT NULL DEFAULT 0;
UPDATE alert_policies SET condition_time = create_time;
