using Belfry.Testing.Postgres;
using Npgsql;

namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>The database restart the chaos run relies on really cuts the sessions, and the server comes back with its data.</summary>
public sealed class DedicatedPostgresServerTests
{
    [Fact]
    public async Task RestartAsync_OpenSession_SessionCutAndNewOnesSeeTheData()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await DedicatedPostgresServer.StartAsync();
        await using var database = await postgres.Server.CreateDatabaseAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString();
        await using var before = new NpgsqlConnection(connectionString);
        await before.OpenAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)", before))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await postgres.RestartAsync();

        await using var cut = new NpgsqlCommand("SELECT 1", before);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => cut.ExecuteScalarAsync(ct));
        await using var after = new NpgsqlConnection(connectionString);
        await after.OpenAsync(ct);
        await using var read = new NpgsqlCommand("SELECT x FROM kept", after);
        Assert.Equal(42, await read.ExecuteScalarAsync(ct));
    }
}
