namespace Belfry.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server of the calling test's own (initdb/pg_ctl, never <c>BELFRY_TEST_POSTGRES</c>), for a test
/// that restarts it: restarting the process-wide <see cref="PostgresServer"/> would break every other test using it.
/// Disposing it stops the server and deletes its directory. No PostgreSQL binaries: skips locally, fails on CI.
/// </summary>
public sealed class DedicatedPostgresServer : IAsyncDisposable
{
    private readonly ThrowawayCluster _cluster;

    private DedicatedPostgresServer(ThrowawayCluster cluster)
    {
        _cluster = cluster;
        Server = new PostgresServer(cluster.ConnectionString, cluster);
    }

    /// <summary>The server, for <see cref="PostgresServer.CreateDatabaseAsync"/>.</summary>
    public PostgresServer Server { get; }

    public static async Task<DedicatedPostgresServer> StartAsync()
    {
        var (cluster, problem) = await ThrowawayCluster.StartAsync();
        if (cluster is null)
        {
            PostgresServer.Unavailable(problem, "install PostgreSQL (initdb and pg_ctl)");
        }

        return new DedicatedPostgresServer(cluster!);
    }

    /// <summary><c>pg_ctl restart</c>: every connection is closed; returns once the server accepts connections again.</summary>
    public Task RestartAsync() => _cluster.RestartAsync();

    public async ValueTask DisposeAsync() => await _cluster.StopAsync();
}
