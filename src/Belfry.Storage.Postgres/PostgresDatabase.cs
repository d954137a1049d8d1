using System.Data;
using System.Diagnostics.Metrics;
using Belfry.Core.Storage;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// The cluster database every PostgreSQL store works over: one database shared by every <c>belfry serve</c> node, through
/// a pooled <see cref="NpgsqlDataSource"/>. Reads run in a REPEATABLE READ transaction (one snapshot, as a SQLite read).
/// Writes (<see cref="SqlDatabase.WriteAsync{T}(Func{StoreTransaction, Task{T}}, CancellationToken, string)"/>: the API's, alerts, keys, pipeline planning) run one at a time per node and
/// hold a transaction-scoped advisory lock EXCLUSIVELY across the cluster (<see cref="WriteLockKey"/>), so their
/// read-then-write logic, written for SQLite's single writer, holds unchanged with many nodes. The claim paths
/// (<see cref="SqlDatabase.ClaimAsync{T}(Func{StoreTransaction, Task{T}}, CancellationToken, string)"/>: planning jobs, claiming and recording attempts, the outbox) hold it SHARED, so
/// they run side by side on every node and exclude each other only by the rows they lock
/// (<see cref="SqlDialect.ClaimLock"/>: <c>FOR UPDATE … SKIP LOCKED</c>; <see cref="SqlDialect.RowLock"/>), while a
/// user's change still sees no claim in progress. A claim aborted by a deadlock runs again. The changes a write staged go to the other nodes with NOTIFY inside
/// the transaction, so they leave only if it commits, and to this node's subscribers right after the commit.
/// Opening migrates (<see cref="PostgresMigrator"/>) and starts listening; unlike SQLite it expires no lease: other
/// nodes may be alive and hold them.
/// </summary>
internal sealed class PostgresDatabase : SqlDatabase
{
    /// <summary>The advisory lock key of the cluster-wide write lock: 'belfry_w' in ASCII (migrations use 'belfry_m').</summary>
    public const long WriteLockKey = 0x62656C6672795F77;

    private const int MaxAttempts = 5;

    // Claims share the lock, so they run side by side on row locks of their own; every other write takes it alone.
    private static readonly string ExclusiveLock = $"SELECT pg_advisory_xact_lock({WriteLockKey})";
    private static readonly string SharedLock = $"SELECT pg_advisory_xact_lock_shared({WriteLockKey})";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoreChanges _changes;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _openGate = new();
    private Task? _opening;
    private volatile bool _open;

    public override bool IsOpen => _open;

    private int _disposed;

    /// <summary>
    /// A database over <paramref name="dataSource"/>, which it owns and disposes; nothing is touched until <see cref="OpenAsync"/>.
    /// With <paramref name="meterFactory"/>, each transaction's duration is recorded (<see cref="StoreMetrics"/>).
    /// </summary>
    public PostgresDatabase(NpgsqlDataSource dataSource, TimeProvider timeProvider, PostgresStoreChanges changes, IMeterFactory? meterFactory = null)
        : base(PostgresDialect.Instance, PostgresDialect.Statements, timeProvider, changes, meterFactory, "postgresql")
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _changes = changes;
    }

    /// <summary>This node's id, as its notifications carry it.</summary>
    public string NodeId => _changes.NodeId;

    /// <summary>Migrates the database and starts the change feed's listener; opens once, every later call answers the first's task.</summary>
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        lock (_openGate)
        {
            return _opening ??= OpenOnceAsync(cancellationToken);
        }
    }

    protected override async Task<T> ReadCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(new PostgresStoreTransaction(this, connection, transaction)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    protected override async Task<T> WriteCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();

        // One writer per node waits for the cluster lock, not one pooled connection per waiting caller.
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(work, ExclusiveLock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    protected override Task<T> ClaimCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();
        return RunAsync(work, SharedLock, cancellationToken);
    }

    // A deadlock between two claims (row locks taken in different orders by two batches) or a serialization failure
    // aborts one transaction as a whole; it ran nothing that outlives it, so it runs again.
    private async Task<T> RunAsync<T>(Func<StoreTransaction, Task<T>> work, string lockSql, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(work, lockSql, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    private async Task<T> RunOnceAsync<T>(Func<StoreTransaction, Task<T>> work, string lockSql, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var lockCommand = new NpgsqlCommand(lockSql, connection, transaction))
                {
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var session = new PostgresStoreTransaction(this, connection, transaction);
                var result = await work(session).ConfigureAwait(false);
                await session.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (session.StagedChanges.Count > 0)
                {
                    await _changes.SendAsync(transaction, session.StagedChanges, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var change in session.StagedChanges)
                {
                    _changes.Publish(change);
                }

                Committed(session);
                return result;
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _changes.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_open)
        {
            throw new InvalidOperationException("The PostgreSQL database is not open yet (PostgresDatabase.OpenAsync).");
        }
    }

    private async Task OpenOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgresMigrator.MigrateAsync(connection, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Npgsql's messages name the host and the user, never the password.
            var where = PostgresConnectionString.Describe(new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString));
            throw new StoreUnavailableException($"The PostgreSQL store {where} cannot be opened: {e.Message}", e);
        }

        // Open only once it hears the other nodes: a change committed from then on reaches this node's dispatcher.
        _changes.Start();
        await _changes.Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
        _open = true;
    }
}
