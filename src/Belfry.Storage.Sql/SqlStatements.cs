namespace Belfry.Storage.Sql;

/// <summary>
/// The statements whose text depends on the dialect, per aggregate, built once from it: a dialect creates one instance
/// (SQLite: <c>SqliteDialect.Statements</c>) and its stores read the finished strings, so nothing is built per call.
/// The statements that no dialect changes are constants on the same classes (<see cref="JobSql.Insert"/>, …).
/// </summary>
internal sealed class SqlStatements(SqlDialect dialect)
{
    public JobSql Jobs { get; } = new(dialect);

    public DispatchSql Dispatch { get; } = new(dialect);

    public ExecutionSql Executions { get; } = new(dialect);

    public PipelineRunSql PipelineRuns { get; } = new(dialect);

    public MissedRunSql MissedRuns { get; } = new(dialect);

    public OutboxSql Outbox { get; } = new(dialect);

    public NodeSql Nodes { get; } = new(dialect);
}
