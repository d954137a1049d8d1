using Belfry.Testing.Postgres;
using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// A class fixture: one fresh PostgreSQL database per test class, copied from a template migrated once per process by
/// <see cref="PostgresMigrator"/> itself. Created on first use from a test, so that an unavailable PostgreSQL skips
/// (locally) or fails (CI, through <see cref="PostgresServer.GetAsync"/>) the tests themselves rather than the fixture.
/// </summary>
public sealed class PostgresStoreDatabase : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresDatabase>> _database = new(CreateAsync);

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

    private static async Task<PostgresDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetAsync();
        var template = await server.EnsureTemplateAsync("belfry_store", async connectionString =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await PostgresMigrator.MigrateAsync(connection, DateTimeOffset.UnixEpoch, CancellationToken.None);
        });
        return await server.CreateDatabaseAsync(template);
    }
}
