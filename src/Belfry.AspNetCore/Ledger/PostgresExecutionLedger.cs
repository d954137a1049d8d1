using System.Data.Common;
using Npgsql;

namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// The ledger in PostgreSQL, shared by every instance of the service. Each write is one autocommit statement; the
/// claim's <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c> makes concurrent duplicates wait on the row and then see it
/// running, so exactly one wins. Instants are <c>timestamptz</c>, dates <c>date</c>.
/// </summary>
internal sealed class PostgresExecutionLedger : SqlExecutionLedger
{
    /// <summary>Serialises schema creation across processes: 'belfry' in ASCII.</summary>
    private const long SchemaLockKey = 0x62656C667279;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresExecutionLedger(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    protected override string Dialect => "postgres";

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection, null).ConfigureAwait(false);
    }

    protected override async Task ApplySchemaAsync(DbConnection connection, string script, CancellationToken cancellationToken)
    {
        // CREATE TABLE IF NOT EXISTS still races with itself (two sessions can both decide to create); the advisory
        // lock makes concurrent first starts of several instances take turns.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)"))
        {
            Add(lockCommand, "@key", SchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = Command(connection, transaction, script))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override object TimeValue(DateTimeOffset utc) => utc;

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected override object DateValue(DateOnly date) => date;

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);
}
