-- A job's definition version (issue 11): raised by every write of a job's definition or state by a user (create,
-- update, pause, resume, a pipeline's step jobs), and by no dispatcher write. The job definition cache is keyed by it,
-- so a definition another writer changed is read again without being told; `version` also moves with every plan and
-- attempt, and `user_update_time` may repeat within one clock tick.
ALTER TABLE jobs ADD COLUMN definition_version INTEGER NOT NULL DEFAULT 1;
