-- Alert policies judge only what comes after them, as db/sqlite/0012_alert_policy_condition_time.sql: condition_time is
-- when the policy's condition (failures, window, jobs, enabled) took its present form; failures that finished at or
-- before it are not counted. Existing policies count from their creation.
ALTER TABLE alert_policies ADD COLUMN condition_time timestamptz NOT NULL DEFAULT '-infinity';
UPDATE alert_policies SET condition_time = create_time;
