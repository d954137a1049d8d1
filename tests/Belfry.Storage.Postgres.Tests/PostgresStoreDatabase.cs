using Npgsql;
using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// A class fixture: one fresh PostgreSQL database per test class, copied from a template migrated once per process by
/// <see cref="PostgresMigrator"/> itself. Created on first use from a test, so that an unavailable PostgreSQL skips
/// (locally) or fails (CI, through <see cref="Belfry.Testing.Postgres.PostgresServer.GetAsync"/>) the tests themselves rather than the fixture.
/// </summary>
public sealed class PostgresStoreDatabase : IAsyncDisposable
{
    private readonly Lazy<Task<ThrowawayDatabase>> _database = new(CreateAsync);

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection((await _database.Value).ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database.IsValueCreated && _database.Value.IsCompletedSuccessfully)
        {
            await (await _database.Value).DisposeAsync();
        }
    }

    private static Task<ThrowawayDatabase> CreateAsync() => MigratedTemplate.CreateDatabaseAsync();
}
