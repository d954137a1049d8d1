-- A pipeline's definition version (issue 12), as jobs.definition_version (0007): raised by every user write of a
-- pipeline's definition or state and by a plan that leaves it UPDATE_FAILED, never by a plan that advances it. A
-- user's update is fenced on it rather than on `version`, which every plan raises, so a busy dispatcher cannot make
-- an update, pause or resume give up as "kept changing concurrently".
ALTER TABLE pipelines ADD COLUMN definition_version INTEGER NOT NULL DEFAULT 1;
