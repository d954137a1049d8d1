namespace Belfry.Storage.Sql;

/// <summary>
/// The dispatch queue's statements (planning, claiming, the deferred time, the next wake-up), built once per dialect
/// (<see cref="SqlStatements"/>). The per-row planning updates and the attempt record are prepared statements
/// (<see cref="SqlStatement"/>, positional parameters) and stay with their code: <see cref="SqlDispatchQueue"/>,
/// <see cref="AttemptRecordCommands"/>.
/// </summary>
internal sealed class DispatchSql
{
    /// <summary>Pipelines due by @now, @max of them: name, running runs, deferred time.</summary>
    public const string DuePipelines = """
        SELECT p.name,
               (SELECT count(*) FROM pipeline_runs r WHERE r.pipeline_name = p.name AND r.state = 1 /* Running */),
               p.deferred_time
        FROM pipelines p
        WHERE p.state = 1 /* Enabled */ AND p.schedule_time <= @now
        ORDER BY p.schedule_time, p.name
        LIMIT @max
        """;

    /// <summary>
    /// Moves a planned pipeline on to @scheduleTime and @deferred; @failed leaves it UpdateFailed, a change of state
    /// that raises definition_version (which fences users' updates) as a user's write would.
    /// </summary>
    public const string AdvancePipeline = """
        UPDATE pipelines SET schedule_time = @scheduleTime, deferred_time = @deferred, version = version + 1,
            state = CASE WHEN @failed THEN 4 /* UpdateFailed: not enabled without a time */ ELSE state END,
            definition_version = CASE WHEN @failed THEN definition_version + 1 ELSE definition_version END
        WHERE name = @name
        """;

    /// <summary>The earliest enabled job's time, and the earliest of the pipelines', retries' and leases' times.</summary>
    public const string NextDue = """
        SELECT (SELECT min(schedule_time) FROM jobs WHERE state = 1 /* Enabled */),
               (SELECT min(due) FROM (
                    SELECT min(schedule_time) AS due FROM pipelines WHERE state = 1 /* Enabled */
                    UNION ALL
                    SELECT min(next_attempt_time) FROM executions WHERE state = 0 /* Pending */
                    UNION ALL
                    SELECT min(lease_until) FROM executions WHERE state = 1 /* Running */) AS next_due)
        """;

    /// <summary>The job @name's state, deferred time, and whether an execution is outstanding.</summary>
    public const string DeferredTime = """
        SELECT j.state, j.deferred_time,
            EXISTS (SELECT 1 FROM executions e WHERE e.job_name = j.name AND e.state IN (0, 1) /* Pending, Running */)
        FROM jobs j WHERE j.name = @name
        """;

    /// <summary>Clears the job @name's deferred time once it started.</summary>
    public const string ClearDeferredTime = """
        UPDATE jobs SET deferred_time = NULL, version = version + 1 WHERE name = @name
        """;

    public DispatchSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        DueJobs = $"""
            SELECT {JobRows.Columns},
                   (SELECT count(*) FROM executions e
                    WHERE e.job_name = j.name AND e.state IN (0, 1) /* Pending, Running */) AS outstanding,
                   j.deferred_time, j.name
            FROM jobs j
            WHERE j.state = 1 /* Enabled */ AND j.schedule_time <= @horizon
              AND (j.schedule_time <= @now
                   OR (j.deferred_time IS NULL
                       AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.job_name = j.name AND e.state IN (0, 1))))
            ORDER BY j.schedule_time, j.name
            LIMIT @maxJobs{dialect.ClaimLockSuffix("j")}
            """;
        ClaimDue = $"""
            SELECT {ExecutionRows.Columns}, {JobRows.Columns}
            FROM executions e
            JOIN jobs j ON j.name = e.job_name
            WHERE (e.state = 0 /* Pending */ AND e.next_attempt_time <= @now)
               OR (e.state = 1 /* Running */ AND e.lease_until <= @now)
            ORDER BY CASE e.state WHEN 0 THEN e.next_attempt_time ELSE e.lease_until END, e.id
            LIMIT @max{dialect.ClaimLockSuffix("e")}
            """;
        ClaimUpdate = $"""
            UPDATE executions SET
                epoch = CASE WHEN state = 1 /* Running */ THEN epoch + 1 ELSE epoch END,
                state = 1 /* Running */,
                attempt_count = attempt_count + 1,
                first_attempt_time = coalesce(first_attempt_time, @now),
                lease_until = {dialect.PlusTicks("@now", "@lease")}
            WHERE {dialect.InIdList("id", "@ids")}
            RETURNING id, epoch, attempt_count, first_attempt_time, lease_until
            """;

        // The id list finds the rows by key; the id:epoch list fences each on the epoch it was claimed at. Rows are
        // locked as claims lock them (skipping locked ones): a renewal never waits for, nor deadlocks with, a group
        // commit recording the same executions.
        Held = $"""
            SELECT e.id FROM executions e
            WHERE {dialect.InIdList("e.id", "@ids")}
              AND {dialect.InIdList("e.id || ':' || CAST(e.epoch AS TEXT)", "@keys")}
              AND e.state = 1 /* Running */
            """;
        RenewLeases = $"""
            UPDATE executions SET lease_until = {dialect.Greatest("lease_until", "@until")}
            WHERE id IN ({Held}{dialect.ClaimLockSuffix("e")})
            RETURNING id
            """;

        // SET expressions see the old row: an execution claimed for its first attempt (attempt_count 1) gets its
        // first attempt time back to none, as before the claim; next_attempt_time was never changed by the claim.
        GiveBack = $"""
            UPDATE executions SET
                state = 0 /* Pending */,
                attempt_count = attempt_count - 1,
                first_attempt_time = CASE WHEN attempt_count <= 1 THEN NULL ELSE first_attempt_time END,
                epoch = epoch + 1,
                lease_until = NULL
            WHERE {dialect.InIdList("id", "@ids")}
              AND {dialect.InIdList("id || ':' || CAST(epoch AS TEXT)", "@keys")}
              AND state = 1 /* Running */
            RETURNING id
            """;
    }

    /// <summary>
    /// Jobs due by @now, and jobs due by @horizon that are free to be armed ahead (nothing outstanding, nothing
    /// deferred), @maxJobs of them: <see cref="JobRows.Columns"/>, then the outstanding count, the deferred time, the name; the
    /// job rows locked as the dialect's claims lock them, so planners of several nodes plan disjoint jobs.
    /// </summary>
    public string DueJobs { get; }

    /// <summary>
    /// Pending executions due at @now and Running ones whose lease ran out, the longest-waiting first, @max of them,
    /// locked as the dialect's claims lock: <see cref="ExecutionRows.Columns"/>, then <see cref="JobRows.Columns"/>.
    /// </summary>
    public string ClaimDue { get; }

    /// <summary>
    /// Claims the executions in @ids for a new attempt, leased until @now + @lease (ticks); the holder renews it.
    /// SET expressions see the old row, so a Running row (a takeover) gets epoch + 1.
    /// </summary>
    public string ClaimUpdate { get; }

    /// <summary>
    /// Extends to @until the leases of the Running executions in @ids whose "id:epoch" is in @keys, never shortening
    /// one and skipping rows another transaction has locked; returns the ids renewed.
    /// </summary>
    public string RenewLeases { get; }

    /// <summary>
    /// Gives back the claims of the Running executions in @ids whose "id:epoch" is in @keys, never sent: Pending at the
    /// time they were claimed for, attempt_count as before the claim, epoch + 1; returns the ids given back.
    /// </summary>
    public string GiveBack { get; }

    /// <summary>Which of the executions in @ids are still Running at the epoch in @keys ("id:epoch"), locked or not.</summary>
    public string Held { get; }
}
