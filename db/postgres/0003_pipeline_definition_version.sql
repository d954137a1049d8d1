-- A pipeline's definition version, as db/sqlite/0009_pipeline_definition_version.sql: raised by every user write of a
-- pipeline's definition or state and by a plan that leaves it UPDATE_FAILED, never by a plan that advances it. A
-- user's update is fenced on it rather than on `version`, which every plan raises.
ALTER TABLE pipelines ADD COLUMN definition_version bigint NOT NULL DEFAULT 1;
