using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// Applies the embedded <c>db/sqlite/NNNN_name.sql</c> files in version order, each in its own transaction together
/// with its <c>schema_migrations</c> row, so a migration is either fully applied and recorded or not at all.
/// </summary>
internal static class SqliteMigrator
{
    private const string ResourcePrefix = "Belfry.Storage.Sqlite.Migrations.";

    /// <summary>The embedded migrations, ascending by version.</summary>
    public static IReadOnlyList<Migration> All { get; } = EmbeddedMigrations.Load(typeof(SqliteMigrator).Assembly, ResourcePrefix);

    public static async Task MigrateAsync(SqliteConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var create = SqliteSql.Command(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at INTEGER NOT NULL -- UTC ticks
            )
            """))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var migration in All)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var applied = await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken).ConfigureAwait(false);
            if (!applied)
            {
                await using var script = SqliteSql.Command(connection, transaction, migration.Sql);
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await using var record = SqliteSql.Command(connection, transaction,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @appliedAt)")
                    .With("@version", migration.Version)
                    .With("@name", migration.Name)
                    .With("@appliedAt", SqliteValues.Instant(now));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // A newer Belfry has migrated this file past what this build knows: running on it could corrupt data.
        var newest = await SqliteSql.ScalarAsync<long>(connection, null, "SELECT coalesce(max(version), 0) FROM schema_migrations", cancellationToken)
            .ConfigureAwait(false);
        var known = All.Count == 0 ? 0 : All[^1].Version;
        if (newest > known)
        {
            throw new StoreUnavailableException(
                $"The database {connection.DataSource} has schema version {newest}, newer than this Belfry knows ({known}). Upgrade Belfry.");
        }
    }

    private static async Task<bool> IsAppliedAsync(SqliteConnection connection, SqliteTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = SqliteSql.Command(connection, transaction, "SELECT count(*) FROM schema_migrations WHERE version = @version")
            .With("@version", version);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }
}
