-- Notifications failing: as db/sqlite/0015_notification_failures.sql, a try's time on its row (old rows keep null)
-- and an index over finished rows by state and channel, for the failed rows of the window and each channel's newest
-- delivery.
ALTER TABLE notification_outbox ADD COLUMN last_try_time timestamptz NULL;
CREATE INDEX notification_outbox_finished_by_channel ON notification_outbox (state, channel_name, finish_time) WHERE state IN (2, 3);
