-- Notifications and alerting (docs/notifications.md): job routes and the missed-run deadline, channels, alert
-- policies, the per-job alert state, and the notification outbox. Instants are UTC ticks, durations ticks.

ALTER TABLE jobs ADD COLUMN notify_json TEXT NULL;                  -- {"onFailure":[...],"onRecovery":[...],"onSuccess":[...]}; null: none
ALTER TABLE jobs ADD COLUMN missed_run_deadline_ticks INTEGER NULL; -- null: not watched
ALTER TABLE jobs ADD COLUMN missed_run_since INTEGER NULL;          -- the missed-run clock's start

CREATE TABLE channels (
    name               TEXT    NOT NULL PRIMARY KEY, -- projects/{project}/locations/{location}/channels/{channel_id}
    project            TEXT    NOT NULL,
    location           TEXT    NOT NULL,
    channel_id         TEXT    NOT NULL,
    kind               INTEGER NOT NULL,             -- 1 Discord, 2 Slack, 3 Webhook
    display_name       TEXT    NOT NULL,
    webhook_url_source INTEGER NOT NULL,             -- 0 stored value, 1 env:NAME, 2 file:PATH
    webhook_url        TEXT    NOT NULL,             -- the value, the variable name or the path
    secret_source      INTEGER NULL,                 -- the HMAC secret, likewise; null: unsigned
    secret             TEXT    NULL,
    create_time        INTEGER NOT NULL,
    update_time        INTEGER NOT NULL
);
CREATE UNIQUE INDEX channels_by_parent ON channels (project, location, channel_id);

CREATE TABLE alert_policies (
    name             TEXT    NOT NULL PRIMARY KEY,  -- projects/{project}/locations/{location}/alertPolicies/{policy_id}
    project          TEXT    NOT NULL,
    location         TEXT    NOT NULL,
    policy_id        TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    failures         INTEGER NOT NULL,
    window_ticks     INTEGER NOT NULL,
    rate_limit_ticks INTEGER NOT NULL,
    channels_json    TEXT    NOT NULL,              -- ["projects/.../channels/ops", ...]
    jobs_json        TEXT    NOT NULL,              -- ["sync-daily-data", "report-*"]; []: every job of the location
    enabled          INTEGER NOT NULL,
    create_time      INTEGER NOT NULL,
    update_time      INTEGER NOT NULL,
    firing           INTEGER NOT NULL DEFAULT 0,    -- the evaluator's status
    firing_since     INTEGER NULL,
    last_notify_time INTEGER NULL
);
CREATE UNIQUE INDEX alert_policies_by_parent ON alert_policies (project, location, policy_id);

-- What notifications need to remember about a job: its last final outcome (to tell a recovery) and the missed-run
-- watcher's bookmark. Goes with the job.
CREATE TABLE job_alert_state (
    job_name     TEXT    NOT NULL PRIMARY KEY REFERENCES jobs (name) ON DELETE CASCADE,
    last_outcome INTEGER NULL,                      -- 1 succeeded, 2 failed after its last retry
    watch_since  INTEGER NULL,                      -- the clock start the bookmark belongs to
    watermark    INTEGER NULL,                      -- oldest scheduled time not yet confirmed
    next_check   INTEGER NULL,                      -- watermark + deadline
    missed_from  INTEGER NULL                       -- first missed time of the open missed-run alert
);
CREATE INDEX job_alert_state_next_check ON job_alert_state (next_check);

CREATE TABLE notification_outbox (
    id                TEXT    NOT NULL PRIMARY KEY, -- UUIDv7, 32 hex digits: the notification's id (X-Belfry-Event-Id)
    channel_name      TEXT    NOT NULL,             -- no foreign key: a deleted channel fails its rows when sent
    event_kind        INTEGER NOT NULL,
    event_json        TEXT    NOT NULL,
    state             INTEGER NOT NULL,             -- 0 pending, 1 sending, 2 delivered, 3 failed
    create_time       INTEGER NOT NULL,
    attempt_count     INTEGER NOT NULL,
    next_attempt_time INTEGER NULL,                 -- while pending
    lease_until       INTEGER NULL,                 -- while sending
    last_status_code  INTEGER NULL,
    last_error        TEXT    NULL,
    finish_time       INTEGER NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_time);
CREATE INDEX notification_outbox_lease ON notification_outbox (state, lease_until);
CREATE INDEX notification_outbox_finished ON notification_outbox (finish_time) WHERE state IN (2, 3);

-- Alert policies count executions that failed after their last retry by finish time.
CREATE INDEX executions_failed_by_finish ON executions (finish_time) WHERE state = 3;
