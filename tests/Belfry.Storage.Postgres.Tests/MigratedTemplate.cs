using Belfry.Testing.Postgres;
using Npgsql;
using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>Fresh databases copied from one template that <see cref="PostgresMigrator"/> migrated once per process.</summary>
internal static class MigratedTemplate
{
    /// <summary>A new database with every migration applied; unavailable PostgreSQL skips locally and fails on CI.</summary>
    public static async Task<ThrowawayDatabase> CreateDatabaseAsync()
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
