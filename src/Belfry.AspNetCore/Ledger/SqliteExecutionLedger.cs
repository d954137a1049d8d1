using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// The ledger in one SQLite file, WAL mode. Writers in this process queue on a semaphore and each write is its own
/// <c>BEGIN IMMEDIATE</c> transaction, so they never spin on SQLITE_BUSY; other processes sharing the file wait for
/// the write lock (<c>busy_timeout</c>, and Microsoft.Data.Sqlite's own retry up to the command timeout).
/// </summary>
internal sealed class SqliteExecutionLedger : SqlExecutionLedger
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    private const string DateFormat = "yyyy-MM-dd";
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteExecutionLedger(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    protected override string Dialect => "sqlite";

    public override async ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = Command(connection, null, "PRAGMA busy_timeout = 5000;");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    protected override async Task ApplySchemaAsync(DbConnection connection, string script, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: readers no longer block the writer, and it survives reopening.
        await using (var wal = Command(connection, null, "PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        await using (var create = Command(connection, transaction, script))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override object TimeValue(DateTimeOffset utc) => utc.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(
            reader.GetString(ordinal), InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    protected override object DateValue(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);
}
