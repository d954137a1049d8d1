namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>pipelines</c> that every dialect runs as they are.</summary>
internal static class PipelineSql
{
    /// <summary>A new pipeline at version 1; inserts nothing when the name is taken (bind with PipelineRows.BindPipeline).</summary>
    public const string Insert = """
        INSERT INTO pipelines (name, project, location, pipeline_id, deferred_time, version,
            description, schedule, time_zone, steps_json, overlap_policy, catch_up_policy, catch_up_window_ticks,
            notify_json, state, schedule_time, user_update_time)
        VALUES (@name, @project, @location, @pipelineId, NULL, 1,
            @description, @schedule, @timeZone, @stepsJson, @overlapPolicy, @catchUpPolicy, @catchUpWindow,
            @notifyJson, @state, @scheduleTime, @userUpdateTime)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>One page of a location's pipeline ids, after @after, @limit rows.</summary>
    public const string ListIds = """
        SELECT pipeline_id FROM pipelines
        WHERE project = @project AND location = @location AND pipeline_id > @after
        ORDER BY pipeline_id LIMIT @limit
        """;

    /// <summary>
    /// A user's update, fenced on @definitionVersion, not on the version every plan raises (as <see cref="JobSql.Update"/>):
    /// the schedule time is @scheduleTime only when the state, schedule or zone change, else the row keeps the one the
    /// dispatcher may have advanced since the read. A pipeline no longer Enabled drops its deferred time.
    /// </summary>
    public const string Update = $"""
        UPDATE pipelines SET {PipelineRows.UpdatableAssignments},
            schedule_time = CASE WHEN state = @state AND schedule = @schedule AND time_zone = @timeZone
                THEN schedule_time ELSE @scheduleTime END,
            deferred_time = CASE WHEN @state = 1 THEN deferred_time END,
            version = version + 1
        WHERE name = @name AND definition_version = @definitionVersion
        """;

    /// <summary>The pipeline @name (<see cref="PipelineRows.Columns"/>).</summary>
    public const string SelectByName = $"""
        SELECT {PipelineRows.Columns} FROM pipelines p WHERE p.name = @name
        """;

    /// <summary>The pipeline @name's step jobs (<see cref="JobRows.Columns"/>).</summary>
    public const string StepJobs = $"""
        SELECT {JobRows.Columns} FROM jobs j WHERE j.pipeline_name = @name
        """;

    /// <summary>
    /// Writes a step's job (bind with JobRows.BindJob and @pipelineName) under its own key; changes nothing, and
    /// counts no row, when the key belongs to another pipeline. The existing row's columns are named by table, as
    /// <c>excluded</c> is also in scope.
    /// </summary>
    public const string UpsertStepJob = $"""
        INSERT INTO jobs ({JobRows.InsertColumns}, pipeline_name)
        VALUES ({JobRows.InsertValues}, @pipelineName)
        ON CONFLICT (name) DO UPDATE SET
            description = excluded.description, schedule = excluded.schedule, time_zone = excluded.time_zone,
            uri = excluded.uri, http_method = excluded.http_method, headers_json = excluded.headers_json,
            body = excluded.body, oidc_email = excluded.oidc_email, oidc_audience = excluded.oidc_audience,
            retry_count = excluded.retry_count, max_retry_duration_ticks = excluded.max_retry_duration_ticks,
            min_backoff_ticks = excluded.min_backoff_ticks, max_backoff_ticks = excluded.max_backoff_ticks,
            max_doublings = excluded.max_doublings, attempt_deadline_ticks = excluded.attempt_deadline_ticks,
            user_update_time = excluded.user_update_time, version = jobs.version + 1,
            definition_version = jobs.definition_version + 1
        WHERE jobs.pipeline_name = excluded.pipeline_name
        """;

    /// <summary>
    /// Deletes the pipeline @name's runs, step jobs, their executions, attempts and per-day run counts; run before
    /// <see cref="Delete"/>, in the same transaction.
    /// </summary>
    public const string DeleteRuns = """
        DELETE FROM job_run_counts WHERE job_name IN (SELECT name FROM jobs WHERE pipeline_name = @name);
        DELETE FROM attempts WHERE execution_id IN
            (SELECT e.id FROM executions e JOIN jobs j ON j.name = e.job_name WHERE j.pipeline_name = @name);
        DELETE FROM executions WHERE job_name IN (SELECT name FROM jobs WHERE pipeline_name = @name);
        DELETE FROM pipeline_step_executions WHERE run_id IN (SELECT id FROM pipeline_runs WHERE pipeline_name = @name);
        DELETE FROM pipeline_run_steps WHERE run_id IN (SELECT id FROM pipeline_runs WHERE pipeline_name = @name);
        DELETE FROM pipeline_runs WHERE pipeline_name = @name;
        DELETE FROM jobs WHERE pipeline_name = @name;
        """;

    /// <summary>Deletes the pipeline @name, after <see cref="DeleteRuns"/>; its own command, so its row count says whether it was deleted.</summary>
    public const string Delete = "DELETE FROM pipelines WHERE name = @name";
}
