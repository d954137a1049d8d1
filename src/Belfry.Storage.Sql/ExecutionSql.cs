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
          AND (e.schedule_time, e.id) < (@afterTime, @afterId)
        ORDER BY e.schedule_time DESC, e.id DESC
        LIMIT @limit
        """;

    /// <summary>The attempts of the execution @id, in order (<see cref="ExecutionRows.AttemptColumns"/>).</summary>
    public const string AttemptsOfOne = $"""
        SELECT {ExecutionRows.AttemptColumns} FROM attempts WHERE execution_id = @id ORDER BY number, epoch
        """;

    public ExecutionSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        AttemptsOf = $"""
            SELECT {ExecutionRows.AttemptColumns}
            FROM attempts
            WHERE {dialect.InIdList("execution_id", "@ids")}
            ORDER BY execution_id, number, epoch
            """;

        // By finish time through executions_finished (migration 0010). A job's newest success stays: the missed-run
        // watcher confirms scheduled times with it (MissedRunSql.Successes). Rows a step names stay for their run.
        Expired = $"""
            SELECT e.id FROM executions e
            WHERE e.state >= 2 /* final */ AND e.finish_time < @before
              AND NOT EXISTS (SELECT 1 FROM pipeline_run_steps s WHERE s.execution_id = e.id)
              AND (e.state <> 2 /* Succeeded */ OR EXISTS (
                  SELECT 1 FROM executions n
                  WHERE n.job_name = e.job_name AND n.state = 2 AND (n.schedule_time, n.id) > (e.schedule_time, e.id)))
            ORDER BY e.finish_time
            LIMIT @max{dialect.ClaimLockSuffix("e")}
            """;
        Delete = $"""
            DELETE FROM attempts WHERE {dialect.InIdList("execution_id", "@ids")};
            DELETE FROM executions WHERE {dialect.InIdList("id", "@ids")};
            """;
    }

    /// <summary>The attempts of the executions in the id list @ids, by execution, in order (<see cref="ExecutionRows.AttemptColumns"/>).</summary>
    public string AttemptsOf { get; }

    /// <summary>
    /// The ids of up to @max final executions finished before @before that retention may delete, oldest finish first,
    /// locked where the dialect claims (<see cref="SqlDialect.ClaimLock"/>), so two nodes take different rows.
    /// </summary>
    public string Expired { get; }

    /// <summary>Deletes the executions in the id list @ids and their attempts.</summary>
    public string Delete { get; }
}
