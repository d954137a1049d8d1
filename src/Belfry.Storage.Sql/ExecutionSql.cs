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
