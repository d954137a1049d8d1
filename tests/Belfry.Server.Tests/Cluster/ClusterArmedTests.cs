using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Belfry.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Issue 12, point 2: a change made on one node withdraws the times another node has armed, before that node sends them.
/// Two real servers in-process on one PostgreSQL database, one shared fake clock: node B arms the job's next time, node
/// A pauses (or changes) the job through its API, and B hears it over LISTEN/NOTIFY and drops what it armed.
/// </summary>
public sealed class ClusterArmedTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = BelfryServerFactory.DefaultStart.AddMinutes(1);
    private readonly List<BelfryServerFactory> _nodes = [];
    private PostgresDatabase? _database;
    private RecordingTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _target = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _target.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Armed_OnNodeBThenPausedOnNodeA_NodeBSendsNothing()
    {
        var (a, b) = await StartTwoNodesAsync();
        var apiA = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await apiA.CreateAsync(apiA.Job("nightly", _target.Url("/sync"), "* * * * *", "Etc/UTC"))).Status);

        await CycleAtAsync(b, T.AddSeconds(-1));
        Assert.Equal(1, b.Dispatcher.Armed);

        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (await HearAsync(b, "nightly", heard))
        {
            Assert.Equal(200, (await apiA.ActAsync("nightly", "pause")).Status);
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        await CycleAtAsync(b, T.AddMilliseconds(-500));
        Assert.Equal(0, b.Dispatcher.Armed);
        b.Time.SetUtcNow(T);
        a.Time.SetUtcNow(T);
        await b.Dispatcher.WhenIdleAsync();
        await CycleAtAsync(b, T.AddSeconds(1));

        Assert.Empty(_target.Requests);
        var (_, job) = await new ApiClient(b.CreateClient()).GetAsync("nightly");
        Assert.Equal("PAUSED", (string?)job["state"]);
    }

    [Fact]
    public async Task Armed_OnNodeBThenUriChangedOnNodeA_SentOnceToTheNewUri()
    {
        var (a, b) = await StartTwoNodesAsync();
        var apiA = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await apiA.CreateAsync(apiA.Job("nightly", _target.Url("/old"), "* * * * *", "Etc/UTC"))).Status);
        await CycleAtAsync(b, T.AddSeconds(-1));
        Assert.Equal(1, b.Dispatcher.Armed);

        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (await HearAsync(b, "nightly", heard))
        {
            var (status, _) = await apiA.SendAsync(HttpMethod.Patch, apiA.JobName("nightly") + "?updateMask=httpTarget.uri",
                $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");
            Assert.Equal(200, status);
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        await CycleAtAsync(b, T.AddMilliseconds(-500));
        Assert.Equal(1, b.Dispatcher.Armed);
        b.Time.SetUtcNow(T);
        await b.Dispatcher.WhenIdleAsync();
        await CycleAtAsync(b, T.AddMilliseconds(500));

        var request = Assert.Single(_target.Requests);
        Assert.Equal("/new", request.Path);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
    }

    private async Task<(BelfryServerFactory A, BelfryServerFactory B)> StartTwoNodesAsync()
    {
        _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        foreach (var id in new[] { "node-a", "node-b" })
        {
            var node = new BelfryServerFactory();
            node.Settings["Belfry:Store"] = _database.ConnectionString;
            node.Settings["Belfry:Cluster:NodeId"] = id;

            // The nodes' clock is simulated, the database's is not: measure against the simulated one (offset 0).
            node.ConfigureServices = services => services.AddSingleton<IClockOffsetSource>(
                sp => new TrueTimeOffsetSource(sp.GetRequiredService<INodeStore>(), node.Time, node.Time));
            _ = node.Services;
            _nodes.Add(node);
        }

        return (_nodes[0], _nodes[1]);
    }

    private static async Task CycleAtAsync(BelfryServerFactory node, DateTimeOffset now)
    {
        node.Time.SetUtcNow(now);
        await node.DispatchAsync();
    }

    /// <summary>Completes when <paramref name="node"/> hears, from another node, a change of the job <paramref name="jobId"/>.</summary>
    private static Task<IDisposable> HearAsync(BelfryServerFactory node, string jobId, TaskCompletionSource heard) =>
        Task.FromResult(node.Services.GetRequiredService<IStoreChanges>().Subscribe(change =>
        {
            if (change.Job?.JobId == jobId && change.Kind == StoreChangeKind.JobUpdated)
            {
                heard.TrySetResult();
            }
        }));
}
