-- Belfry cluster store, first schema (issue 12): the tables, columns, constraints and indexes that db/sqlite/0001..0007
-- give, as one file, since no PostgreSQL database predates it (SQLite's later steps altered tables and renamed step
-- jobs in data that does not exist here). The next change to both schemas is db/sqlite/0008 and db/postgres/0002.
-- Instants are timestamptz (microseconds, UTC; PostgresDialect); durations are bigint ticks (TimeSpan.Ticks, 100 ns) as
-- in SQLite, and so are versions and epochs. Enums are their C# numbers (Belfry.Core) as integer; flags are boolean.
-- Names and ids are COLLATE "C": keyset pages (job_id > @after), the alert policies' name prefix ranges and id
-- ordering compare bytes as SQLite does, whatever the database's default collation.

CREATE TABLE jobs (
    name                      text COLLATE "C" NOT NULL PRIMARY KEY, -- projects/{project}/locations/{location}/jobs/{job_id}
    project                   text COLLATE "C" NOT NULL,
    location                  text COLLATE "C" NOT NULL,
    job_id                    text COLLATE "C" NOT NULL,
    description               text        NOT NULL,
    schedule                  text        NOT NULL,
    time_zone                 text        NOT NULL,
    uri                       text        NOT NULL,
    http_method               integer     NOT NULL,
    headers_json              text        NOT NULL,              -- ordered: [["name","value"], ...]
    body                      bytea       NOT NULL,
    oidc_email                text        NULL,                  -- null: no OIDC token
    oidc_audience             text        NULL,
    retry_count               integer     NOT NULL,
    max_retry_duration_ticks  bigint      NOT NULL,
    min_backoff_ticks         bigint      NOT NULL,
    max_backoff_ticks         bigint      NOT NULL,
    max_doublings             integer     NOT NULL,
    attempt_deadline_ticks    bigint      NOT NULL,
    overlap_policy            integer     NOT NULL,
    catch_up_policy           integer     NOT NULL,
    catch_up_window_ticks     bigint      NOT NULL,
    state                     integer     NOT NULL,
    status_code               integer     NULL,                  -- null: no status yet
    status_message            text        NULL,
    schedule_time             timestamptz NULL,                  -- next planned occurrence; null while paused
    last_attempt_time         timestamptz NULL,
    user_update_time          timestamptz NOT NULL,
    deferred_time             timestamptz NULL,                  -- the coalesced time waiting for the outstanding execution
    version                   bigint      NOT NULL,
    notify_json               text        NULL,                  -- {"onFailure":[...],"onRecovery":[...],"onSuccess":[...]}; null: none
    missed_run_deadline_ticks bigint      NULL,                  -- null: not watched
    missed_run_since          timestamptz NULL,                  -- the missed-run clock's start
    pipeline_name             text COLLATE "C" NULL,             -- set on a pipeline's step jobs (key jobs/{pipeline}/steps/{step})
    definition_version        bigint      NOT NULL DEFAULT 1     -- raised by every user write of the definition or state
);

-- Listing: jobs under a location by job id.
CREATE UNIQUE INDEX jobs_by_parent ON jobs (project, location, job_id);
-- Planning: Enabled jobs whose schedule time has come; also the next wake-up.
CREATE INDEX jobs_due ON jobs (state, schedule_time);
-- The missed-run watcher looks only at Enabled jobs with a deadline.
CREATE INDEX jobs_watched ON jobs (name) WHERE state = 1 AND missed_run_deadline_ticks IS NOT NULL;

CREATE TABLE executions (
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,    -- UUIDv7, 32 hex digits: sorts by creation time
    job_name           text COLLATE "C" NOT NULL REFERENCES jobs (name),
    schedule_time      timestamptz NOT NULL,
    trigger            integer     NOT NULL,
    state              integer     NOT NULL,
    create_time        timestamptz NOT NULL,
    next_attempt_time  timestamptz NULL,
    first_attempt_time timestamptz NULL,
    finish_time        timestamptz NULL,
    attempt_count      integer     NOT NULL,
    epoch              bigint      NOT NULL,                     -- fencing epoch, raised on every lease takeover
    lease_until        timestamptz NULL,                         -- set while Running
    last_status_code   integer     NULL,
    last_error         text        NULL
);

-- The dispatch path's indexes hold only outstanding executions (SQLite 0005): claiming and the next wake-up,
-- Pending by due time and Running by lease expiry, and counting a job's outstanding executions.
CREATE INDEX executions_due ON executions (next_attempt_time) WHERE state = 0;
CREATE INDEX executions_lease ON executions (lease_until) WHERE state = 1;
CREATE INDEX executions_outstanding ON executions (job_name) WHERE state IN (0, 1);
-- Listing a job's executions newest first.
CREATE INDEX executions_by_job ON executions (job_name, schedule_time, id);
-- Alert policies count executions that failed after their last retry by finish time.
CREATE INDEX executions_failed_by_finish ON executions (finish_time) WHERE state = 3;

CREATE TABLE attempts (
    execution_id   text COLLATE "C" NOT NULL REFERENCES executions (id),
    number         integer     NOT NULL,
    epoch          bigint      NOT NULL,
    start_time     timestamptz NOT NULL,
    duration_ticks bigint      NOT NULL,
    status_code    integer     NULL,
    error          text        NULL,
    succeeded      boolean     NOT NULL,
    PRIMARY KEY (execution_id, number, epoch)
);

-- The OIDC issuer's signing keys (docs/identity.md). The private keys make this table a secret.
CREATE TABLE signing_keys (
    kid         text COLLATE "C" NOT NULL PRIMARY KEY,           -- RFC 7638 JWK thumbprint (SHA-256, base64url)
    private_key bytea       NOT NULL,                            -- RSA private key, PKCS#8 DER
    create_time timestamptz NOT NULL,
    retire_time timestamptz NULL                                 -- null: the current signing key
);

-- At most one current key, however many nodes race to create the first one.
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys ((retire_time IS NULL)) WHERE retire_time IS NULL;

CREATE TABLE channels (
    name               text COLLATE "C" NOT NULL PRIMARY KEY,    -- projects/{project}/locations/{location}/channels/{channel_id}
    project            text COLLATE "C" NOT NULL,
    location           text COLLATE "C" NOT NULL,
    channel_id         text COLLATE "C" NOT NULL,
    kind               integer     NOT NULL,                     -- 1 Discord, 2 Slack, 3 Webhook
    display_name       text        NOT NULL,
    webhook_url_source integer     NOT NULL,                     -- 0 stored value, 1 env:NAME, 2 file:PATH
    webhook_url        text        NOT NULL,                     -- the value, the variable name or the path
    secret_source      integer     NULL,                         -- the HMAC secret, likewise; null: unsigned
    secret             text        NULL,
    create_time        timestamptz NOT NULL,
    update_time        timestamptz NOT NULL
);
CREATE UNIQUE INDEX channels_by_parent ON channels (project, location, channel_id);

CREATE TABLE alert_policies (
    name             text COLLATE "C" NOT NULL PRIMARY KEY,      -- projects/{project}/locations/{location}/alertPolicies/{policy_id}
    project          text COLLATE "C" NOT NULL,
    location         text COLLATE "C" NOT NULL,
    policy_id        text COLLATE "C" NOT NULL,
    display_name     text        NOT NULL,
    failures         integer     NOT NULL,
    window_ticks     bigint      NOT NULL,
    rate_limit_ticks bigint      NOT NULL,
    channels_json    text        NOT NULL,                       -- ["projects/.../channels/ops", ...]
    jobs_json        text        NOT NULL,                       -- ["sync-daily-data", "report-*"]; []: every job of the location
    enabled          boolean     NOT NULL,
    create_time      timestamptz NOT NULL,
    update_time      timestamptz NOT NULL,
    firing           boolean     NOT NULL DEFAULT false,         -- the evaluator's status
    firing_since     timestamptz NULL,
    last_notify_time timestamptz NULL
);
CREATE UNIQUE INDEX alert_policies_by_parent ON alert_policies (project, location, policy_id);

-- What notifications need to remember about a job: its last final outcome (to tell a recovery) and the missed-run
-- watcher's bookmark. Goes with the job.
CREATE TABLE job_alert_state (
    job_name     text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES jobs (name) ON DELETE CASCADE,
    last_outcome integer     NULL,                               -- 1 succeeded, 2 failed after its last retry
    watch_since  timestamptz NULL,                               -- the clock start the bookmark belongs to
    watermark    timestamptz NULL,                               -- oldest scheduled time not yet confirmed
    next_check   timestamptz NULL,                               -- watermark + deadline
    missed_from  timestamptz NULL                                -- first missed time of the open missed-run alert
);
CREATE INDEX job_alert_state_next_check ON job_alert_state (next_check);

CREATE TABLE notification_outbox (
    id                text COLLATE "C" NOT NULL PRIMARY KEY,     -- UUIDv7, 32 hex digits: the notification's id (X-Belfry-Event-Id)
    channel_name      text COLLATE "C" NOT NULL,                 -- no foreign key: a deleted channel fails its rows when sent
    event_kind        integer     NOT NULL,
    event_json        text        NOT NULL,
    state             integer     NOT NULL,                      -- 0 pending, 1 sending, 2 delivered, 3 failed
    create_time       timestamptz NOT NULL,
    attempt_count     integer     NOT NULL,
    next_attempt_time timestamptz NULL,                          -- while pending
    lease_until       timestamptz NULL,                          -- while sending
    last_status_code  integer     NULL,
    last_error        text        NULL,
    finish_time       timestamptz NULL,
    -- The enqueue order (SqlDialect.OutboxInsertOrder; SQLite's rowid): a claim hands one channel's events over in it.
    insert_order      bigserial   NOT NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_time);
CREATE INDEX notification_outbox_lease ON notification_outbox (state, lease_until);
CREATE INDEX notification_outbox_finished ON notification_outbox (finish_time) WHERE state IN (2, 3);

-- Pipelines (docs/pipelines.md): a scheduled DAG of HTTP steps. Each step's target is an internal job row
-- (jobs.pipeline_name set, state Disabled: never scheduled on its own, hidden from the jobs API).
CREATE TABLE pipelines (
    name                  text COLLATE "C" NOT NULL PRIMARY KEY, -- projects/{project}/locations/{location}/pipelines/{pipeline_id}
    project               text COLLATE "C" NOT NULL,
    location              text COLLATE "C" NOT NULL,
    pipeline_id           text COLLATE "C" NOT NULL,
    description           text        NOT NULL,
    schedule              text        NOT NULL,
    time_zone             text        NOT NULL,
    steps_json            text        NOT NULL,                  -- [{"id":"merge","dependsOn":["fetch"]}, ...]; targets in the step jobs
    overlap_policy        integer     NOT NULL,
    catch_up_policy       integer     NOT NULL,
    catch_up_window_ticks bigint      NOT NULL,
    notify_json           text        NULL,
    state                 integer     NOT NULL,                  -- 1 Enabled, 2 Paused (the jobs' numbers)
    schedule_time         timestamptz NULL,                      -- next planned run; null while paused
    deferred_time         timestamptz NULL,                      -- the coalesced time waiting for the outstanding run
    user_update_time      timestamptz NOT NULL,
    version               bigint      NOT NULL
);
CREATE UNIQUE INDEX pipelines_by_parent ON pipelines (project, location, pipeline_id);
CREATE INDEX pipelines_due ON pipelines (state, schedule_time);

CREATE TABLE pipeline_runs (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,         -- UUIDv7, 32 hex digits
    pipeline_name text COLLATE "C" NOT NULL REFERENCES pipelines (name),
    schedule_time timestamptz NOT NULL,                          -- sent to every step as X-CloudScheduler-ScheduleTime
    trigger       integer     NOT NULL,                          -- 0 scheduled, 1 manual, 2 catch-up
    state         integer     NOT NULL,                          -- 1 Running, 2 Succeeded, 3 Failed, 4 Cancelled
    create_time   timestamptz NOT NULL,
    finish_time   timestamptz NULL
);
CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline_name, id);
CREATE INDEX pipeline_runs_by_state ON pipeline_runs (pipeline_name, state);

CREATE TABLE pipeline_run_steps (
    run_id          text COLLATE "C" NOT NULL REFERENCES pipeline_runs (id),
    step_id         text COLLATE "C" NOT NULL,
    position        integer     NOT NULL,                        -- dependency order
    depends_on_json text        NOT NULL,                        -- the graph as it was when the run started
    state           integer     NOT NULL,                        -- 0 Pending, 1 Running, 2 Succeeded, 3 Failed, 4 NotRun, 5 Cancelled
    execution_id    text COLLATE "C" NULL,                       -- the current execution; a resumed step gets a new one
    PRIMARY KEY (run_id, step_id)
);
-- Recording an attempt finds the run to advance by execution id.
CREATE INDEX pipeline_run_steps_by_execution ON pipeline_run_steps (execution_id) WHERE execution_id IS NOT NULL;
