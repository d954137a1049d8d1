using Belfry.Core.Storage;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// Applies the embedded <c>db/postgres/NNNN_name.sql</c> files that a database lacks, all in one transaction with their
/// <c>schema_migrations</c> rows, under a transaction-scoped advisory lock: nodes that start together take turns, the
/// first migrates and the others find nothing left to do (issue 12). DDL is transactional in PostgreSQL, so a failed
/// migration leaves the database as it was.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>The advisory lock key every node migrates under: 'belfry_m' in ASCII (the SDK's ledger uses 'belfry').</summary>
    public const long LockKey = 0x62656C6672795F6D;

    private const string ResourcePrefix = "Belfry.Storage.Postgres.Migrations.";

    /// <summary>The embedded migrations, ascending by version.</summary>
    public static IReadOnlyList<Migration> All { get; } = EmbeddedMigrations.Load(typeof(PostgresMigrator).Assembly, ResourcePrefix);

    /// <summary>Applies the pending migrations, recorded as applied at <paramref name="now"/>; returns how many it applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL
            )
            """, cancellationToken).ConfigureAwait(false);

        var applied = await AppliedVersionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        // A newer Belfry has migrated this database past what this build knows: running on it could corrupt data.
        var known = All.Count == 0 ? 0 : All[^1].Version;
        if (applied.Count > 0 && applied.Max() > known)
        {
            throw new StoreUnavailableException(
                $"The database {connection.Database} has schema version {applied.Max()}, newer than this Belfry knows ({known}). Upgrade Belfry.");
        }

        var count = 0;
        foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @appliedAt)", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("appliedAt", PostgresDialect.ToStored(now));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            count++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var select = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
