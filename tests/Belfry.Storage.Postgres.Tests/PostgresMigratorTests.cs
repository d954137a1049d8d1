using Belfry.Core.Storage;
using Belfry.Testing.Postgres;
using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>The migrator on a real server, each test on a fresh, empty database.</summary>
public sealed class PostgresMigratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void All_EmbeddedFiles_NumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, PostgresMigrator.All.Count), PostgresMigrator.All.Select(m => m.Version));
        Assert.All(PostgresMigrator.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Fact]
    public async Task MigrateAsync_EightNodesStartTogether_EachMigrationAppliedOnceWithoutError()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        const int Nodes = 8;
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < Nodes; i++)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            connections.Add(connection);
        }

        try
        {
            // Every node has its connection open before any starts, so the migrations truly race for the lock.
            using var start = new SemaphoreSlim(0);
            var nodes = connections.Select(async connection =>
            {
                await start.WaitAsync(Ct);
                return await PostgresMigrator.MigrateAsync(connection, Now, Ct);
            }).ToList();
            start.Release(Nodes);
            var applied = await Task.WhenAll(nodes);

            Assert.Equal(PostgresMigrator.All.Count, applied.Sum());
            Assert.Single(applied, count => count > 0);
            Assert.Equal(PostgresMigrator.All.Select(m => (m.Version, m.Name)), await RecordedAsync(connections[0]));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothingAndKeepsTheRecord()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.Equal(PostgresMigrator.All.Count, await PostgresMigrator.MigrateAsync(connection, Now, Ct));

        var again = await PostgresMigrator.MigrateAsync(connection, Now.AddHours(1), Ct);

        Assert.Equal(0, again);
        await using var appliedAt = new NpgsqlCommand("SELECT DISTINCT applied_at FROM schema_migrations", connection);
        Assert.Equal(Now.UtcDateTime, (DateTime)(await appliedAt.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromANewerBelfry_RefusesAndChangesNothing()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await PostgresMigrator.MigrateAsync(connection, Now, Ct);
        var newer = PostgresMigrator.All.Count + 1;
        await using (var insert = new NpgsqlCommand($"INSERT INTO schema_migrations VALUES ({newer}, 'future', now())", connection))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => PostgresMigrator.MigrateAsync(connection, Now, Ct));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains(database.Name, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresMigrator.All.Count + 1, (await RecordedAsync(connection)).Count);
    }

    private static async Task<List<(int Version, string Name)>> RecordedAsync(NpgsqlConnection connection)
    {
        var recorded = new List<(int, string)>();
        await using var select = new NpgsqlCommand("SELECT version, name FROM schema_migrations ORDER BY version", connection);
        await using var reader = await select.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            recorded.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return recorded;
    }
}
