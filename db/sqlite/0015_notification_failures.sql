-- Notifications failing (issue 16; docs/dashboard.md): the dashboard lists, per channel, the notifications retrying
-- after a failed try and those given up since the channel's newest delivery. A try's time is now kept on its row
-- (last_try_time, set by every record; old rows keep null and are dated by their create or finish time), and one
-- index over finished rows by state and channel serves both halves: the failed rows of the window (state = 3, read
-- across channels) and a channel's newest delivery (state = 2, one seek per channel).
ALTER TABLE notification_outbox ADD COLUMN last_try_time INTEGER NULL;
CREATE INDEX notification_outbox_finished_by_channel ON notification_outbox (state, channel_name, finish_time) WHERE state IN (2, 3);
