namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>executions</c> and <c>attempts</c>, built once per dialect (<see cref="SqlStatements"/>).</summary>
internal sealed class ExecutionSql
{
    /// <summary>
    /// One page of the job @name's executions, newest first, after the keyset (@afterTime, @afterId), @limit rows
    /// (<see cref="ExecutionRows.Columns"/>).
    /// </summary>
    public const string ListPage = $"""
        SELECT {ExecutionRows.Columns}
        FROM executions e
        WHERE e.job_name = @name
          AND e.job_uid = (SELECT j.uid FROM jobs j WHERE j.name = @name) /* not a deleted namesake's history */
          AND (e.schedule_time, e.id) < (@afterTime, @afterId)
        ORDER BY e.schedule_time DESC, e.id DESC
        LIMIT @limit
        """;

    /// <summary>The attempts of the execution @id, in order (<see cref="ExecutionRows.AttemptColumns"/>).</summary>
    public const string AttemptsOfOne = $"""
        SELECT {ExecutionRows.AttemptColumns} FROM attempts WHERE execution_id = @id ORDER BY number, epoch
        """;

    /// <summary>
    /// Outstanding executions (Pending or Running), and the Pending ones already attempted (waiting for a retry); the
    /// partial index executions_outstanding (SQLite 0005, PostgreSQL 0001) holds exactly these rows.
    /// </summary>
    public const string CountOutstanding = """
        SELECT count(*), coalesce(sum(CASE WHEN state = 0 AND attempt_count > 0 THEN 1 ELSE 0 END), 0)
        FROM executions
        WHERE state IN (0, 1)
        """;

    /// <summary>
    /// One page of the location (@project, @location)'s finished executions (Succeeded, Failed) finished before @until, by
    /// finish time then id, after the keyset (@afterTime, @afterId), @limit rows: <see cref="ExecutionRows.Columns"/> and
    /// the job's time zone. The first page starts after (since, ""), as every id sorts after "". Each page walks
    /// <c>executions_finished</c> (migration 0010; PostgreSQL 0004; its predicate is state >= 2, which the query repeats so SQLite uses it) from the keyset on, so an export costs the same per
    /// page wherever it is. The CROSS JOIN keeps SQLite from starting at the location's jobs (jobs_by_parent) and then
    /// sorting all their executions; PostgreSQL plans it as the inner join it is.
    /// </summary>
    public const string FinishedPage = $"""
        SELECT {ExecutionRows.Columns}, j.time_zone
        FROM executions e
        CROSS JOIN jobs j
        WHERE j.name = e.job_name AND j.uid = e.job_uid
          AND (e.finish_time, e.id) > (@afterTime, @afterId)
          AND e.finish_time < @until
          AND e.state IN (2, 3) /* Succeeded, Failed */
          AND e.state >= 2
          AND j.project = @project AND j.location = @location
        ORDER BY e.finish_time, e.id
        LIMIT @limit
        """;

    /// <summary>
    /// The location (@project, @location)'s jobs with a finished execution (Succeeded, Failed) scheduled on or after the
    /// UTC day @since: up to @limit of the lowest success rates, worst first, then by name; each row the job, its runs,
    /// its successes and how many jobs had runs at all. Read from the per-day counts the attempt recorder keeps
    /// (job_run_counts, SQLite 0017, PostgreSQL 0011), never from executions: a job's week is at most 8 rows of one
    /// primary key range, keyed by the job's uid as its executions are. The jobs are the outer loop (CROSS JOIN: SQLite
    /// keeps the order written; PostgreSQL plans the inner join it is), in job id order (jobs_by_parent), so the groups
    /// need no sort.
    /// </summary>
    public const string LowestRates = """
        SELECT r.job_name, r.runs, r.successes, count(*) OVER ()
        FROM (SELECT j.name AS job_name, sum(c.runs) AS runs, sum(c.successes) AS successes
              FROM jobs j
              CROSS JOIN job_run_counts c
              WHERE j.project = @project AND j.location = @location
                AND c.job_name = j.name AND c.job_uid = j.uid
                AND c.day >= @since
              GROUP BY j.job_id, j.name) r
        ORDER BY r.successes * 1.0 / r.runs, r.job_name
        LIMIT @limit
        """;

    /// <summary>Deletes up to @max per-day run counts of days before @before (job_run_counts_by_day); returns nothing.</summary>
    public const string DeleteOldRunCounts = """
        DELETE FROM job_run_counts
        WHERE (job_name, job_uid, day) IN (SELECT job_name, job_uid, day FROM job_run_counts WHERE day < @before LIMIT @max)
        """;

    public ExecutionSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        // The p95 is the nearest rank, the ceil(0.95 n)-th shortest of n durations (integer arithmetic, the same on
        // both engines), so it is always a duration that happened. An execution finished without an attempt start
        // (none is recorded that way; a guard) counts as taking no time.
        RunSummaries = $"""
            WITH finished AS (
                SELECT e.job_name, e.id, e.state, e.finish_time, e.last_status_code, e.last_error,
                       {dialect.TicksBetween("coalesce(e.first_attempt_time, e.finish_time)", "e.finish_time")} AS duration
                FROM executions e
                JOIN jobs j ON j.name = e.job_name AND j.uid = e.job_uid
                WHERE j.project = @project AND j.location = @location
                  AND e.schedule_time >= @since
                  AND e.state IN (2, 3) /* Succeeded, Failed */
            ),
            ranked AS (
                SELECT job_name, duration,
                       ROW_NUMBER() OVER (PARTITION BY job_name ORDER BY duration) AS duration_rank,
                       COUNT(*) OVER (PARTITION BY job_name) AS job_runs
                FROM finished
            ),
            failures AS (
                SELECT job_name, finish_time, last_status_code, last_error,
                       ROW_NUMBER() OVER (PARTITION BY job_name ORDER BY finish_time DESC, id DESC) AS recency
                FROM finished
                WHERE state = 3
            )
            SELECT t.job_name, t.runs, t.successes, t.total_duration, p.duration, f.finish_time, f.last_status_code, f.last_error
            FROM (SELECT job_name, COUNT(*) AS runs, SUM(CASE WHEN state = 2 THEN 1 ELSE 0 END) AS successes,
                         CAST(SUM(duration) AS bigint) AS total_duration
                  FROM finished
                  GROUP BY job_name) t
            JOIN ranked p ON p.job_name = t.job_name AND p.duration_rank = (p.job_runs * 95 + 99) / 100
            LEFT JOIN failures f ON f.job_name = t.job_name AND f.recency = 1
            ORDER BY t.job_name
            """;
        AttemptsOf = $"""
            SELECT {ExecutionRows.AttemptColumns}
            FROM attempts
            WHERE {dialect.InIdList("execution_id", "@ids")}
            ORDER BY execution_id, number, epoch
            """;

        // By finish time through executions_finished (migration 0010). A job's newest success stays: the missed-run
        // watcher confirms scheduled times with it (MissedRunSql.Successes). A run's step executions, current or
        // replaced by a resume (migration 0012), stay for their run and go with it (PipelineRunSql.Delete).
        Expired = $"""
            SELECT e.id FROM executions e
            WHERE e.state >= 2 /* final */ AND e.finish_time < @before
              AND NOT EXISTS (SELECT 1 FROM pipeline_step_executions x WHERE x.execution_id = e.id)
              AND (e.state <> 2 /* Succeeded */ OR EXISTS (
                  SELECT 1 FROM executions n
                  WHERE n.job_name = e.job_name AND n.job_uid = e.job_uid AND n.state = 2 AND (n.schedule_time, n.id) > (e.schedule_time, e.id)))
            ORDER BY e.finish_time
            LIMIT @max{dialect.ClaimLockSuffix("e")}
            """;
        // A deleted job's history (SqlJobStore.DeleteJobAsync), whatever its age or state (only final rows are left).
        DeletedJobHistory = $"""
            SELECT e.id FROM deleted_jobs d
            JOIN executions e ON e.job_name = d.job_name AND e.job_uid = d.job_uid
            WHERE d.delete_time <= @before
            LIMIT @max{dialect.ClaimLockSuffix("e")}
            """;
        Delete = $"""
            DELETE FROM attempts WHERE {dialect.InIdList("execution_id", "@ids")};
            DELETE FROM executions WHERE {dialect.InIdList("id", "@ids")};
            """;
    }

    /// <summary>
    /// Per job of the location (@project, @location), its finished executions (Succeeded, Failed) scheduled at or after
    /// @since: the job, runs, successes, the sum of durations (ticks), the p95 duration (ticks), and its latest
    /// failure's finish time, status code and error (NULL without one), in job name order.
    /// </summary>
    public string RunSummaries { get; }

    /// <summary>The attempts of the executions in the id list @ids, by execution, in order (<see cref="ExecutionRows.AttemptColumns"/>).</summary>
    public string AttemptsOf { get; }

    /// <summary>
    /// The ids of up to @max final executions finished before @before that retention may delete, oldest finish first,
    /// locked where the dialect claims (<see cref="SqlDialect.ClaimLock"/>), so two nodes take different rows.
    /// </summary>
    public string Expired { get; }

    /// <summary>
    /// The ids of up to @max executions of jobs deleted by @before (their graves in deleted_jobs), locked where the
    /// dialect claims, as <see cref="Expired"/>.
    /// </summary>
    public string DeletedJobHistory { get; }

    /// <summary>Removes the graves (deleted_jobs) whose executions are all deleted.</summary>
    public const string EmptyGraves = """
        DELETE FROM deleted_jobs
        WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.job_name = deleted_jobs.job_name AND e.job_uid = deleted_jobs.job_uid)
        """;

    /// <summary>Deletes the executions in the id list @ids and their attempts.</summary>
    public string Delete { get; }
}
