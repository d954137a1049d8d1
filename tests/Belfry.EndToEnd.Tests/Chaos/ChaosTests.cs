using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;
using Belfry.Testing.Postgres;

namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>
/// Issue 12, point 5: real <c>belfry serve</c> processes on loopback, 200 jobs every second for a 60 s window, a node
/// killed with SIGKILL at 20 s and started again at 40 s (or PostgreSQL restarted), then the target's own log and the
/// store checked by <see cref="ChaosCheck"/>. Each run is bounded (about 1.5 min; the timeout is the hard stop), and
/// every process and database goes in cleanup, whatever failed.
/// </summary>
[Collection(nameof(ChaosRuns))]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Generous beside the ~90 s a run takes alone: CI runs the other test assemblies at the same time on 2 cores.
    private const int Timeout = 270_000;

    // A lease lasts 10 s from its owner's last renewal, so a time held by the node killed at 20 s is taken over by
    // about 30 s, inside the window, instead of 30 s after the kill with the default lease.
    // Heartbeats every second: the busiest node is picked by the executions in flight its last heartbeat reported, and a
    // count 5 s old may name a node that has meanwhile sent everything it held (then nothing is taken over after the kill).
    private static readonly Dictionary<string, string> NodeEnvironment = new()
    {
        ["Belfry__Dispatch__LeaseDuration"] = "00:00:10",
        ["Belfry__Cluster__HeartbeatInterval"] = "00:00:01",
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "belfry-chaos", Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _cleanup = [];
    private RecordingTarget _target = null!;

    public async ValueTask InitializeAsync() => _target = Track(await RecordingTarget.StartAsync());

    public async ValueTask DisposeAsync()
    {
        // Newest first: the nodes die before their database is dropped, and the database before its server stops.
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            await _cleanup[i].DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task ThreeNodes_Kill9OneAt20sRestartAt40s_EverySecondDeliveredRepeatsOnlyByTakeover()
    {
        var server = await PostgresServer.GetAsync();
        var database = Track(await server.CreateDatabaseAsync());
        var cluster = Track(await BelfryCluster.StartAsync(3, _root, database.ConnectionString, NodeEnvironment));

        // The node with work: one node may hold every job's next time while the others idle (bench/README.md).
        var killed = -1;
        var report = await new ChaosScenario(cluster, _target, output).RunAsync(
            [
                new(TimeSpan.FromSeconds(20), "kill -9 the busiest node", async () =>
                {
                    killed = await cluster.BusiestAsync(TestContext.Current.CancellationToken);
                    output.WriteLine($"killing node {killed}");
                    await cluster.KillAsync(killed);
                }),
                new(TimeSpan.FromSeconds(40), "the killed node started again", () => cluster.RestartAsync(killed)),
            ],
            TestContext.Current.CancellationToken);

        AssertClean(report, cluster);

        // The killed node held the next times of its jobs: they came back under a higher epoch.
        Assert.True(report.MaxEpoch > 1, "nothing was taken over after the kill:\n" + report);
    }

    [Fact(Timeout = Timeout)]
    public async Task ThreeNodes_PostgresRestartedAt20s_NodesReconnectAndEverySecondDelivered()
    {
        // Its own server: restarting the shared one would cut every other test's connections.
        var postgres = Track(await DedicatedPostgresServer.StartAsync());
        var database = Track(await postgres.Server.CreateDatabaseAsync());
        var cluster = Track(await BelfryCluster.StartAsync(3, _root, database.ConnectionString, NodeEnvironment));

        var report = await new ChaosScenario(cluster, _target, output).RunAsync(
            [new(TimeSpan.FromSeconds(20), "pg_ctl restart", postgres.RestartAsync)],
            TestContext.Current.CancellationToken);

        AssertClean(report, cluster);
        Assert.True(cluster.LiveEndpoints.Count == 3, "a node died with the database restart:\n" + cluster.OutputTails());
    }

    [Fact(Timeout = Timeout)]
    public async Task OneSqliteNode_Kill9At20sRestartAt40s_EverySecondDeliveredArmedTimesTakenOver()
    {
        var cluster = Track(await BelfryCluster.StartAsync(1, _root, store: null, NodeEnvironment));

        var report = await new ChaosScenario(cluster, _target, output).RunAsync(
            [
                new(TimeSpan.FromSeconds(20), "kill -9 the node", () => cluster.KillAsync(0)),
                new(TimeSpan.FromSeconds(40), "the node started again", () => cluster.RestartAsync(0)),
            ],
            TestContext.Current.CancellationToken);

        AssertClean(report, cluster);

        // The only node had the next times of all 200 jobs armed when it was killed: they came back with a higher epoch.
        Assert.True(report.MaxEpoch > 1, "nothing was taken over after the kill:\n" + report);
    }

    private static void AssertClean(ChaosReport report, BelfryCluster cluster) =>
        Assert.True(report.Problems.Count == 0 && report.DeliveredPairs == report.ExpectedPairs, $"{report}\n{cluster.OutputTails()}");

    private T Track<T>(T resource)
        where T : IAsyncDisposable
    {
        _cleanup.Add(resource);
        return resource;
    }
}
