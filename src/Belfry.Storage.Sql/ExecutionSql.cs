namespace Belfry.Storage.Sql;

/// <summary>Statements reading <c>executions</c> and <c>attempts</c>, built once per dialect (<see cref="SqlStatements"/>).</summary>
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

    /// <summary>
    /// Outstanding executions (Pending or Running), and the Pending ones already attempted (waiting for a retry); the
    /// partial index executions_outstanding (SQLite 0005, PostgreSQL 0001) holds exactly these rows.
    /// </summary>
    public const string CountOutstanding = """
        SELECT count(*), coalesce(sum(CASE WHEN state = 0 AND attempt_count > 0 THEN 1 ELSE 0 END), 0)
        FROM executions
        WHERE state IN (0, 1)
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
    }

    /// <summary>The attempts of the executions in the id list @ids, by execution, in order (<see cref="ExecutionRows.AttemptColumns"/>).</summary>
    public string AttemptsOf { get; }
}
