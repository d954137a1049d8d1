using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// The database the stores (<see cref="SqlStores"/>) work over, whatever the engine: its dialect and the statements
/// built from it, the clock, the change feed, the job definition cache, and transactions. A database class supplies
/// connections, transactions and prepared statements (<see cref="StoreTransaction"/>), publishes what a write staged
/// after its commit, and owns its start-up; the stores hold the logic and never ask which engine they run on.
/// </summary>
internal abstract class SqlDatabase : IAsyncDisposable
{
    protected SqlDatabase(SqlDialect dialect, SqlStatements statements, TimeProvider timeProvider, IStoreChanges changes)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(changes);
        Dialect = dialect;
        Statements = statements;
        Time = timeProvider;
        Changes = changes;
        Definitions = new JobDefinitionCache(dialect);
    }

    public SqlDialect Dialect { get; }

    /// <summary>The shared statements with <see cref="Dialect"/>'s spellings, built once.</summary>
    public SqlStatements Statements { get; }

    /// <summary>The clock for the few instants a store takes itself (a deletion's change).</summary>
    public TimeProvider Time { get; }

    /// <summary>What the stores' writes changed, published after each commit (<see cref="IStoreChanges"/>).</summary>
    public IStoreChanges Changes { get; }

    /// <summary>Jobs as planning last read them, shared by the stores that write job definitions and the planner.</summary>
    public JobDefinitionCache Definitions { get; }

    /// <summary>Runs <paramref name="work"/> in one read transaction: a consistent snapshot.</summary>
    public abstract Task<T> ReadAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction and commits unless it throws; what it staged with
    /// <see cref="StoreTransaction.PublishOnCommit"/> is published after the commit and dropped on a rollback.
    /// </summary>
    public abstract Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, as <see cref="WriteAsync{T}"/> does, for the claim paths
    /// (planning, claiming, recording attempts, the outbox): their exclusivity comes from the rows their statements lock
    /// (<see cref="SqlDialect.ClaimLock"/>, <see cref="SqlDialect.RowLock"/>), so such writes of several nodes run side
    /// by side, while each <see cref="WriteAsync{T}"/> still runs alone. On an engine with one writer, it is
    /// <see cref="WriteAsync{T}"/>.
    /// </summary>
    public virtual Task<T> ClaimAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, cancellationToken);

    public abstract ValueTask DisposeAsync();
}
