namespace Belfry.Storage.Sql;

/// <summary>
/// Statements on <c>jobs</c> (parameters named <c>@…</c>): the constants every dialect runs as they are, the rest
/// built once per dialect (<see cref="SqlStatements"/>).
/// </summary>
internal sealed class JobSql
{
    /// <summary>
    /// A new job at version 1 with the uid @uid, new for every job created, so a job created again under a deleted
    /// job's name never sees the history still waiting for deletion (<see cref="Delete"/>); inserts nothing when the
    /// name is taken (bind with JobRows.BindJob).
    /// </summary>
    public const string Insert = $"""
        INSERT INTO jobs ({JobRows.InsertColumns}, uid)
        VALUES ({JobRows.InsertValues}, @uid)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>One page of a location's jobs by id, after @after, @limit rows; step jobs are not listed.</summary>
    public const string ListPage = $"""
        SELECT {JobRows.Columns}
        FROM jobs j
        WHERE j.project = @project AND j.location = @location AND j.job_id > @after
          AND j.pipeline_name IS NULL /* a pipeline's step jobs are not the jobs API's */
        ORDER BY j.job_id
        LIMIT @limit
        """;

    /// <summary>
    /// One page of a project's jobs in every location (<c>locations/-</c>), by full name, after @after: within a
    /// location that is the job id's order, as <see cref="ListPage"/>.
    /// </summary>
    public const string ListPageAnyLocation = $"""
        SELECT {JobRows.Columns}
        FROM jobs j
        WHERE j.project = @project AND j.name > @after
          AND j.pipeline_name IS NULL
        ORDER BY j.name
        LIMIT @limit
        """;

    /// <summary>The location's user jobs per state, in state order (the overview: jobs_by_parent, no row of jobs is read).</summary>
    public const string CountByState = """
        SELECT state, count(*) FROM jobs
        WHERE project = @project AND location = @location AND pipeline_name IS NULL
        GROUP BY state
        ORDER BY state
        """;

    /// <summary>
    /// Up to @limit of the location's user jobs failing now (a status that is not OK: 0), the newest last attempt first,
    /// each with how many are failing in all (<see cref="JobRows.Columns"/>, then the count).
    /// </summary>
    public const string FailingPage = $"""
        SELECT {JobRows.Columns}, count(*) OVER ()
        FROM jobs j
        WHERE j.project = @project AND j.location = @location AND j.pipeline_name IS NULL
          AND j.status_code IS NOT NULL AND j.status_code <> 0
        ORDER BY j.last_attempt_time IS NULL, j.last_attempt_time DESC, j.job_id
        LIMIT @limit
        """;

    /// <summary>
    /// Up to @limit of the location's Enabled user jobs by schedule time, soonest first: jobs_due (state, schedule_time)
    /// in order, so the read stops after the first few of the location.
    /// </summary>
    public const string NextRuns = $"""
        SELECT {JobRows.Columns}
        FROM jobs j
        WHERE j.state = 1 /* Enabled */ AND j.schedule_time IS NOT NULL
          AND j.project = @project AND j.location = @location AND j.pipeline_name IS NULL
        ORDER BY j.schedule_time, j.job_id
        LIMIT @limit
        """;

    /// <summary>1 when the job's stored schedule and zone are @schedule and @timeZone.</summary>
    public const string CountSameSchedule = """
        SELECT count(*) FROM jobs WHERE name = @name AND schedule = @schedule AND time_zone = @timeZone
        """;

    /// <summary>
    /// A user's update, fenced on @definitionVersion (other users' writes), not on the version every plan raises;
    /// returns the new version. The schedule time is @scheduleTime only when the state, schedule or zone change (a
    /// pause, a resume, a new schedule, a recovery from UPDATE_FAILED); otherwise the row keeps its own, which the
    /// dispatcher may have advanced since the read (SET expressions see the row as it was). A job no longer Enabled
    /// drops its deferred time.
    /// </summary>
    public const string Update = $"""
        UPDATE jobs SET
            {JobRows.UpdatableAssignments},
            schedule_time = CASE WHEN state = @state AND schedule = @schedule AND time_zone = @timeZone
                THEN schedule_time ELSE @scheduleTime END,
            deferred_time = CASE WHEN @state = 1 /* Enabled */ THEN deferred_time END,
            version = version + 1
        WHERE name = @name AND definition_version = @definitionVersion
        RETURNING version
        """;

    /// <summary>1 when a job (a user's or a step job) is called @name, else 0.</summary>
    public const string CountByName = "SELECT count(*) FROM jobs WHERE name = @name";

    /// <summary>The user's job called @name (never a pipeline's step job).</summary>
    public const string SelectByName = $"""
        SELECT {JobRows.Columns} FROM jobs j WHERE j.name = @name AND j.pipeline_name IS NULL
        """;

    /// <summary>
    /// Deletes the user's job @name's outstanding executions (Pending, Running) and their attempts, so nothing of it is
    /// claimed again, and leaves its finished history as a grave (deleted_jobs, at @now) that retention deletes in
    /// batches (<see cref="ExecutionSql.DeletedJobHistory"/>): a job with a million executions is gone at once, and no
    /// write holds the lock for long. Run before <see cref="Delete"/>, in the same transaction. Nothing for a
    /// pipeline's step job, whose history goes with its pipeline. Its per-day run counts go at once: a few rows a day,
    /// which no one reads once the job is gone (the rates join on the job's uid).
    /// </summary>
    public const string BuryHistory = """
        DELETE FROM job_run_counts WHERE job_name = @name
            AND NOT EXISTS (SELECT 1 FROM jobs WHERE name = @name AND pipeline_name IS NOT NULL);
        DELETE FROM attempts WHERE execution_id IN (SELECT id FROM executions WHERE job_name = @name AND state IN (0, 1))
            AND NOT EXISTS (SELECT 1 FROM jobs WHERE name = @name AND pipeline_name IS NOT NULL);
        DELETE FROM executions WHERE job_name = @name AND state IN (0, 1) /* Pending, Running */
            AND NOT EXISTS (SELECT 1 FROM jobs WHERE name = @name AND pipeline_name IS NOT NULL);
        INSERT INTO deleted_jobs (job_name, job_uid, delete_time)
        SELECT name, uid, @now FROM jobs WHERE name = @name AND pipeline_name IS NULL
        ON CONFLICT (job_name, job_uid) DO NOTHING;
        """;

    /// <summary>
    /// Deletes the user's job @name (never a pipeline's step job), after <see cref="BuryHistory"/>; its own command,
    /// so its row count says whether the job was deleted.
    /// </summary>
    public const string Delete = "DELETE FROM jobs WHERE name = @name AND pipeline_name IS NULL";

    /// <summary>Deletes the job @name's executions armed ahead (Running, never attempted) for after @changed; returns their schedule times.</summary>
    public const string WithdrawArmed = """
        DELETE FROM executions
        WHERE job_name = @name AND state = 1 /* Running */ AND first_attempt_time IS NULL AND schedule_time > @changed
        RETURNING schedule_time
        """;

    public JobSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        RestoreScheduleTime = $"""
            UPDATE jobs SET schedule_time = {dialect.Least("coalesce(schedule_time, @time)", "@time")} WHERE name = @name
            """;
    }

    /// <summary>Moves the job @name's schedule time back to @time when that is earlier (or it has none).</summary>
    public string RestoreScheduleTime { get; }
}
