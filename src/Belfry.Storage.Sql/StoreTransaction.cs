using System.Data.Common;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// What a store method works in: one transaction of a <see cref="SqlDatabase"/> (<see cref="SqlDatabase.ReadAsync{T}"/>,
/// <see cref="SqlDatabase.WriteAsync{T}"/>). Commands made here are enlisted in it; a database supplies its prepared
/// statements (<see cref="Prepare"/>). Changes staged with <see cref="PublishOnCommit"/> belong to this transaction
/// alone, not to the database: a server database runs write transactions side by side, and each publishes its own after
/// its commit.
/// </summary>
internal abstract class StoreTransaction(SqlDatabase database, DbConnection connection, DbTransaction transaction)
{
    private List<StoreChange>? _staged;
    private List<PipelineRunState>? _endedRuns;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    /// <summary>The database's dialect, for instants, id lists and the rows' readers and binders.</summary>
    public SqlDialect Dialect => database.Dialect;

    /// <summary>The database's statements built from its dialect.</summary>
    public SqlStatements Statements => database.Statements;

    /// <summary>What <see cref="PublishOnCommit"/> staged, in order; empty when nothing was.</summary>
    public IReadOnlyList<StoreChange> StagedChanges => (IReadOnlyList<StoreChange>?)_staged ?? [];

    /// <summary>A command with <paramref name="sql"/> in this transaction (parameters named <c>@…</c>, see <see cref="SqlValues.With{TCommand}(TCommand, string, object?)"/>).</summary>
    public DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>A prepared statement with <paramref name="sql"/> (positional <c>?1</c>, <c>?2</c>, …) in this transaction; dispose it.</summary>
    public abstract SqlStatement Prepare(string sql);

    /// <summary>Runs the statements queued with <see cref="SqlStatement.EnqueueAsync"/> that have not run yet.</summary>
    public virtual ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Publishes <paramref name="change"/> on the database's change feed once this transaction commits; dropped when
    /// it rolls back. Only in a write transaction.
    /// </summary>
    public void PublishOnCommit(StoreChange change) => (_staged ??= []).Add(change);

    /// <summary>
    /// Counts a pipeline run that ended in <paramref name="state"/> (the metric <c>belfry.pipeline.runs</c>) once this
    /// transaction commits; nothing when it rolls back or runs again.
    /// </summary>
    public void CountRunEndOnCommit(PipelineRunState state) => (_endedRuns ??= []).Add(state);

    /// <summary>The runs <see cref="CountRunEndOnCommit"/> staged; empty when none.</summary>
    public IReadOnlyList<PipelineRunState> EndedRuns => (IReadOnlyList<PipelineRunState>?)_endedRuns ?? [];
}
