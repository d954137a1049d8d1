using System.Diagnostics.Metrics;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="SqlDatabase"/>: one file, <c>{dataDirectory}/belfry.db</c>, in WAL mode, owned by one server
/// through an OS lock on <c>{dataDirectory}/belfry.lock</c>. Each store method is one transaction on its own pooled
/// connection (<see cref="SqlDatabase.ReadAsync{T}(Func{StoreTransaction, Task{T}}, CancellationToken, string)"/>, <see cref="SqlDatabase.WriteAsync{T}(Func{StoreTransaction, Task{T}}, CancellationToken, string)"/>); writers are serialised in-process so they never
/// spin on SQLITE_BUSY, and the change feed is in-process (<see cref="InProcessStoreChanges"/>).
/// </summary>
internal sealed class SqliteDatabase : SqlDatabase
{
    public const string FileName = "belfry.db";

    private readonly string _directory;
    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly InProcessStoreChanges _changes;
    private readonly Lock _openGate = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _opening;
    private DataDirectoryLock? _directoryLock;
    private volatile bool _open;

    public override bool IsOpen => _open;

    private int _disposed;

    /// <summary>
    /// A database in <paramref name="dataDirectory"/>, not yet open: nothing is touched until <see cref="OpenAsync(CancellationToken)"/>.
    /// Committed changes are published to <paramref name="changes"/>; with <paramref name="meterFactory"/>, each transaction's
    /// duration is recorded (<see cref="StoreMetrics"/>).
    /// </summary>
    public SqliteDatabase(string dataDirectory, TimeProvider timeProvider, InProcessStoreChanges changes, IMeterFactory? meterFactory = null)
        : base(SqliteDialect.Instance, SqliteDialect.Statements, timeProvider, changes, meterFactory, "sqlite")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _directory = Path.GetFullPath(dataDirectory);
        _databasePath = Path.Combine(_directory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,

            // Microsoft.Data.Sqlite retries a busy statement (BEGIN IMMEDIATE included) on its own until this command
            // timeout: kept at busy_timeout's 2 s (OpenConnectionAsync), or a lock held elsewhere would stall a write 30 s.
            DefaultTimeout = 2,
        }.ToString();
        _changes = changes;
    }

    /// <summary>
    /// Completes once the database is disposed and the directory lock released, whoever disposed it: a host disposed
    /// from two places at once returns to the second caller early, so a test that reopens the directory waits on this.
    /// </summary>
    public Task Closed => _closed.Task;

    /// <summary>Opens a database in <paramref name="dataDirectory"/> with a change feed of its own (<see cref="SqlDatabase.Changes"/>).</summary>
    public static Task<SqliteDatabase> OpenAsync(string dataDirectory, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        OpenAsync(dataDirectory, timeProvider, new InProcessStoreChanges(), cancellationToken);

    /// <summary>Creates and opens (<see cref="OpenAsync(CancellationToken)"/>) a database; disposes it when opening fails.</summary>
    public static async Task<SqliteDatabase> OpenAsync(
        string dataDirectory, TimeProvider timeProvider, InProcessStoreChanges changes, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(dataDirectory, timeProvider, changes);
        try
        {
            await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens (creating if needed) the database: takes the directory lock, makes the database files owner-only (0600 on
    /// Unix: they hold signing keys), applies pending migrations, and expires the leases of executions a crashed
    /// predecessor left Running, so the next claim takes them over at once with a higher epoch. Throws
    /// <see cref="StoreLockedException"/> when another server holds the directory. Opens once: every later call
    /// answers the first call's task, so the host's pre-start check and the start-up service may both ask.
    /// </summary>
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        lock (_openGate)
        {
            return _opening ??= OpenOnceAsync(cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Close the pooled file handles before giving up the lock, so the next owner starts from a quiet file.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
        if (_directoryLock is { } directoryLock)
        {
            await directoryLock.DisposeAsync().ConfigureAwait(false);
        }

        _closed.TrySetResult();
    }

    /// <summary>Opens a pooled connection with this database's session settings (internal for tests).</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection, so set on every open (pooled connections keep them; re-setting is cheap).
            // synchronous=NORMAL in WAL mode: a commit is in the WAL before it returns, so it survives a killed
            // process (kill -9); only an OS crash or power loss may roll back the last commits, never corrupt the
            // file. FULL would fsync every commit, which the dispatcher's many small transactions cannot afford.
            // busy_timeout only matters against another process (writers here are serialised in-process): 2 s, not
            // longer, because a write waiting on it holds this process's write lock and stalls every other writer;
            // past it the write fails with SQLITE_BUSY, which the dispatcher treats as the store being unavailable
            // and retries (docs/operations.md, "When the store fails").
            await using var pragmas = SqliteSql.Command(connection, null, "PRAGMA busy_timeout = 2000; PRAGMA synchronous = NORMAL;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one deferred (read) transaction: a consistent snapshot, no write lock.</summary>
    protected override async Task<T> ReadCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var result = await work(new SqliteStoreTransaction(this, connection, transaction)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one BEGIN IMMEDIATE transaction, one writer at a time in this process;
    /// commits unless it throws. The write lock is taken at BEGIN, so a read-then-write inside sees no interleaving.
    /// What <paramref name="work"/> staged with <see cref="StoreTransaction.PublishOnCommit"/> is published after the
    /// commit, before this returns, and dropped when the transaction rolls back.
    /// </summary>
    protected override async Task<T> WriteCoreAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var store = new SqliteStoreTransaction(this, connection, transaction);
            var result = await work(store).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            var staged = store.StagedChanges;
            for (var i = 0; i < staged.Count; i++)
            {
                _changes.Publish(staged[i]);
            }

            Committed(store);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_open)
        {
            // A store used before the start-up service opened the database: a composition mistake, not a runtime state.
            throw new InvalidOperationException("The SQLite database is not open yet (SqliteDatabase.OpenAsync).");
        }
    }

    private async Task OpenOnceAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        _directoryLock = DataDirectoryLock.Acquire(_directory);

        // The file holds private signing keys (0002_signing_keys.sql): owner-only, before anything is written.
        PrivateFiles.CreateIfMissing(_databasePath);
        PrivateFiles.Restrict(_databasePath);
        await InitializeAsync(Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        PrivateFiles.Restrict(_databasePath);
        _open = true;
    }

    private async Task InitializeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // WAL is a property of the file and survives reopening; anything else (e.g. a file system without shared
        // memory) would silently lose concurrency between the API and the dispatcher, so refuse it.
        var mode = await SqliteSql.ScalarAsync<string>(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for {connection.DataSource} (journal_mode is '{mode}').");
        }

        await SqliteMigrator.MigrateAsync(connection, now, cancellationToken).ConfigureAwait(false);

        // This node owns the file alone, so whatever is still Running was running in a process that is gone:
        // expire those leases now (attempts and notifications being sent) rather than make the work wait them out.
        // A time armed ahead whose time has not come was certainly never sent: it goes back to Pending, due at its
        // time, so its first request is attempt 1 with every retry left; the epoch still rises, fencing out the old claim.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = SqliteSql.Command(connection, transaction, """
            UPDATE executions
            SET state = 0 /* Pending */, attempt_count = 0, epoch = epoch + 1, lease_until = NULL, next_attempt_time = schedule_time
            WHERE state = 1 AND first_attempt_time IS NULL AND attempt_count = 1 AND schedule_time > @now;
            UPDATE executions SET lease_until = @now
            WHERE state = 1 AND lease_until > @now;
            UPDATE notification_outbox SET lease_until = @now
            WHERE state = 1 AND lease_until > @now;
            """);
        command.Parameters.AddWithValue("@now", SqliteValues.Instant(now));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
