using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
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
    /// <summary>
    /// A database with the dialect, the statements built from it, the clock and the change feed; with
    /// <paramref name="meterFactory"/> each transaction's duration is recorded (<see cref="StoreMetrics"/>), tagged with
    /// <paramref name="engine"/> (<c>sqlite</c>, <c>postgresql</c>).
    /// </summary>
    protected SqlDatabase(
        SqlDialect dialect, SqlStatements statements, TimeProvider timeProvider, IStoreChanges changes, IMeterFactory? meterFactory, string engine)
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
        _metrics = meterFactory is null ? null : new StoreMetrics(meterFactory, engine);
    }

    private readonly StoreMetrics? _metrics;

    public SqlDialect Dialect { get; }

    /// <summary>The shared statements with <see cref="Dialect"/>'s spellings, built once.</summary>
    public SqlStatements Statements { get; }

    /// <summary>The clock for the few instants a store takes itself (a deletion's change).</summary>
    public TimeProvider Time { get; }

    /// <summary>What the stores' writes changed, published after each commit (<see cref="IStoreChanges"/>).</summary>
    public IStoreChanges Changes { get; }

    /// <summary>Jobs as planning last read them, shared by the stores that write job definitions and the planner.</summary>
    public JobDefinitionCache Definitions { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in one read transaction: a consistent snapshot. Its duration is recorded under
    /// <paramref name="operation"/>, the calling store method.
    /// </summary>
    public Task<T> ReadAsync<T>(
        Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        StartTiming() is { } started
            ? TimedAsync(ReadCoreAsync(work, cancellationToken), started, operation)
            : ReadCoreAsync(work, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction and commits unless it throws; what it staged with
    /// <see cref="StoreTransaction.PublishOnCommit"/> is published after the commit and dropped on a rollback. Its
    /// duration, waiting for the write lock included, is recorded under <paramref name="operation"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(
        Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        StartTiming() is { } started
            ? TimedAsync(WriteCoreAsync(work, cancellationToken), started, operation)
            : WriteCoreAsync(work, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, as <see cref="WriteAsync{T}"/> does, for the claim paths
    /// (planning, claiming, recording attempts, the outbox): their exclusivity comes from the rows their statements lock
    /// (<see cref="SqlDialect.ClaimLock"/>, <see cref="SqlDialect.RowLock"/>), so such writes of several nodes run side
    /// by side, while each <see cref="WriteAsync{T}"/> still runs alone. On an engine with one writer, it is
    /// <see cref="WriteAsync{T}"/>. Its duration is recorded under <paramref name="operation"/>.
    /// </summary>
    public Task<T> ClaimAsync<T>(
        Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        StartTiming() is { } started
            ? TimedAsync(ClaimCoreAsync(work, cancellationToken), started, operation)
            : ClaimCoreAsync(work, cancellationToken);

    /// <summary>Whether the database has opened: its migrations applied and its stores usable (<see cref="SqlStoreProbe"/>).</summary>
    public abstract bool IsOpen { get; }

    /// <summary>The engine's read transaction (<see cref="ReadAsync{T}"/>).</summary>
    protected abstract Task<T> ReadCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>The engine's write transaction (<see cref="WriteAsync{T}"/>).</summary>
    protected abstract Task<T> WriteCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>The engine's claim transaction (<see cref="ClaimAsync{T}"/>); by default its write transaction.</summary>
    protected virtual Task<T> ClaimCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteCoreAsync(work, cancellationToken);

    /// <summary>
    /// What an engine calls once <paramref name="transaction"/> has committed, beside publishing its staged changes:
    /// counts the pipeline runs it ended (<see cref="StoreTransaction.CountRunEndOnCommit"/>).
    /// </summary>
    protected void Committed(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (_metrics is { } metrics && transaction.EndedRuns.Count > 0)
        {
            metrics.RunsEnded(transaction.EndedRuns);
        }
    }

    // The clock is read only when something listens: the dispatcher's record path runs through here (issue 13: keep it cheap).
    private long? StartTiming() => _metrics is { Enabled: true } ? Time.GetTimestamp() : null;

    // A failed transaction is timed too: a lock wait that ends in an error is still latency.
    private async Task<T> TimedAsync<T>(Task<T> transaction, long started, string operation)
    {
        try
        {
            return await transaction.ConfigureAwait(false);
        }
        finally
        {
            _metrics!.Record(operation, Time.GetElapsedTime(started));
        }
    }

    public abstract ValueTask DisposeAsync();
}
